/**
 * Page and endpoint guards: "who is asking" comes only from `locals.user`
 * (the session). A handler asks `requireUser` first (401 → login page with a
 * return path), then decides with a rule from access.ts and calls `deny` for
 * a 403, which is logged and audited before the denial page is shown.
 */
import type { APIContext } from 'astro';
import { audit } from '#lib/audit/audit-log.ts';
import type { SessionUser } from '#lib/auth/session.ts';
import { safeReturnPath } from '#lib/auth/return-path.ts';

type Ctx = Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite' | 'clientAddress' | 'request'>;

/** The signed-in user, or a redirect (303) to the login page that comes back here. */
export function requireUser(ctx: Ctx): SessionUser | Response {
  if (ctx.locals.user) return ctx.locals.user;
  const back = safeReturnPath(ctx.url.pathname + ctx.url.search);
  return ctx.redirect(`/logga-in?till=${encodeURIComponent(back)}`, 303);
}

/** The client's address as the server saw it. */
export function clientIp(ctx: Pick<APIContext, 'clientAddress'>): string {
  try {
    return ctx.clientAddress || 'okänd';
  } catch {
    return 'okänd';
  }
}

/** Logs and audits a refused request, then shows the 403 page. */
export async function deny(ctx: Ctx, what: string, agencyId?: number | null): Promise<Response> {
  const user = ctx.locals.user;
  await audit(ctx.locals.db, {
    actor: user ? { id: user.id, email: user.email } : null,
    action: 'access.denied',
    targetType: 'route',
    targetId: `${ctx.request.method} ${ctx.url.pathname}`.slice(0, 300),
    agencyId: agencyId ?? null,
    outcome: 'denied',
    detail: what,
    ip: clientIp(ctx),
  });
  // A fresh GET: the original request's body may already have been read.
  return ctx.rewrite(
    new Request(new URL('/ingen-atkomst', ctx.url), { headers: { cookie: ctx.request.headers.get('cookie') ?? '' } }),
  );
}

/** A positive integer route/query parameter, or null (→ 404). */
export function idParam(value: string | undefined | null): number | null {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  return Number(value);
}
