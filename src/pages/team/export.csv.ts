/**
 * CSV export of the team's (or agency's) progress: one row per participant
 * and course, for Swedish Excel. Same guard and scope as the dashboard;
 * every export is audited.
 */
import type { APIRoute } from 'astro';
import { audit } from '#lib/audit/audit-log.ts';
import { clientIp } from '#lib/access/guard.ts';
import { teamMatrix } from '#lib/team-report/team-report.ts';
import { teamRequest } from '#lib/team-report/team-request.ts';
import { loadCatalog } from '#lib/content/collections.ts';
import { toReportCourses } from '#lib/content/report-catalog.ts';
import { csvHeaders } from '#lib/http/csv.ts';
import { teamCsv } from '#lib/team-report/team-csv.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const req = await teamRequest(ctx);
  if (req instanceof Response) return req;
  const { user, scope } = req;
  const db = ctx.locals.db;
  const courses = toReportCourses(await loadCatalog());
  const { rows } = await teamMatrix(db, scope, courses);
  const body = teamCsv(rows, courses);
  await audit(db, {
    actor: user,
    action: 'team.export.csv',
    targetType: scope.teamId ? 'team' : 'agency',
    targetId: scope.teamId ?? scope.agencyId,
    agencyId: scope.agencyId,
    outcome: 'ok',
    detail: `${rows.length} deltagare exporterade`,
    ip: clientIp(ctx),
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    status: 200,
    headers: csvHeaders(`framsteg-${scope.teamId ? `team-${scope.teamId}` : `myndighet-${scope.agencyId}`}-${day}.csv`),
  });
};
