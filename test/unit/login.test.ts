/** The login path: throttling per account and IP, generic failures, audit entries. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '#db/client.ts';
import { auditLog } from '#db/schema.ts';
import { memoryDb } from '../helpers/db.ts';
import { seedAccounts, TEST_PASSWORD, type Fixture } from '../helpers/accounts.ts';
import { attemptLogin } from '#lib/auth/login.ts';
import { loginByAccount, loginByIp } from '#lib/auth/rate-limit.ts';
import { setUserActive } from '#lib/accounts/users.ts';

let db: Db;
let fx: Fixture;
let ipCounter = 0;
const freshIp = () => `10.0.0.${++ipCounter}`;

beforeEach(async () => {
  db = memoryDb();
  fx = await seedAccounts(db);
  await loginByAccount.reset(db, 'lena@a.example');
});

describe('login', () => {
  it('signs in with the right password, any e-mail case, and audits it', async () => {
    const result = await attemptLogin(db, { email: ' LENA@a.example ', password: TEST_PASSWORD, ip: freshIp() });
    expect(result.ok).toBe(true);
    const rows = await db.select().from(auditLog);
    expect(rows.at(-1)).toMatchObject({ action: 'login', outcome: 'ok', actorEmail: 'lena@a.example' });
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
  });

  it('fails the same way for an unknown e-mail, a wrong password and a disabled account', async () => {
    await setUserActive(db, fx.users.learnerB.id, false);
    const results = [
      await attemptLogin(db, { email: 'nobody@a.example', password: TEST_PASSWORD, ip: freshIp() }),
      await attemptLogin(db, { email: 'lena@a.example', password: 'fel-lösenord', ip: freshIp() }),
      await attemptLogin(db, { email: 'bo@b.example', password: TEST_PASSWORD, ip: freshIp() }),
    ];
    expect(results).toEqual([
      { ok: false, reason: 'invalid' },
      { ok: false, reason: 'invalid' },
      { ok: false, reason: 'invalid' },
    ]);
  });

  it('locks an account after 5 failures even with the right password, logs the lockout, and a success resets it', async () => {
    for (let i = 0; i < 5; i++)
      expect((await attemptLogin(db, { email: 'lena@a.example', password: 'fel', ip: freshIp() })).ok).toBe(false);
    const locked = await attemptLogin(db, { email: 'lena@a.example', password: TEST_PASSWORD, ip: freshIp() });
    expect(locked).toEqual({ ok: false, reason: 'throttled' });
    expect(
      (await db.select().from(auditLog)).some(
        (r) => r.action === 'login.lockout' && r.outcome === 'locked' && r.targetId === 'lena@a.example',
      ),
    ).toBe(true);
    // Time passes: the bucket refills (one try per 3 minutes).
    const later = new Date(Date.now() + 4 * 60_000);
    expect(
      (await attemptLogin(db, { email: 'lena@a.example', password: TEST_PASSWORD, ip: freshIp() }, later)).ok,
    ).toBe(true);
    // …and a success forgets the failures.
    for (let i = 0; i < 4; i++)
      await attemptLogin(db, { email: 'lena@a.example', password: 'fel', ip: freshIp() }, later);
    expect(
      (await attemptLogin(db, { email: 'lena@a.example', password: TEST_PASSWORD, ip: freshIp() }, later)).ok,
    ).toBe(true);
  });

  it('unknown accounts are throttled exactly like real ones (no enumeration by lockout)', async () => {
    const ghost = 'ghost@a.example';
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await attemptLogin(db, { email: ghost, password: 'x', ip: freshIp() });
      outcomes.push(r.ok ? 'ok' : r.reason);
    }
    expect(outcomes).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'throttled']);
  });

  it('throttles one IP across many accounts', async () => {
    const ip = '192.0.2.77';
    const results: string[] = [];
    // One instant: on a busy machine 31 hashed attempts take long enough for the bucket to refill a token.
    const at = new Date();
    for (let i = 0; i < loginByIp.options.capacity + 1; i++) {
      const r = await attemptLogin(db, { email: `spray${i}@a.example`, password: 'x', ip }, at);
      results.push(r.ok ? 'ok' : r.reason);
    }
    expect(results.at(-1)).toBe('throttled');
    expect(results.filter((r) => r === 'throttled')).toHaveLength(1);
    await loginByIp.reset(db, ip);
  });

  it('does not log what was typed into the e-mail field when it is not an address (it may be a password)', async () => {
    await attemptLogin(db, { email: 'MittHemligaLösen0rd', password: 'x', ip: freshIp() });
    const dump = JSON.stringify(await db.select().from(auditLog));
    expect(dump).not.toContain('MittHemligaLösen0rd'.toLowerCase());
    expect(dump).toContain('(inte en e-postadress)');
  });
});
