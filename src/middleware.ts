/**
 * One job: give on-demand routes their typed `locals` — the database handle
 * (`locals.db`: the one place pages get it; they never import db/) and the
 * session cookie turned into `locals.user` / `locals.session` (prerendered pages are skipped: they cannot know the
 * user). Renews the cookie when the session slid, clears it when invalid, and
 * marks every on-demand response `Cache-Control: no-store` (they are personal
 * or carry forms). It authorizes nothing: each handler does that itself.
 * Before any of that it refuses what no route may get (`refuseRequest`): a
 * method the route does not handle (405) and a state change from another
 * origin (403), whatever the content type.
 */
import { defineMiddleware } from 'astro:middleware';
import type { APIContext, MiddlewareNext } from 'astro';
import { answerUnhandledPost, refuseRequest } from '#lib/http/request-guard.ts';

/**
 * The database and session modules, imported by the first on-demand request. The build prerenders every
 * course page through this middleware too, and loading drizzle-orm and pg for pages that skip it cost
 * the build ~1 s of CPU.
 */
const serverModules = async () => {
  const [client, session, cookie] = await Promise.all([
    import('#db/client.ts'),
    import('#lib/auth/session.ts'),
    import('#lib/auth/session-cookie.ts'),
  ]);
  return { ...client, ...session, ...cookie };
};
let loaded: ReturnType<typeof serverModules> | null = null;

export const onRequest = defineMiddleware(async (ctx, next) => {
  try {
    return await handle(ctx, next);
  } catch (error) {
    // PostgreSQL away (restart, failover): 503 with a message; the pool reconnects by itself when it returns.
    const { isDatabaseUnavailable, DATABASE_UNAVAILABLE_MESSAGE } = await (loaded ??= serverModules());
    if (!isDatabaseUnavailable(error)) throw error;
    return new Response(DATABASE_UNAVAILABLE_MESSAGE, {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5', 'Cache-Control': 'no-store' },
    });
  }
});

const handle = async (ctx: APIContext, next: MiddlewareNext): Promise<Response> => {
  ctx.locals.user = null;
  ctx.locals.session = null;
  if (ctx.isPrerendered) return next();
  const refused = refuseRequest(ctx);
  if (refused) return refused;
  const { getDb, validateSessionToken, readSessionCookie, setSessionCookie, deleteSessionCookie } = await (loaded ??=
    serverModules());
  const db = getDb();
  ctx.locals.db = db;
  const token = readSessionCookie(ctx.cookies);
  if (token) {
    const result = await validateSessionToken(db, token);
    if (result.session) {
      ctx.locals.user = result.user;
      ctx.locals.session = result.session;
      if (result.renewed) setSessionCookie(ctx.cookies, token, result.session.expiresAt);
    } else {
      deleteSessionCookie(ctx.cookies);
    }
  }
  const response = answerUnhandledPost(ctx, await next());
  // Redirects made with Response.redirect() have immutable headers; ours are mutable, the front's default then stays.
  try {
    response.headers.set('Cache-Control', 'no-store');
  } catch {
    /* immutable headers */
  }
  return response;
};
