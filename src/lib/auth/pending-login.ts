/**
 * Sign-ins halfway: the password was right and the second factor (or, for
 * admins and managers without one, its enrolment) is still to come. A row in
 * pending_logins with a token like a session's, in a cookie scoped to
 * /logga-in, for 10 minutes. Lifecycle: `startPendingLogin` after the
 * password → `findPendingLogin` on the second-step page → `endPendingLogin`
 * when the session starts (or the person gives up and it expires).
 */
import { eq, lt } from 'drizzle-orm';
import type { AstroCookies } from 'astro';
import type { Db } from '#db/client.ts';
import { pendingLogins, users } from '#db/schema.ts';
import { servedOverHttps } from './auth-config.ts';
import { generateToken, parseToken, secretMatches } from './token.ts';

const LIFETIME_MS = 10 * 60_000;
export const PENDING_COOKIE = 'inloggning-steg2';
export const SECOND_STEP_PATH = '/logga-in/tva-steg';

/** Starts a pending sign-in for `userId`; returns the token for the cookie. */
export async function startPendingLogin(
  db: Db,
  userId: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const { token, id, secretHash } = generateToken();
  const expiresAt = new Date(now.getTime() + LIFETIME_MS);
  await db.delete(pendingLogins).where(lt(pendingLogins.expiresAt, now.toISOString()));
  await db
    .insert(pendingLogins)
    .values({ id, userId, secretHash, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return { token, expiresAt };
}

/** The pending sign-in and its (active) user for a cookie token, or null. */
export async function findPendingLogin(
  db: Db,
  token: string | undefined,
  now = new Date(),
): Promise<{ id: string; user: typeof users.$inferSelect } | null> {
  const parsed = token ? parseToken(token) : null;
  if (!parsed) return null;
  const row = (
    await db
      .select({ pending: pendingLogins, user: users })
      .from(pendingLogins)
      .innerJoin(users, eq(users.id, pendingLogins.userId))
      .where(eq(pendingLogins.id, parsed.id))
      .limit(1)
  )[0];
  if (!row || !secretMatches(parsed.secret, row.pending.secretHash)) return null;
  if (new Date(row.pending.expiresAt).getTime() <= now.getTime() || !row.user.active) {
    await endPendingLogin(db, row.pending.id);
    return null;
  }
  return { id: row.pending.id, user: row.user };
}

/** Deletes a pending sign-in (done, or abandoned). */
export async function endPendingLogin(db: Db, id: string): Promise<void> {
  await db.delete(pendingLogins).where(eq(pendingLogins.id, id));
}

/** Sets the pending cookie: HttpOnly, SameSite=Lax, only sent to /logga-in, Secure over https. */
export function setPendingCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  cookies.set(PENDING_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: servedOverHttps(),
    path: '/logga-in',
    expires: expiresAt,
  });
}

/** Clears the pending cookie. */
export function clearPendingCookie(cookies: AstroCookies): void {
  cookies.delete(PENDING_COOKIE, { path: '/logga-in' });
}
