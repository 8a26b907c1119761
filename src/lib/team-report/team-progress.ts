/**
 * Team progress arithmetic for the manager dashboard, pure: per-participant
 * course states from aggregated rows, per-course counts and shares, the
 * participant × course matrix with filter/sort/pagination, the 12-week
 * activity buckets and the per-lesson funnel. The server reads the rows
 * (team-report.ts); pages only call these functions.
 */
import type { LessonState } from '#lib/progress/course-progress.ts';

/** The catalogue as reports need it: courses with their ordered lessons and current revisions. */
export interface ReportCourse {
  id: string;
  title: string;
  lessons: { id: string; title: string; revision: number }[];
}

/** One participant in scope. */
export interface ReportParticipant {
  id: number;
  name: string;
  email: string;
  teamId: number | null;
  teamName: string | null;
}

/** Lesson rows of one participant in one course, aggregated in SQL against the current revisions. */
export interface CourseAggregate {
  userId: number;
  courseId: string;
  /** Lessons opened (current lessons only). */
  touched: number;
  /** Lessons completed on any revision. */
  completed: number;
  /** Lessons completed on an older revision than the current one. */
  outdated: number;
  /** Latest visit or completion (ISO). */
  lastActivity: string;
}

/** A cell of the matrix: the course's state for one participant, and the percent of lessons completed. */
export interface CourseCell {
  state: LessonState;
  percent: number;
  completed: number;
  total: number;
  /** Latest visit or completion in this course (ISO), null when not started. */
  lastActivity: string | null;
}

export interface MatrixRow {
  participant: ReportParticipant;
  cells: Map<string, CourseCell>;
  /** Whole percent of all lessons in the courses shown. */
  percent: number;
  lastActivity: string | null;
}

export const COURSE_STATE_LABELS: Record<LessonState, string> = {
  'not-started': 'Inte påbörjad',
  started: 'Pågår',
  completed: 'Klar',
  outdated: 'Behöver uppdateras',
};

// One shared, frozen cell per course size: most cells of a big matrix are not started.
const notStarted = new Map<number, CourseCell>();
const NOT_STARTED = (total: number): CourseCell => {
  let cell = notStarted.get(total);
  if (!cell)
    notStarted.set(
      total,
      (cell = Object.freeze({ state: 'not-started', percent: 0, completed: 0, total, lastActivity: null })),
    );
  return cell;
};

/** A course's state for one participant: complete with an outdated lesson is "outdated" (behöver uppdateras). */
export function courseCell(agg: CourseAggregate | undefined, total: number): CourseCell {
  if (!agg || agg.touched === 0 || total === 0) return NOT_STARTED(total);
  const completed = Math.min(agg.completed, total);
  const percent = Math.floor((completed / total) * 100);
  const lastActivity = agg.lastActivity;
  if (completed < total) return { state: 'started', percent, completed, total, lastActivity };
  return { state: agg.outdated > 0 ? 'outdated' : 'completed', percent, completed, total, lastActivity };
}

/** One matrix row per participant (in the given order), over `courses`. */
export function buildMatrix(
  participants: ReportParticipant[],
  courses: ReportCourse[],
  aggregates: CourseAggregate[],
): MatrixRow[] {
  const byUser = new Map<number, Map<string, CourseAggregate>>();
  for (const a of aggregates) {
    let m = byUser.get(a.userId);
    if (!m) byUser.set(a.userId, (m = new Map()));
    m.set(a.courseId, a);
  }
  const lessonTotal = courses.reduce((s, c) => s + c.lessons.length, 0);
  return participants.map((participant) => {
    const mine = byUser.get(participant.id);
    const cells = new Map<string, CourseCell>();
    let done = 0;
    let last: string | null = null;
    for (const course of courses) {
      const agg = mine?.get(course.id);
      const cell = courseCell(agg, course.lessons.length);
      cells.set(course.id, cell);
      done += cell.completed;
      if (agg && (last === null || agg.lastActivity > last)) last = agg.lastActivity;
    }
    return {
      participant,
      cells,
      percent: lessonTotal === 0 ? 0 : Math.floor((done / lessonTotal) * 100),
      lastActivity: last,
    };
  });
}

