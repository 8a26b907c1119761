/** The published catalogue in the shape reports need: course and lesson ids, titles, current revisions. */
import type { CatalogCourse } from './collections.ts';
import type { ReportCourse } from '#lib/team-report/team-progress.ts';

/**
 * Courses in catalogue order with their ordered lessons and, last, the
 * end-of-course case: its pass is a completed progress row like a lesson's,
 * so the reports count a course as done exactly when the certificate does.
 */
export function toReportCourses(catalog: CatalogCourse[]): ReportCourse[] {
  return catalog.map((c) => ({
    id: c.course.id,
    title: c.course.data.title,
    lessons: [
      ...c.lessons.map((l) => ({ id: l.id, title: l.data.title, revision: l.data.revision })),
      ...(c.finalCase ? [{ id: c.finalCase.id, title: c.finalCase.data.title, revision: c.finalCase.data.revision }] : []),
    ],
  }));
}
