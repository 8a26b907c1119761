/**
 * Self-service "Glömt lösenord?". The answer is the same whether the address
 * belongs to an account or not: an active account with a password or a
 * pending invitation gets a new link by e-mail, anybody else nothing.
 * Throttled per IP and per address so the form cannot be used to flood a
 * mailbox or to probe addresses; every request is audited.
 */
import type { Db } from '#db/client.ts';
import { audit } from '#lib/audit/audit-log.ts';
import { findUserByEmail } from '#lib/accounts/users.ts';
import { normalizeEmail } from '#lib/http/text-input.ts';
import { resetMail } from '#lib/mail/messages.ts';
import { createResetToken } from './password-reset.ts';
import { TokenBuckets } from './rate-limit.ts';

/** Reset requests per client IP: 10, then one a minute. */
export const resetByIp = new TokenBuckets('reset-ip', { capacity: 10, refillPerMinute: 1 });
/** Reset mails per address: 3, then one every 20 minutes. */
export const resetByAccount = new TokenBuckets('reset-account', { capacity: 3, refillPerMinute: 1 / 20 });

/** The one answer to every accepted request. */
export const RESET_REQUESTED_MESSAGE =
  'Om adressen hör till ett konto i Kompetensnav har vi skickat ett e-postmeddelande med en länk för att välja ett nytt lösenord. Länken gäller en gång och under en begränsad tid. Kolla även skräpposten.';

export type ResetRequestResult = { ok: true } | { ok: false; reason: 'throttled' };

/** Handles one request; `ok` says nothing about whether the account exists. */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string },
  now = new Date(),
): Promise<ResetRequestResult> {
  const email = normalizeEmail(input.email).slice(0, 254);
  if (
    !(await resetByIp.consume(db, input.ip, now.getTime())) ||
    !(await resetByAccount.consume(db, email, now.getTime()))
  ) {
    await audit(db, {
      action: 'password.reset-request',
      targetType: 'ip',
      targetId: input.ip,
      outcome: 'locked',
      ip: input.ip,
    });
    return { ok: false, reason: 'throttled' };
  }
  const user = await findUserByEmail(db, email);
  const eligible = user !== null && user.active;
  if (eligible) {
    await createResetToken(db, user.id, now, (token, expiresAt) => resetMail(user, token, expiresAt));
  }
  await audit(db, {
    action: 'password.reset-request',
    targetType: eligible ? 'user' : 'account',
    targetId: eligible ? user.id : '(okänd eller avstängd)',
    agencyId: user?.agencyId ?? null,
    outcome: eligible ? 'ok' : 'failed',
    ip: input.ip,
  });
  return { ok: true };
}
