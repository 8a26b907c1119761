/**
 * The one login path: throttle per IP (failures only) and per account, verify the password
 * (or spend the same time on a dummy hash when there is no usable account),
 * then start a fresh session. Every outcome is audited; the caller shows one
 * generic message for all failures, so messages never reveal which e-mails exist.
 */
import type { Db } from '#db/client.ts';
import { audit } from '#lib/audit/audit-log.ts';
import { RepeatedEvents, withSuppressed } from '#lib/audit/repeated-events.ts';
import { verifyDummy, verifyPassword } from './password.ts';
import { loginByAccount, loginByIp } from './rate-limit.ts';
import { createSession, deleteExpiredSessions, type Session } from './session.ts';
import { normalizeEmail } from '#lib/http/text-input.ts';
import { findUserByEmail, recordLogin, type UserRow } from '#lib/accounts/users.ts';
import { hasSecondFactor, secondFactorRequired } from './second-factor.ts';
import { startPendingLogin } from './pending-login.ts';
import { recordSessionDevice } from './session-list.ts';

export type LoginResult =
  | { ok: true; token: string; session: Session; user: UserRow }
  | { ok: false; reason: 'invalid' | 'throttled' }
  /** The password was right; the second factor (or its enrolment, `enrol`) comes next at /logga-in/tva-steg. */
  | { ok: false; reason: 'second-factor'; pendingToken: string; expiresAt: Date; enrol: boolean; user: UserRow };

/** The message shown for every failed login, whatever the reason. */
export const LOGIN_FAILED_MESSAGE =
  'Inloggningen misslyckades. Kontrollera e-postadressen och lösenordet. Efter flera misslyckade försök får du vänta några minuter innan du kan försöka igen.';

export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
  /** The browser's User-Agent, shown in the session list on /konto. */
  userAgent?: string | null;
}

/**
 * What the audit log may say about the typed e-mail: people sometimes type their
 * password into the e-mail field, so anything that is not shaped like an
 * address is not logged.
 */
function loggable(key: string): string {
  return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(key) ? key : '(inte en e-postadress)';
}

/** Throttle events: one audit row per source and 10 minutes, the rest counted into the next (issue 20, point 5). */
const throttleEvents = new RepeatedEvents();

async function throttled(db: Db, attempt: LoginAttempt, key: string, now: number): Promise<boolean> {
  if (!(await loginByIp.consume(db, attempt.ip, now))) {
    const repeat = throttleEvents.take(`ip:${attempt.ip}`, now);
    if (!repeat.record) return true;
    await audit(db, {
      action: 'login.throttled',
      targetType: 'ip',
      targetId: attempt.ip,
      outcome: 'locked',
      ip: attempt.ip,
      detail: withSuppressed('för många försök från adressen', repeat.suppressed),
    });
    return true;
  }
  if (!(await loginByAccount.consume(db, key, now))) {
    const repeat = throttleEvents.take(`account:${key}`, now);
    if (!repeat.record) return true;
    const user = await findUserByEmail(db, key);
    await audit(db, {
      action: 'login.lockout',
      targetType: 'account',
      targetId: loggable(key),
      agencyId: user?.agencyId ?? null,
      outcome: 'locked',
      ip: attempt.ip,
      detail: withSuppressed('för många försök mot kontot', repeat.suppressed),
    });
    return true;
  }
  return false;
}

/** Tries to sign in; on success the caller sets the session cookie from `token`. */
export async function attemptLogin(db: Db, attempt: LoginAttempt, now = new Date()): Promise<LoginResult> {
  const key = normalizeEmail(attempt.email).slice(0, 254);
  if (await throttled(db, attempt, key, now.getTime())) return { ok: false, reason: 'throttled' };
  const user = await findUserByEmail(db, key);
  const valid =
    user && user.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, attempt.password)
      : await verifyDummy(attempt.password);
  if (!user || !valid) {
    const why = !user
      ? 'okänt konto'
      : !user.active
        ? 'avstängt konto'
        : !user.passwordHash
          ? 'inget lösenord valt'
          : 'fel lösenord';
    await audit(db, {
      action: 'login.failed',
      targetType: 'account',
      targetId: loggable(key),
      agencyId: user?.agencyId ?? null,
      outcome: 'failed',
      ip: attempt.ip,
      detail: why,
    });
    return { ok: false, reason: 'invalid' };
  }
  // Only failures count against the address: agencies sign in from one NAT address.
  await loginByIp.refund(db, attempt.ip);
  await loginByAccount.reset(db, key);
  const enrolled = await hasSecondFactor(db, user.id);
  if (enrolled || secondFactorRequired(user)) {
    const pending = await startPendingLogin(db, user.id, now);
    await audit(db, {
      actor: { id: user.id, email: user.email },
      action: 'login.password-ok',
      targetType: 'user',
      targetId: user.id,
      agencyId: user.agencyId,
      outcome: 'ok',
      ip: attempt.ip,
      detail: enrolled ? 'väntar på tvåstegskoden' : 'måste slå på tvåstegsverifiering',
    });
    return {
      ok: false,
      reason: 'second-factor',
      pendingToken: pending.token,
      expiresAt: pending.expiresAt,
      enrol: !enrolled,
      user,
    };
  }
  return { ok: true, user, ...(await startSession(db, user, { ip: attempt.ip, userAgent: attempt.userAgent }, now)) };
}

/** Starts the session of a fully signed-in person (after the password, and the second factor when there is one) and audits it. */
export async function startSession(
  db: Db,
  user: Pick<UserRow, 'id' | 'email' | 'agencyId'>,
  client: { ip: string; userAgent?: string | null; detail?: string },
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  await deleteExpiredSessions(db, now);
  const { token, session } = await createSession(db, user.id, now);
  await recordSessionDevice(db, session.id, client.userAgent ?? null);
  await recordLogin(db, user.id, now);
  await audit(db, {
    actor: { id: user.id, email: user.email },
    action: 'login',
    targetType: 'user',
    targetId: user.id,
    agencyId: user.agencyId,
    outcome: 'ok',
    ip: client.ip,
    detail: client.detail,
  });
  return { token, session };
}
