/**
 * The sessions a person can see and end on /konto: one row per signed-in
 * browser with its device (from the User-Agent it signed in with) and last
 * use (`last_verified_at`, renewed at most hourly).
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { sessionDevices, sessions } from '#db/schema.ts';

export interface SessionListItem {
  id: string;
  device: string;
  createdAt: string;
  lastUsedAt: string;
}

/** Records the browser a session started in. */
export async function recordSessionDevice(db: Db, sessionId: string, userAgent: string | null): Promise<void> {
  await db
    .insert(sessionDevices)
    .values({ sessionId, userAgent: (userAgent ?? '').slice(0, 400) })
    .onConflictDoNothing();
}

/** "Firefox på Windows", "Safari på iPhone", or "Okänd webbläsare". Pure. */
export function deviceLabel(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /iPhone|iPad/.test(userAgent)
    ? 'iPhone/iPad'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'Mac'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (!browser && !system) return 'Okänd webbläsare';
  return [browser ?? 'Webbläsare', system].filter(Boolean).join(' på ');
}

/** The person's sessions, most recently used first. */
export async function listUserSessions(db: Db, userId: number): Promise<SessionListItem[]> {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastVerifiedAt,
      userAgent: sessionDevices.userAgent,
    })
    .from(sessions)
    .leftJoin(sessionDevices, eq(sessionDevices.sessionId, sessions.id))
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastVerifiedAt));
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    device: deviceLabel(r.userAgent ?? ''),
  }));
}

/** Ends one of the person's own sessions; false when it is not theirs (nothing deleted). */
export async function endOwnSession(db: Db, userId: number, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length === 1;
}

/** Ends every session of the person except `keepId`; returns how many. */
export async function endOtherSessions(db: Db, userId: number, keepId: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    .returning({ id: sessions.id });
  return deleted.length;
}
