/**
 * Progress arithmetic, pure: the state of each lesson for one participant,
 * the course's progress, where to continue, and when a course is complete.
 * The server reads the rows; pages only call these functions.
 */

/** What a participant has recorded for one lesson. */
export interface LessonRecord {
  /** First visit (ISO time). */
  startedAt: string;
  /** Set when the lesson was completed; null while only read. */
  completedAt: string | null;
  /** The lesson's revision when it was completed. */
  completedRevision: number | null;
}

/**
 * `not-started`: never opened. `started`: opened, not completed. `completed`:
 * completed on the current revision. `outdated`: completed on an older
 * revision ("Uppdaterad sedan du läste den").
 */
export type LessonState = 'not-started' | 'started' | 'completed' | 'outdated';

export const STATE_LABELS: Record<LessonState, string> = {
  'not-started': 'Inte påbörjad',
  started: 'Påbörjad',
  completed: 'Klar',
  outdated: 'Uppdaterad sedan du läste den',
};

/** The state of one lesson given the participant's record and the lesson's current revision. */
export function lessonState(record: LessonRecord | undefined, currentRevision: number): LessonState {
  if (!record) return 'not-started';
  if (record.completedAt === null || record.completedRevision === null) return 'started';
  return record.completedRevision < currentRevision ? 'outdated' : 'completed';
}

export interface CourseProgress {
  total: number;
  /** Lessons completed, on any revision. */
  completed: number;
  /** Lessons completed on an older revision than the current one. */
  outdated: number;
  /** 0–100, whole percent, of lessons completed (any revision). */
  percent: number;
  /** Every lesson completed (any revision). */
  complete: boolean;
  /** Complete, but at least one lesson has changed since: the course needs a refresh. */
  needsRefresh: boolean;
  /** The first lesson not completed, or the first outdated one, or null when all are current. */
  nextLessonId: string | null;
  states: Map<string, LessonState>;
}

/** Progress through `lessons` (in course order) given the participant's records by lesson id. */
export function courseProgress(
  lessons: { id: string; revision: number }[],
  records: ReadonlyMap<string, LessonRecord>,
): CourseProgress {
  const states = new Map(lessons.map((l) => [l.id, lessonState(records.get(l.id), l.revision)] as const));
  const count = (...wanted: LessonState[]) => [...states.values()].filter((s) => wanted.includes(s)).length;
  const completed = count('completed', 'outdated');
  const outdated = count('outdated');
  const next =
    lessons.find((l) => states.get(l.id) === 'started' || states.get(l.id) === 'not-started') ??
    lessons.find((l) => states.get(l.id) === 'outdated');
  return {
    total: lessons.length,
    completed,
    outdated,
    percent: lessons.length === 0 ? 0 : Math.floor((completed / lessons.length) * 100),
    complete: lessons.length > 0 && completed === lessons.length,
    needsRefresh: lessons.length > 0 && completed === lessons.length && outdated > 0,
    nextLessonId: next?.id ?? null,
    states,
  };
}

/**
 * A record as it counts during a renewal: a completion at or before `since`
 * (the course completion being renewed) is to be done again, so the lesson
 * reads as started. `since` '' or null: the record as it is.
 */
export function withoutRenewed<R extends LessonRecord>(record: R | undefined, since: string | null): R | undefined {
  if (!record || !since || record.completedAt === null || record.completedAt > since) return record;
  return { ...record, completedAt: null, completedRevision: null };
}
