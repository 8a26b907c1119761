/**
 * Sessions: create, validate, slide, idle expiry, absolute cap, logout,
 * disable, password change; the token is never stored in clear.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '#db/schema.ts';
import type { Db } from '#db/client.ts';
import { memoryDb, rows } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import { createSession, invalidateSession, invalidateUserSessions, validateSessionToken } from '#lib/auth/session.ts';
import { setUserActive, setUserPassword } from '#lib/accounts/users.ts';
import { hashSecret, parseToken } from '#lib/auth/token.ts';

const HOUR = 3_600_000;
let db: Db;
let fx: Fixture;
const t0 = new Date('2026-12-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

beforeEach(async () => {
  delete process.env.SESSION_IDLE_HOURS;
  delete process.env.SESSION_MAX_DAYS;
  db = memoryDb();
  fx = await seedAccounts(db);
});
afterEach(() => db.$client.close());

describe('session', () => {
  it('creates a token of 128-bit id and 256-bit secret and stores only SHA-256 of the secret', async () => {
    const { token, session } = await createSession(db, fx.users.learnerA.id, t0);
    const parts = parseToken(token)!;
    expect(parts.id).toBe(session.id);
    expect(parts.id.length).toBe(26); // 16 bytes base32
    expect(parts.secret.length).toBe(52); // 32 bytes base32
    const row = (await db.select().from(sessions).where(eq(sessions.id, session.id)))[0]!;
    expect(Buffer.from(row.secretHash).equals(hashSecret(parts.secret))).toBe(true);
    const dump = JSON.stringify(await rows(db, 'select * from sessions'));
    expect(dump).not.toContain(parts.secret);
  });

  it('validates a fresh token and returns the user without a password hash', async () => {
    const { token } = await createSession(db, fx.users.learnerA.id, t0);
    const result = await validateSessionToken(db, token, at(1000));
    expect(result.user?.email).toBe('lena@a.example');
    expect(result.user).not.toHaveProperty('passwordHash');
    expect(result.renewed).toBe(false);
  });

  it('refuses a wrong secret, a malformed token and an unknown id', async () => {
    const { token } = await createSession(db, fx.users.learnerA.id, t0);
    const [id] = token.split('.');
    for (const bad of [
      `${id}.${'a'.repeat(52)}`,
      'nonsense',
      `${id}`,
      `${'b'.repeat(26)}.${token.split('.')[1]}`,
      `${token}.x`,
      '',
    ]) {
      expect((await validateSessionToken(db, bad, at(1000))).session, bad).toBeNull();
    }
  });

  it('slides: renews last_verified_at at most hourly and moves the expiry', async () => {
    const { token, session } = await createSession(db, fx.users.learnerA.id, t0);
    const early = await validateSessionToken(db, token, at(30 * 60_000));
    expect(early.renewed).toBe(false);
    const later = await validateSessionToken(db, token, at(HOUR + 1000));
    expect(later.renewed).toBe(true);
    expect(later.session!.expiresAt.getTime()).toBeGreaterThan(session.expiresAt.getTime());
    // 7 h after the renewal (8 h after creation) it is still alive thanks to the slide.
    expect((await validateSessionToken(db, token, at(8 * HOUR + 30_000))).session).not.toBeNull();
  });

  it('expires after 8 idle hours and deletes the row', async () => {
    const { token, session } = await createSession(db, fx.users.learnerA.id, t0);
    expect((await validateSessionToken(db, token, at(8 * HOUR))).session).toBeNull();
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0]).toBeUndefined();
  });

  it('honours SESSION_IDLE_HOURS', async () => {
    process.env.SESSION_IDLE_HOURS = '1';
    const { token } = await createSession(db, fx.users.learnerA.id, t0);
    expect((await validateSessionToken(db, token, at(HOUR - 1000))).session).not.toBeNull();
    expect((await validateSessionToken(db, token, at(3 * HOUR))).session).toBeNull();
  });

  it('ends at the absolute cap of 7 days however active', async () => {
    const { token } = await createSession(db, fx.users.learnerA.id, t0);
    for (let h = 1; h < 7 * 24; h += 2) {
      expect((await validateSessionToken(db, token, at(h * HOUR))).session, `hour ${h}`).not.toBeNull();
    }
    expect((await validateSessionToken(db, token, at(7 * 24 * HOUR))).session).toBeNull();
  });

  it('logout deletes the session server-side', async () => {
    const { token, session } = await createSession(db, fx.users.learnerA.id, t0);
    await invalidateSession(db, session.id);
    expect((await validateSessionToken(db, token, at(1000))).session).toBeNull();
  });

  it('disabling a user deletes all their sessions and an old token stays dead after re-enabling', async () => {
    const one = await createSession(db, fx.users.learnerA.id, t0);
    const two = await createSession(db, fx.users.learnerA.id, t0);
    const other = await createSession(db, fx.users.learnerB.id, t0);
    await setUserActive(db, fx.users.learnerA.id, false);
    expect((await validateSessionToken(db, one.token, at(1000))).session).toBeNull();
    expect((await validateSessionToken(db, two.token, at(1000))).session).toBeNull();
    expect((await validateSessionToken(db, other.token, at(1000))).session).not.toBeNull();
    await setUserActive(db, fx.users.learnerA.id, true);
    expect((await validateSessionToken(db, one.token, at(2000))).session).toBeNull();
  });

  it('a password change deletes all sessions of the user', async () => {
    const one = await createSession(db, fx.users.learnerA.id, t0);
    await setUserPassword(db, fx.users.learnerA.id, 'x');
    expect((await validateSessionToken(db, one.token, at(1000))).session).toBeNull();
  });

  it('admin revoke deletes every session of one user and counts them', async () => {
    await createSession(db, fx.users.learnerA.id, t0);
    await createSession(db, fx.users.learnerA.id, t0);
    expect(await invalidateUserSessions(db, fx.users.learnerA.id)).toBe(2);
  });
});

describe('session clean-up', () => {
  it('deletes only rows past idle expiry or the absolute cap', async () => {
    const { deleteExpiredSessions } = await import('#lib/auth/session.ts');
    const idle = await createSession(db, fx.users.learnerA.id, t0);
    const live = await createSession(db, fx.users.learnerB.id, at(5 * HOUR));
    expect(await deleteExpiredSessions(db, at(9 * HOUR))).toBe(1);
    expect((await validateSessionToken(db, idle.token, at(9 * HOUR))).session).toBeNull();
    expect((await validateSessionToken(db, live.token, at(9 * HOUR))).session).not.toBeNull();
  });
});
