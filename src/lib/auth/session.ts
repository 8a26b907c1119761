/**
 * Database sessions, the lucia-auth.com way.
 *
 * A row per signed-in browser: id, user_id, SHA-256 of the secret,
 * created_at and last_verified_at (ISO UTC). Lifecycle: `createSession` at
 * login → `validateSessionToken` on every on-demand request (slides the idle
 * expiry, at most once per `renewMs`, and enforces the absolute cap) →
 * `invalidateSession` at logout, `invalidateUserSessions` when the user is
 * disabled, changes password or an admin revokes. A disabled user's session
 * never validates, even if a row were left behind.
 */
import { eq, lt, or, sql } from 'drizzle-orm';
import { engineOf, type Db } from '#db/client.ts';
import { turnBatch } from '#db/batch.ts';
import { rawAll } from '#db/sql.ts';
import { sessions, users } from '#db/schema.ts';
import { sessionSettings, type SessionSettings } from './auth-config.ts';
import { generateToken, parseToken, secretMatches } from './token.ts';
import { perConnection } from '#db/per-connection.ts';

/** The signed-in user as handlers see it: no password hash. */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  agencyId: number;
  teamId: number | null;
  role: 'learner' | 'manager' | 'trainer' | 'admin';
  managerScope: 'team' | 'agency' | null;
}

export interface Session {
  id: string;
  userId: number;
  createdAt: Date;
  lastVerifiedAt: Date;
  /** When the cookie should expire: idle expiry, capped by the absolute limit. */
  expiresAt: Date;
}

/** A valid session and its user, or the discriminated "nobody". */
export type SessionValidation =
  { session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null; renewed: false };

const NOBODY: SessionValidation = { session: null, user: null, renewed: false };

function expiry(createdAt: Date, lastVerifiedAt: Date, settings: SessionSettings): Date {
  return new Date(Math.min(lastVerifiedAt.getTime() + settings.idleMs, createdAt.getTime() + settings.absoluteMs));
}

/** Creates a session for `userId`; the returned token goes into the cookie and nowhere else. */
export async function createSession(
  db: Db,
  userId: number,
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const { token, id, secretHash } = generateToken();
  const at = now.toISOString();
  await db.insert(sessions).values({ id, userId, secretHash, createdAt: at, lastVerifiedAt: at });
  const session = { id, userId, createdAt: now, lastVerifiedAt: now, expiresAt: expiry(now, now, sessionSettings()) };
  return { token, session };
}

/**
 * The lookups every on-demand request makes, prepared once per connection.
 * Two primary-key reads, not a join: SQLite answers the pair in about a third
 * of the join's time (measured with better-sqlite3, 10,000 sessions).
 */
const lookups = perConnection((db) => {
  const id = sql.placeholder('id');
  return {
    session: db.select().from(sessions).where(eq(sessions.id, id)).prepare(),
    user: db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        agencyId: users.agencyId,
        teamId: users.teamId,
        role: users.role,
        managerScope: users.managerScope,
        active: users.active,
      })
      .from(users)
      .where(eq(users.id, id))
      .prepare(),
  };
});

type SessionRow = { session: typeof sessions.$inferSelect; user: Awaited<ReturnType<LookupUser>>[number] };
type LookupUser = ReturnType<typeof lookups>['user']['execute'];

/**
 * PostgreSQL: the lookups of one turn as one join (db/batch.ts), since there
 * a round trip costs more than the reads it carries.
 */
const batchedRows = turnBatch(
  async (db: Db, ids: string[]): Promise<(SessionRow | undefined)[]> => {
    const rows = await rawAll<SessionRow['session'] & Omit<SessionRow['user'], 'id'>>(
      db,
      `select s.id, s.user_id as "userId", s.secret_hash as "secretHash", s.created_at as "createdAt",
         s.last_verified_at as "lastVerifiedAt", u.name, u.email, u.agency_id as "agencyId", u.team_id as "teamId",
         u.role, u.manager_scope as "managerScope", u.active
       from sessions s join users u on u.id = s.user_id where s.id = any($1::text[])`,
      [ids],
    );
    const byId = new Map(
      rows.map(({ id, userId, secretHash, createdAt, lastVerifiedAt, ...user }) => [
        id,
        { session: { id, userId, secretHash, createdAt, lastVerifiedAt }, user: { id: userId, ...user } },
      ]),
    );
    return ids.map((id) => byId.get(id));
  },
  { maxBatch: 500, inFlight: 1 },
);

/** The session row and its user, or undefined. */
async function sessionRow(db: Db, sessionId: string): Promise<SessionRow | undefined> {
  if (engineOf(db) === 'postgres') return batchedRows(db, sessionId);
  const lookup = lookups(db);
  const [session] = await lookup.session.execute({ id: sessionId });
  const [user] = session ? await lookup.user.execute({ id: session.userId }) : [];
  return session && user ? { session, user } : undefined;
}

/**
 * Checks a cookie token: known id, matching secret (constant time), active
 * user, neither idle-expired nor past the absolute cap. Expired rows are
 * deleted. `renewed` tells the caller to re-send the cookie.
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<SessionValidation> {
  const parsed = parseToken(token);
  if (!parsed) return NOBODY;
  const row = await sessionRow(db, parsed.id);
  if (!row || !secretMatches(parsed.secret, row.session.secretHash)) return NOBODY;
  if (!row.user.active) {
    await invalidateUserSessions(db, row.user.id);
    return NOBODY;
  }
  const settings = sessionSettings();
  const createdAt = new Date(row.session.createdAt);
  let lastVerifiedAt = new Date(row.session.lastVerifiedAt);
  if (now.getTime() >= expiry(createdAt, lastVerifiedAt, settings).getTime()) {
    await invalidateSession(db, row.session.id);
    return NOBODY;
  }
  const renewed = now.getTime() - lastVerifiedAt.getTime() >= settings.renewMs;
  if (renewed) {
    lastVerifiedAt = now;
    await db.update(sessions).set({ lastVerifiedAt: now.toISOString() }).where(eq(sessions.id, row.session.id));
  }
  const { id, name, email, agencyId, teamId, role, managerScope } = row.user;
  return {
    session: {
      id: row.session.id,
      userId: row.user.id,
      createdAt,
      lastVerifiedAt,
      expiresAt: expiry(createdAt, lastVerifiedAt, settings),
    },
    user: { id, name, email, agencyId, teamId, role, managerScope },
    renewed,
  };
}

/** Deletes one session (logout). */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Deletes every session of a user (disable, password change, admin revoke); returns how many. */
export async function invalidateUserSessions(db: Db, userId: number): Promise<number> {
  return (await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })).length;
}

/** How many live session rows a user has (admin view). */
export async function countUserSessions(db: Db, userId: number): Promise<number> {
  return (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).length;
}

/** Deletes sessions past their idle expiry or absolute cap (rows of browsers that never came back). */
export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const settings = sessionSettings();
  const idleBefore = new Date(now.getTime() - settings.idleMs).toISOString();
  const createdBefore = new Date(now.getTime() - settings.absoluteMs).toISOString();
  const deleted = await db
    .delete(sessions)
    .where(or(lt(sessions.lastVerifiedAt, idleBefore), lt(sessions.createdAt, createdBefore)))
    .returning({ id: sessions.id });
  return deleted.length;
}
