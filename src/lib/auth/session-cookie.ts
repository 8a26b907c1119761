/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and over https Secure
 * with the `__Host-` name prefix (no Domain), so subdomains cannot set it.
 * Astro routes write it through AstroCookies; the HTTP front (which answers
 * a few hot routes before Astro) through `sessionCookieHeader`, with the same
 * attributes.
 */
import type { AstroCookies } from 'astro';
import { servedOverHttps, sessionCookieName } from './auth-config.ts';

function attributes() {
  return { httpOnly: true, sameSite: 'lax', secure: servedOverHttps(), path: '/' } as const;
}

/** Sets the session cookie to expire with the session. */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  cookies.set(sessionCookieName(), token, { ...attributes(), expires: expiresAt });
}

/** Clears the session cookie. */
export function deleteSessionCookie(cookies: AstroCookies): void {
  cookies.set(sessionCookieName(), '', { ...attributes(), maxAge: 0 });
}

/** The token in the request's session cookie, if any. */
export function readSessionCookie(cookies: AstroCookies): string | null {
  return cookies.get(sessionCookieName())?.value || null;
}

/** A Set-Cookie value that sets the cookie (token) or clears it (null), for responses made outside Astro. */
export function sessionCookieHeader(token: string | null, expiresAt?: Date): string {
  const { secure, path } = attributes();
  const lifetime = token === null || !expiresAt ? 'Max-Age=0' : `Expires=${expiresAt.toUTCString()}`;
  return [
    `${sessionCookieName()}=${token ?? ''}`,
    lifetime,
    `Path=${path}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The session token in a raw Cookie header, if any (tokens are base32: nothing to decode). */
export function sessionTokenFromHeader(cookieHeader: string | undefined): string | null {
  const prefix = `${sessionCookieName()}=`;
  for (const part of (cookieHeader ?? '').split(';')) {
    const pair = part.trim();
    if (pair.startsWith(prefix)) return pair.slice(prefix.length) || null;
  }
  return null;
}
