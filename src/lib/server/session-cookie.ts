/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and over https Secure
 * with the `__Host-` name prefix (no Domain), so subdomains cannot set it.
 */
import type { AstroCookies } from 'astro';
import { servedOverHttps, sessionCookieName } from './auth-config.ts';

/** Sets the session cookie to expire with the session. */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  cookies.set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: servedOverHttps(),
    path: '/',
    expires: expiresAt,
  });
}

/** Clears the session cookie. */
export function deleteSessionCookie(cookies: AstroCookies): void {
  cookies.set(sessionCookieName(), '', { httpOnly: true, sameSite: 'lax', secure: servedOverHttps(), path: '/', maxAge: 0 });
}

/** The token in the request's session cookie, if any. */
export function readSessionCookie(cookies: AstroCookies): string | null {
  return cookies.get(sessionCookieName())?.value || null;
}