export interface CourseSummary {
  courseId: string;
  title: string;
  participants: number;
  /** Opened at least one lesson (includes completed). */
  started: number;
  /** Every lesson completed, on any revision. */
  completed: number;
  /** Completed, but at least one lesson has changed since ("behöver uppdateras"). */
  outdated: number;
  /** Whole percent of participants who completed the course. */
  shareCompleted: number;
}

/** Participants per course who started, completed (any revision) and need a refresh: what the dashboard's SQL counts. */
export interface CourseCounts {
  courseId: string;
  started: number;
  completed: number;
  outdated: number;
}

/** Per course, in catalogue order: the counts (zero where nobody came) and the share of `participants` completed. */
export function courseSummaries(
  courses: ReportCourse[],
  counts: CourseCounts[],
  participants: number,
): CourseSummary[] {
  const by = new Map(counts.map((c) => [c.courseId, c]));
  return courses.map((course) => {
    const { started = 0, completed = 0, outdated = 0 } = by.get(course.id) ?? {};
    return {
      courseId: course.id,
      title: course.title,
      participants,
      started,
      completed,
      outdated,
      shareCompleted: share(completed, participants),
    };
  });
}

/** Per course: how many started, completed, need a refresh, and the share completed. */
export function summarizeCourses(rows: MatrixRow[], courses: ReportCourse[]): CourseSummary[] {
  const counts = courses.map((course): CourseCounts => {
    const c = { courseId: course.id, started: 0, completed: 0, outdated: 0 };
    for (const row of rows) {
      const state = row.cells.get(course.id)?.state ?? 'not-started';
      if (state !== 'not-started') c.started++;
      if (state === 'completed' || state === 'outdated') c.completed++;
      if (state === 'outdated') c.outdated++;
    }
    return c;
  });
  return courseSummaries(courses, counts, rows.length);
}

/**
 * One participant's progress over every course, summed: what the dashboard
 * filters and sorts the whole scope by before reading the cells of just the
 * page it shows (the server sums these in SQL; `participantProgress` is the
 * same figure taken from a full matrix row).
 */
export interface ParticipantProgress {
  participant: ReportParticipant;
  /** Whole percent of all lessons in all courses. */
  percent: number;
  lastActivity: string | null;
  /** How many courses the participant has in each state. */
  states: Record<LessonState, number>;
  /** State and percent in the course the dashboard is filtered on; null when it is not. */
  focus: { state: LessonState; percent: number } | null;
}

/** One participant's sums over current lessons, as the server reads them for the whole scope. */
export interface ParticipantSums {
  participant: ReportParticipant;
  /** Lessons completed, over all courses. */
  done: number;
  lastActivity: string | null;
  /** Courses with at least one current lesson opened. */
  touched: number;
  /** Lessons completed in the focused course (0 without one). */
  focusDone: number;
  /** 1 when the focused course was opened. */
  focusTouched: number;
}

/** A participant × course pair with every current lesson completed; `outdated` when a completion is on an older revision. */
export interface CompletedPair {
  userId: number;
  courseId: string;
  outdated: number;
}

/**
 * The dashboard's per-participant progress from the scope-wide sums and the
 * completed pairs: the same figures `participantProgress` takes from a full
 * matrix row (courses per state, overall and focused percent).
 */
