/** The published catalogue in the shape reports need: course and lesson ids, titles, current revisions. */
import type { CatalogCourse } from './collections.ts';
import type { ReportCourse } from '#lib/team-report/team-progress.ts';

/** Courses in catalogue order with their ordered lessons. */
export function toReportCourses(catalog: CatalogCourse[]): ReportCourse[] {
  return catalog.map((c) => ({
    id: c.course.id,
    title: c.course.data.title,
    lessons: c.lessons.map((l) => ({ id: l.id, title: l.data.title, revision: l.data.revision })),
  }));
}
