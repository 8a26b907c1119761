/**
 * CSV export of the team's (or agency's) progress: one row per participant
 * and course, for Swedish Excel, with completion date and certificate code.
 * It follows the dashboard's active filters (course, status, inactive, sort)
 * and is named after the team or agency and the date. Same guard and scope
 * as the dashboard; every export is audited.
 */
import type { APIRoute } from 'astro';
import { audit } from '#lib/audit/audit-log.ts';
import { clientIp } from '#lib/access/guard.ts';
import { scopeCompletions, teamMatrix } from '#lib/team-report/team-report.ts';
import { teamRequest } from '#lib/team-report/team-request.ts';
import { filterMatrix } from '#lib/team-report/team-query.ts';
import { participantProgress } from '#lib/team-report/team-progress.ts';
import { loadCatalog } from '#lib/content/collections.ts';
import { toReportCourses } from '#lib/content/report-catalog.ts';
import { csvHeaders } from '#lib/http/csv.ts';
import { teamCsv, teamCsvFilename } from '#lib/team-report/team-csv.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const req = await teamRequest(ctx);
  if (req instanceof Response) return req;
  const { user, scope, query } = req;
  const db = ctx.locals.db;
  const all = toReportCourses(await loadCatalog());
  if (query.kurs && !all.some((c) => c.id === query.kurs)) return new Response(null, { status: 404 });
  const now = new Date();
  const [{ rows }, completions] = await Promise.all([teamMatrix(db, scope, all), scopeCompletions(db, scope)]);
  const selected = filterMatrix(rows, (r) => participantProgress(r, query.kurs || undefined), query, now);
  const courses = query.kurs ? all.filter((c) => c.id === query.kurs) : all;
  const body = teamCsv(selected, courses, completions);
  await audit(db, {
    actor: user,
    action: 'team.export.csv',
    targetType: scope.teamId ? 'team' : 'agency',
    targetId: scope.teamId ?? scope.agencyId,
    agencyId: scope.agencyId,
    outcome: 'ok',
    detail: `${selected.length} av ${rows.length} deltagare exporterade`,
    ip: clientIp(ctx),
  });
  const name = scope.teamName ? `${scope.teamName} ${scope.agencyName}` : scope.agencyName;
  return new Response(body, { status: 200, headers: csvHeaders(teamCsvFilename(name, now)) });
};
