/**
 * The guard every manager report route starts with: signed in (else login),
 * a query string the schema accepts (else 400), a manager or admin (else an
 * audited 403), and a team/agency within their scope (else 404, or an
 * audited 403 naming the other agency). Routes never decide by URL prefix.
 */
import type { APIContext } from 'astro';
import { deny, requireUser } from '#lib/access/guard.ts';
import { resolveReportScope, type ReportScope } from './team-report.ts';
import type { SessionUser } from '#lib/auth/session.ts';
import { parseTeamQuery, type TeamQuery } from './team-query.ts';

type Ctx = Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite' | 'clientAddress' | 'request'>;

export interface TeamRequest {
  user: SessionUser;
  query: TeamQuery;
  scope: ReportScope;
}

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/** The authorized report request, or the Response to send instead. */
export async function teamRequest(ctx: Ctx): Promise<TeamRequest | Response> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  if (user.role !== 'manager' && user.role !== 'admin') return deny(ctx, 'teamrapporter kräver chefsroll');
  const query = parseTeamQuery(ctx.url.searchParams);
  if (!query) return plain(400, 'Ogiltiga filter i adressen.');
  const result = await resolveReportScope(ctx.locals.db, user, { team: query.team, agency: query.myndighet });
  if (result.kind === 'forbidden') return deny(ctx, result.reason);
  if (result.kind === 'denied') return deny(ctx, result.reason, result.agencyId);
  if (result.kind === 'not-found') return new Response(null, { status: 404 });
  return { user, query, scope: result.scope };
}
