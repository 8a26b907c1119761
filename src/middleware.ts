/**
 * One job: turn the session cookie into typed `locals.user` / `locals.session`
 * on on-demand routes (prerendered pages are skipped: they cannot know the
 * user). Renews the cookie when the session slid, clears it when invalid, and
 * marks every on-demand response `Cache-Control: no-store` (they are personal
 * or carry forms). It authorizes nothing: each handler does that itself.
 */
import { defineMiddleware } from 'astro:middleware';
import { getDb } from '#db/client.ts';
import { validateSessionToken } from '#lib/auth/session.ts';
import { deleteSessionCookie, readSessionCookie, setSessionCookie } from '#lib/auth/session-cookie.ts';

export const onRequest = defineMiddleware(async (ctx, next) => {
  ctx.locals.user = null;
  ctx.locals.session = null;
  if (ctx.isPrerendered) return next();
  const token = readSessionCookie(ctx.cookies);
  if (token) {
    const result = await validateSessionToken(getDb(), token);
    if (result.session) {
      ctx.locals.user = result.user;
      ctx.locals.session = result.session;
      if (result.renewed) setSessionCookie(ctx.cookies, token, result.session.expiresAt);
    } else {
      deleteSessionCookie(ctx.cookies);
    }
  }
  const response = await next();
  // Redirects made with Response.redirect() have immutable headers; ours are mutable, the front's default then stays.
  try {
    response.headers.set('Cache-Control', 'no-store');
  } catch {
    /* immutable headers */
  }
  return response;
});
