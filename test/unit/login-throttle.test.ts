/**
 * Throttling that fits agencies (issue #16): everybody in an agency signs in
 * from one NAT address, so the per-IP bucket counts failures only. 500
 * colleagues from one address within 10 minutes all get in, a few typos
 * included; guessing one account, or spraying many, from that address stays throttled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '#db/client.ts';
import { agencies, users } from '#db/schema.ts';
import { attemptLogin } from '#lib/auth/login.ts';
import { loginByAccount, loginByIp } from '#lib/auth/rate-limit.ts';
import { memoryDb } from '../helpers/db.ts';
import { TEST_PASSWORD, testHash } from '../helpers/accounts.ts';

let db: Db;
const PEOPLE = 500;
const email = (i: number) => `person${i}@nat.example`;

beforeAll(async () => {
  db = memoryDb();
  const [agency] = await db.insert(agencies).values({ code: 'NAT', name: 'Myndigheten bakom NAT' }).returning();
  const passwordHash = await testHash();
  const rows = Array.from({ length: PEOPLE }, (_, i) => ({
    name: `Person ${i}`,
    email: email(i),
    agencyId: agency.id,
    role: 'learner' as const,
    passwordHash,
  }));
  for (let i = 0; i < rows.length; i += 100) await db.insert(users).values(rows.slice(i, i + 100));
});

describe('per-IP throttling counts failures only', () => {
  it(`lets ${PEOPLE} people sign in from one address within 10 minutes, with 20 typos among them`, async () => {
    const ip = '192.0.2.10';
    const start = Date.parse('2026-12-07T07:50:00Z');
    const step = (10 * 60_000) / PEOPLE; // all inside 10 minutes
    let refused = 0;
    for (let i = 0; i < PEOPLE; i++) {
      const at = new Date(start + i * step);
      if (i % 25 === 0) {
        const typo = await attemptLogin(db, { email: email(i), password: 'fel lösenord', ip }, at);
        expect(typo).toEqual({ ok: false, reason: 'invalid' });
      }
      const result = await attemptLogin(db, { email: email(i), password: TEST_PASSWORD, ip }, at);
      if (!result.ok) refused += 1;
    }
    expect(refused).toBe(0);
  }, 600_000);

  it('still throttles guessing one account: the 6th try is refused, even with the right password', async () => {
    const ip = '192.0.2.20';
    const at = new Date('2026-12-07T09:00:00Z');
    for (let i = 0; i < 5; i++)
      expect(await attemptLogin(db, { email: email(1), password: `gissning ${i}`, ip }, at)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    expect(await attemptLogin(db, { email: email(1), password: TEST_PASSWORD, ip }, at)).toEqual({
      ok: false,
      reason: 'throttled',
    });
    await loginByAccount.reset(db, email(1));
  });

  it('still throttles spraying many accounts from one address once 30 guesses have failed', async () => {
    const ip = '192.0.2.30';
    const at = new Date('2026-12-07T10:00:00Z');
    for (let i = 0; i < loginByIp.options.capacity; i++)
      expect((await attemptLogin(db, { email: email(100 + i), password: 'sommar2024', ip }, at)).ok).toBe(false);
    expect(await attemptLogin(db, { email: email(200), password: TEST_PASSWORD, ip }, at)).toEqual({
      ok: false,
      reason: 'throttled',
    });
    // Ten seconds later one more attempt is allowed (6 a minute), and a correct one does not use it up.
    const later = new Date(at.getTime() + 10_000);
    expect((await attemptLogin(db, { email: email(200), password: TEST_PASSWORD, ip }, later)).ok).toBe(true);
    expect((await attemptLogin(db, { email: email(201), password: TEST_PASSWORD, ip }, later)).ok).toBe(true);
  });
});
