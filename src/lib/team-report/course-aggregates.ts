/**
 * Per participant × course aggregates for the whole matrix (the CSV export
 * and the printable report), assembled from three cheap reads instead of one
 * pass over every lesson row (pure):
 *
 * - the summary table (course_progress_summary: lesson rows, completed rows
 *   and the latest visit per agency, participant and course, kept by SQL
 *   triggers), which counts every lesson row of the course;
 * - completions on an older revision than the lesson's current one, read
 *   only for lessons whose current revision is above 1 (no other lesson can
 *   be outdated);
 * - the exact figures, over current lessons only, of the few participant ×
 *   course pairs that also have rows of lessons since removed from the
 *   course; those rows are found by seeking the id ranges between the
 *   current lesson ids ("gaps"), so finding none costs a few index seeks.
 *
 * The revision lives in the content, not the database: that is why the
 * outdated count and the removed lessons are worked out per request.
 */
import type { CourseAggregate, ReportCourse } from './team-progress.ts';

/** A summary row, or an exact recount of a pair with removed lessons (`touched` 0: nothing current left). */
export type CountRow = Omit<CourseAggregate, 'outdated'>;

/** Completions on an older revision, per participant and course. */
export interface OutdatedRow {
  userId: number;
  courseId: string;
  outdated: number;
}

/** Above every lesson id (the largest code point): the upper end of a course's last gap. */
export const AFTER_EVERY_ID = '\u{10FFFF}';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/**
 * Per course, the open id ranges (after, before) holding no current lesson,
 * in SQLite's binary (UTF-8 byte) order: a lesson row whose id falls in one
 * is of a lesson no longer in the course. A course without lessons is one
 * range over every id.
 */
export function lessonGaps(courses: ReportCourse[]): [courseId: string, after: string, before: string][] {
  return courses.flatMap((course) => {
    const ids = course.lessons.map((l) => l.id).sort((a, b) => Buffer.compare(utf8(a), utf8(b)));
    const bounds = ['', ...ids, AFTER_EVERY_ID];
    return bounds.slice(1).map((before, i): [string, string, string] => [course.id, bounds[i], before]);
  });
}

/** A course's lessons that can have completions on an outdated revision (current revision above 1), with that revision. */
export function revisedLessons(course: ReportCourse): [lessonId: string, revision: number][] {
  return course.lessons.filter((l) => l.revision > 1).map((l): [string, number] => [l.id, l.revision]);
}

/** "lesson#revision" for every revision below each lesson's current one: a completion whose key is listed is outdated. */
export function outdatedRevisionKeys(courses: ReportCourse[]): string[] {
  return courses.flatMap((c) =>
    c.lessons.flatMap((l) => Array.from({ length: l.revision - 1 }, (_, r) => `${l.id}#${r + 1}`)),
  );
}

/** userId → courseId → value, so looking a pair up allocates nothing (an agency's export merges ~40,000 rows). */
function byPair<R extends { userId: number; courseId: string }, T>(
  rows: R[],
  value: (row: R) => T,
): Map<number, Map<string, T>> {
  const out = new Map<number, Map<string, T>>();
  for (const row of rows) {
    let mine = out.get(row.userId);
    if (!mine) out.set(row.userId, (mine = new Map()));
    mine.set(row.courseId, value(row));
  }
  return out;
}

/**
 * The aggregates the dashboard shows: summary rows, replaced by the exact
 * recount where a pair has rows of removed lessons (dropped when nothing
 * current is left), with the outdated counts added. Takes ownership of the
 * summary rows (fresh from the query) and completes them in place.
 */
export function mergeAggregates(
  summary: CountRow[],
  outdated: OutdatedRow[],
  recounted: CountRow[],
): CourseAggregate[] {
  const exact = byPair(recounted, (r) => r);
  const old = byPair(outdated, (r) => r.outdated);
  const out: CourseAggregate[] = [];
  for (const row of summary) {
    const counts = exact.get(row.userId)?.get(row.courseId) ?? row;
    if (counts.touched === 0) continue;
    const aggregate = row as CourseAggregate;
    aggregate.touched = counts.touched;
    aggregate.completed = counts.completed;
    aggregate.lastActivity = counts.lastActivity;
    aggregate.outdated = old.get(row.userId)?.get(row.courseId) ?? 0;
    out.push(aggregate);
  }
  return out;
}