export function progressFromSums(
  sums: ParticipantSums[],
  completed: CompletedPair[],
  courses: ReportCourse[],
  focusCourse?: string,
): ParticipantProgress[] {
  const byUser = new Map<number, { completed: number; outdated: number }>();
  const focusPairs = new Map<number, CompletedPair>();
  for (const pair of completed) {
    let mine = byUser.get(pair.userId);
    if (!mine) byUser.set(pair.userId, (mine = { completed: 0, outdated: 0 }));
    if (pair.outdated) mine.outdated++;
    else mine.completed++;
    if (pair.courseId === focusCourse) focusPairs.set(pair.userId, pair);
  }
  const lessonTotal = courses.reduce((s, c) => s + c.lessons.length, 0);
  const focusTotal = courses.find((c) => c.id === focusCourse)?.lessons.length ?? 0;
  return sums.map((sum) => {
    const done = byUser.get(sum.participant.id) ?? { completed: 0, outdated: 0 };
    const states: Record<LessonState, number> = {
      'not-started': courses.length - sum.touched,
      started: sum.touched - done.completed - done.outdated,
      completed: done.completed,
      outdated: done.outdated,
    };
    let focus: ParticipantProgress['focus'] = null;
    if (focusCourse !== undefined) {
      const pair = focusPairs.get(sum.participant.id);
      const state: LessonState = pair
        ? pair.outdated
          ? 'outdated'
          : 'completed'
        : sum.focusTouched
          ? 'started'
          : 'not-started';
      focus = {
        state,
        percent: focusTotal === 0 ? 0 : Math.floor((Math.min(sum.focusDone, focusTotal) / focusTotal) * 100),
      };
    }
    return {
      participant: sum.participant,
      percent: lessonTotal === 0 ? 0 : Math.floor((sum.done / lessonTotal) * 100),
      lastActivity: sum.lastActivity,
      states,
      focus,
    };
  });
}

/** Per course: participants who started it (as counted by the server) and the completed and outdated pairs among them. */
export function courseCountsFrom(
  started: { courseId: string; started: number }[],
  completed: CompletedPair[],
): CourseCounts[] {
  const counts = new Map(
    started.map((s) => [s.courseId, { courseId: s.courseId, started: s.started, completed: 0, outdated: 0 }]),
  );
  for (const pair of completed) {
    const c = counts.get(pair.courseId);
    if (!c) continue;
    c.completed++;
    if (pair.outdated) c.outdated++;
  }
  return [...counts.values()];
}

/** A full matrix row summed as the dashboard sorts and filters it, with `focusCourse`'s cell as its focus. */
export function participantProgress(row: MatrixRow, focusCourse?: string): ParticipantProgress {
  const states: Record<LessonState, number> = { 'not-started': 0, started: 0, completed: 0, outdated: 0 };
  for (const cell of row.cells.values()) states[cell.state]++;
  const focus = focusCourse ? row.cells.get(focusCourse) : undefined;
  return {
    participant: row.participant,
    percent: row.percent,
    lastActivity: row.lastActivity,
    states,
    focus: focus ? { state: focus.state, percent: focus.percent } : null,
  };
}

/** Whole percent, 0 when there is nothing to divide by. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

export const WEEKS = 12;
const DAY = 86_400_000;

/** The start (UTC midnight) of the oldest of the `weeks` seven-day buckets ending at `now`. */
export function activityStart(now: Date, weeks = WEEKS): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today + DAY - weeks * 7 * DAY);
}

export interface ActivityWeek {
  /** First day of the bucket, YYYY-MM-DD. */
  from: string;
  count: number;
}

/** Counts events (ISO times) into `weeks` seven-day buckets ending today, oldest first; older or future events are ignored. */
export function activityBuckets(times: { at: string; n: number }[], now: Date, weeks = WEEKS): ActivityWeek[] {
  const start = activityStart(now, weeks).getTime();
  const buckets = Array.from({ length: weeks }, (_, i) => ({
    from: new Date(start + i * 7 * DAY).toISOString().slice(0, 10),
    count: 0,
  }));
  for (const t of times) {
    const i = Math.floor((Date.parse(t.at) - start) / (7 * DAY));
    if (i >= 0 && i < weeks) buckets[i].count += t.n;
  }
  return buckets;
}

export interface FunnelStep {
  lessonId: string;
  title: string;
  started: number;
  completed: number;
  outdated: number;
  /** Whole percent of the participants in scope who completed this lesson. */
  shareCompleted: number;
}

/** Per-lesson counts in course order: where people stop. */
export function courseFunnel(
  course: ReportCourse,
  counts: { lessonId: string; started: number; completed: number; outdated: number }[],
  participants: number,
): FunnelStep[] {
  const by = new Map(counts.map((c) => [c.lessonId, c]));
  return course.lessons.map((l) => {
    const c = by.get(l.id);
    const completed = c?.completed ?? 0;
    return {
      lessonId: l.id,
      title: l.title,
      started: c?.started ?? 0,
      completed,
      outdated: c?.outdated ?? 0,
      shareCompleted: share(completed, participants),
    };
  });
}
