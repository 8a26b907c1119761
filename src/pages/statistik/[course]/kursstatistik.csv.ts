/**
 * GET /statistik/<kurs>/kursstatistik.csv — the course statistics page as
 * Excel-friendly CSV, with the same suppression ("färre än 5"). Trainers and
 * admins only; every export is audited.
 */
import type { APIRoute } from 'astro';
import { canViewStatistics } from '#lib/access/access.ts';
import { audit } from '#lib/audit/audit-log.ts';
import { clientIp, deny, requireUser } from '#lib/access/guard.ts';
import { courseStatistics } from '#lib/statistics/course-stats-queries.ts';
import { findCourse, statsCourseOf } from '#lib/content/lookup.ts';
import { courseStatisticsRows } from '#lib/statistics/course-stats.ts';
import { csvHeaders, toCsv } from '#lib/http/csv.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  if (!canViewStatistics(user)) return deny(ctx, 'export av kursstatistik kräver utbildar- eller administratörsroll');
  const entry = await findCourse(ctx.params.course);
  if (!entry) return new Response(null, { status: 404, headers: { 'cache-control': 'no-store' } });
  const db = ctx.locals.db;
  const { header, rows } = courseStatisticsRows(await courseStatistics(db, statsCourseOf(entry)));
  await audit(db, {
    actor: user,
    action: 'statistics.export',
    targetType: 'course',
    targetId: entry.course.id,
    outcome: 'ok',
    detail: `${rows.length} rader`,
    ip: clientIp(ctx),
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(toCsv(header, rows), {
    status: 200,
    headers: csvHeaders(`kursstatistik-${entry.course.id}-${date}.csv`),
  });
};
