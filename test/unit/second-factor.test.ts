import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencies, mailOutbox, recoveryCodes, userTotp } from '#db/schema.ts';
import { createUser } from '#lib/accounts/users.ts';
import {
  confirmEnrolment,
  enrolmentSecret,
  removeSecondFactor,
  secondFactorRequired,
  verifySecondFactor,
} from '#lib/auth/second-factor.ts';
import { matchingStep, totpCode, totpStep } from '#lib/auth/totp.ts';
import { attemptLogin } from '#lib/auth/login.ts';
import { findPendingLogin } from '#lib/auth/pending-login.ts';
import { deviceLabel } from '#lib/auth/session-list.ts';
import { demoCode, seedDemoTotp } from '#lib/demo/demo-totp.ts';
import { memoryDb } from '../helpers/db.ts';
import { TEST_PASSWORD, testHash } from '../helpers/accounts.ts';

async function person(role: 'admin' | 'manager' | 'learner' = 'admin') {
  const db = memoryDb();
  const [agency] = await db.insert(agencies).values({ code: 'FK', name: 'Försäkringskassan' }).returning();
  const made = await createUser(db, {
    name: 'Ada Admin',
    email: `${role}@fk.example`,
    agencyId: agency.id,
    teamId: null,
    role,
    managerScope: role === 'manager' ? 'agency' : null,
    passwordHash: await testHash(),
  });
  if (!made.ok) throw new Error(made.error);
  return { db, user: { id: made.id, email: `${role}@fk.example`, name: 'Ada Admin', role } };
}

const T0 = new Date('2026-12-07T08:00:10Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('TOTP', () => {
  it('matches RFC 6238 test vector (SHA-1, 59 s → 94287082 in 8 digits; the 6 last digits)', () => {
    const key = new TextEncoder().encode('12345678901234567890');
    expect(totpCode(key, totpStep(new Date(59_000)))).toBe('287082');
    expect(totpCode(key, totpStep(new Date(1111111109_000)))).toBe('081804');
  });

  it('accepts one step of drift, never a step already used', () => {
    const key = new TextEncoder().encode('12345678901234567890');
    const now = new Date(1111111109_000);
    const step = totpStep(now);
    expect(matchingStep(key, totpCode(key, step - 1), now, 0)).toBe(step - 1);
    expect(matchingStep(key, totpCode(key, step + 1), now, 0)).toBe(step + 1);
    expect(matchingStep(key, totpCode(key, step - 2), now, 0)).toBeNull();
    expect(matchingStep(key, totpCode(key, step), now, step)).toBeNull();
    expect(matchingStep(key, 'abcdef', now, 0)).toBeNull();
  });
});

describe('second factor', () => {
  it('enrols with the first code, stores ten hashed recovery codes and queues a notice', async () => {
    const { db, user } = await person();
    const secret = (await enrolmentSecret(db, user.id))!;
    expect(await confirmEnrolment(db, user, '000000', T0)).toBeNull();
    const codes = (await confirmEnrolment(db, user, totpCode(secret, totpStep(T0)), T0))!;
    expect(codes).toHaveLength(10);
    const stored = await db.select().from(recoveryCodes);
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace(/-/g, ''));
    expect((await db.select().from(mailOutbox)).map((m) => m.kind)).toEqual(['notice.second-factor-on']);
    // A confirmed secret is never replaced by a new enrolment.
    expect(await enrolmentSecret(db, user.id)).toBeNull();
  });

  it('uses each TOTP code and each recovery code once', async () => {
    const { db, user } = await person();
    const secret = (await enrolmentSecret(db, user.id))!;
    const codes = (await confirmEnrolment(db, user, totpCode(secret, totpStep(T0)), T0))!;
    // The enrolment code is spent; the next step's code works once.
    expect(await verifySecondFactor(db, user.id, totpCode(secret, totpStep(T0)), T0)).toBeNull();
    const next = totpCode(secret, totpStep(at(30)));
    expect(await verifySecondFactor(db, user.id, next, at(30))).toBe('totp');
    expect(await verifySecondFactor(db, user.id, next, at(31))).toBeNull();
    expect(await verifySecondFactor(db, user.id, codes[3].toUpperCase(), at(40))).toBe('recovery');
    expect(await verifySecondFactor(db, user.id, codes[3], at(41))).toBeNull();
    expect(await verifySecondFactor(db, user.id, 'aaaa-bbbb-cccc', at(41))).toBeNull();
  });

  it('is required for admins and managers, optional for others', () => {
    expect(secondFactorRequired({ role: 'admin' }, {})).toBe(true);
    expect(secondFactorRequired({ role: 'manager' }, {})).toBe(true);
    expect(secondFactorRequired({ role: 'trainer' }, {})).toBe(false);
    expect(secondFactorRequired({ role: 'learner' }, {})).toBe(false);
  });

  it('a correct password of an admin leads to the second step, not to a session', async () => {
    const { db, user } = await person('admin');
    const result = await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: '10.9.0.1' }, T0);
    expect(result).toMatchObject({ ok: false, reason: 'second-factor', enrol: true });
    if (result.ok || result.reason !== 'second-factor') throw new Error('unreachable');
    expect((await findPendingLogin(db, result.pendingToken, T0))?.user.id).toBe(user.id);
    expect(await findPendingLogin(db, result.pendingToken, at(11 * 60))).toBeNull();
    expect(await findPendingLogin(db, `${result.pendingToken}x`, T0)).toBeNull();
  });

  it('a learner with a second factor gets the second step too; without, a session', async () => {
    const { db, user } = await person('learner');
    expect((await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: '10.9.0.2' }, T0)).ok).toBe(true);
    const secret = (await enrolmentSecret(db, user.id))!;
    await confirmEnrolment(db, user, totpCode(secret, totpStep(T0)), T0);
    expect(await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: '10.9.0.2' }, T0)).toMatchObject({
      reason: 'second-factor',
      enrol: false,
    });
    await removeSecondFactor(db, user);
    expect(await db.select().from(userTotp).where(eq(userTotp.userId, user.id))).toHaveLength(0);
  });

  it('demo: admins and managers get the known secret, and the shown code is the next unused one', async () => {
    const { db, user } = await person('manager');
    expect(await seedDemoTotp(db, T0)).toBe(1);
    const code = demoCode(0, T0)!;
    expect(await verifySecondFactor(db, user.id, code, T0)).toBe('totp');
    const [row] = await db.select().from(userTotp);
    const second = demoCode(row.lastUsedStep, T0)!;
    expect(second).not.toBe(code);
    expect(await verifySecondFactor(db, user.id, second, T0)).toBe('totp');
    const [after] = await db.select().from(userTotp);
    expect(demoCode(after.lastUsedStep, T0)).toBeNull();
  });
});

describe('deviceLabel', () => {
  it('names browser and system in Swedish', () => {
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox på Windows',
    );
    expect(
      deviceLabel(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari på iPhone/iPad');
    expect(deviceLabel('')).toBe('Okänd webbläsare');
  });
});
