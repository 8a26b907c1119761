/**
 * The guard and read behind both compliance exports: the report guard
 * (team-request.ts: signed in, manager or admin, scope), then an optional
 * `uppdrag` that must reach the scope (else 404 or an audited 403), the
 * rows, and the audit row for the export (a personal-data read).
 */
import type { APIContext } from 'astro';
import { audit } from '#lib/audit/audit-log.ts';
import { clientIp, deny } from '#lib/access/guard.ts';
import { loadCatalog } from '#lib/content/collections.ts';
import { teamRequest } from '#lib/team-report/team-request.ts';
import { adminAssignmentAgency, assignmentInScope } from './assignment-request.ts';
import { queryString } from '#lib/team-report/team-query.ts';
import { complianceRows } from './compliance-rows.ts';
import { utcDay } from './compliance.ts';
import type { ExportRow } from './assignment-export.ts';

type Ctx = Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite' | 'clientAddress' | 'request'>;

export interface ExportRequest {
  rows: ExportRow[];
  titles: Map<string, string>;
  /** File name without extension. */
  filename: string;
}

/** The authorized export's rows, or the Response to send instead. */
export async function exportRequest(ctx: Ctx, format: 'csv' | 'xlsx'): Promise<ExportRequest | Response> {
  const req = await teamRequest(ctx);
  if (req instanceof Response) return req;
  const toAgency = await adminAssignmentAgency(ctx.locals.db, req.user, req.query);
  if (toAgency) return ctx.redirect(`${ctx.url.pathname}${queryString(req.query, { myndighet: toAgency })}`, 303);
  const { user, query, scope } = req;
  const db = ctx.locals.db;
  const assignmentId = query.uppdrag ?? null;
  if (assignmentId !== null) {
    const found = await assignmentInScope(db, scope, assignmentId);
    if (found.kind === 'not-found') return new Response(null, { status: 404 });
    if (found.kind === 'denied')
      return deny(ctx, `uppdrag ${assignmentId} ligger utanför behörigheten`, found.agencyId);
  }
  const catalog = await loadCatalog();
  const titles = new Map(catalog.map((c) => [c.course.id, c.course.data.title]));
  const rows = await complianceRows(
    db,
    { agencyId: scope.agencyId, teamId: scope.teamId, assignmentId },
    new Set(titles.keys()),
    utcDay(new Date()),
  );
  await audit(db, {
    actor: user,
    action: `assignment.export.${format}`,
    targetType: assignmentId ? 'assignment' : scope.teamId ? 'team' : 'agency',
    targetId: assignmentId ?? scope.teamId ?? scope.agencyId,
    agencyId: scope.agencyId,
    outcome: 'ok',
    detail: `${rows.length} rader exporterade`,
    ip: clientIp(ctx),
  });
  const day = new Date().toISOString().slice(0, 10);
  const what = assignmentId
    ? `uppdrag-${assignmentId}`
    : scope.teamId
      ? `team-${scope.teamId}`
      : `myndighet-${scope.agencyId}`;
  return { rows, titles, filename: `obligatoriska-${what}-${day}` };
}
