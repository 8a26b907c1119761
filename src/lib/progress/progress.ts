/**
 * Progress records per participant: lesson visits and completions, knowledge
 * check attempts, and course completions with certificates.
 *
 * Data shape: lesson_progress (UNIQUE user × lesson; the end-of-course case
 * has a row too, completed when passed), quiz_attempts (every attempt, the
 * case's included), course_completions (UNIQUE user × course, certificate code).
 * Every write is a savepoint of idempotent upserts inside a group-committed
 * IMMEDIATE transaction (db/tx.ts), so parallel or retried requests
 * never double-count and never see SQLITE_BUSY (the connection waits up to
 * its busy timeout), and many writers share one fsync. Identity always comes from the
 * session user passed in; lesson and course come from the content catalogue.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { engineOf, type Db } from '#db/client.ts';
import { courseCompletions, lessonProgress, quizAttempts } from '#db/schema.ts';
import { newCertificateCode } from './certificate-code.ts';
import { lessonState, type LessonRecord, type LessonState } from './course-progress.ts';
import type { GradeResult } from '#lib/content/grade.ts';
import { transaction } from '#db/tx.ts';
import { perConnection } from '#db/per-connection.ts';
import { completeLessonBatched } from './completion-batch.ts';

/** Who is recording: the session user. */
export interface Participant {
  id: number;
  agencyId: number;
}

/** A lesson as the catalogue knows it. */
export interface LessonRef {
  courseId: string;
  lessonId: string;
  revision: number;
  hasQuiz: boolean;
}

/**
 * The course around it, for the completion rule: every published lesson's
 * id and, when the course has one, its end-of-course case's id
 * (`<kurs>/slutfall`, see caseIdOf). The course is complete when each of
 * them has a completed row: a passed case is stored as the case's completed
 * lesson_progress row, so the summary triggers, the manager's reports and
 * the certificate all count it the same way.
 */
export interface CourseRef {
  courseId: string;
  revision: number;
  lessonIds: string[];
}

export interface CompletionResult {
  /** The lesson's state after the write. */
  state: LessonState;
  /** False when the lesson has a knowledge check not yet passed on this revision. */
  completed: boolean;
  /** The certificate code when this write (or an earlier one) completed the course. */
  certificateCode: string | null;
}

const iso = (d: Date) => d.toISOString();

const p = sql.placeholder;

/**
 * The write path's statements, prepared once per connection: completions
 * are the hot path, and building and preparing SQL per request cost more
 * than running it.
 */
const statements = perConnection((db: Db) => {
  const byUserLesson = and(eq(lessonProgress.userId, p('userId')), eq(lessonProgress.lessonId, p('lessonId')));
  const byUserCourse = and(eq(courseCompletions.userId, p('userId')), eq(courseCompletions.courseId, p('courseId')));
  const newRow = {
    userId: p('userId'),
    agencyId: p('agencyId'),
    courseId: p('courseId'),
    lessonId: p('lessonId'),
    startedAt: p('at'),
    lastVisitedAt: p('at'),
  };
  return {
    visit: db
      .insert(lessonProgress)
      .values(newRow)
      .onConflictDoUpdate({
        target: [lessonProgress.userId, lessonProgress.lessonId],
        set: { lastVisitedAt: sql`${p('at')}` },
      })
      .prepare(),
    start: db
      .insert(lessonProgress)
      .values(newRow)
      .onConflictDoNothing({ target: [lessonProgress.userId, lessonProgress.lessonId] })
      .prepare(),
    complete: db
      .insert(lessonProgress)
      .values({ ...newRow, completedAt: p('at'), completedRevision: p('revision') })
      .onConflictDoUpdate({
        target: [lessonProgress.userId, lessonProgress.lessonId],
        // Idempotent: a completion on this revision (or a newer one) stays as it was.
        set: {
          completedAt: sql`case when ${lessonProgress.completedRevision} >= ${p('revision')} then ${lessonProgress.completedAt} else ${p('at')} end`,
          completedRevision: sql`max(coalesce(${lessonProgress.completedRevision}, 0), ${p('revision')})`,
          lastVisitedAt: sql`${p('at')}`,
        },
      })
      .prepare(),
    record: db
      .select({
        startedAt: lessonProgress.startedAt,
        completedAt: lessonProgress.completedAt,
        completedRevision: lessonProgress.completedRevision,
      })
      .from(lessonProgress)
      .where(byUserLesson)
      .prepare(),
    completedInCourse: db
      .select({ lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, p('userId')),
          eq(lessonProgress.courseId, p('courseId')),
          isNotNull(lessonProgress.completedAt),
        ),
      )
      .prepare(),
    passed: db
      .select({ id: quizAttempts.id })
      .from(quizAttempts)
      .where(
        and(
          eq(quizAttempts.userId, p('userId')),
          eq(quizAttempts.lessonId, p('lessonId')),
          eq(quizAttempts.revision, p('revision')),
          eq(quizAttempts.passed, true),
        ),
      )
      .limit(1)
      .prepare(),
    attempt: db
      .insert(quizAttempts)
      .values({
        userId: p('userId'),
        agencyId: p('agencyId'),
        courseId: p('courseId'),
        lessonId: p('lessonId'),
        revision: p('revision'),
        attemptedAt: p('at'),
        answers: p('answers'),
        right: p('right'),
        total: p('total'),
        passed: p('passed'),
        shown: p('shown'),
      })
      .prepare(),
    certificate: db
      .select({ code: courseCompletions.certificateCode })
      .from(courseCompletions)
      .where(byUserCourse)
      .prepare(),
    completeCourse: db
      .insert(courseCompletions)
      .values({
        userId: p('userId'),
        agencyId: p('agencyId'),
        courseId: p('courseId'),
        courseRevision: p('revision'),
        completedAt: p('at'),
        certificateCode: p('code'),
      })
      .onConflictDoNothing({ target: [courseCompletions.userId, courseCompletions.courseId] })
      .prepare(),
  };
});

type Statements = ReturnType<typeof statements>;

/** The parameters naming one participant's row for one lesson. */
function rowKey(who: Participant, lesson: LessonRef, at: string) {
  return { userId: who.id, agencyId: who.agencyId, courseId: lesson.courseId, lessonId: lesson.lessonId, at };
}

async function stateOf(s: Statements, who: Participant, lesson: LessonRef): Promise<LessonState> {
  const [record] = await s.record.execute({ userId: who.id, lessonId: lesson.lessonId });
  return lessonState(record, lesson.revision);
}

/** Records a lesson visit: the first visit sets `started`, every visit `last visited`. */
export async function recordVisit(db: Db, who: Participant, lesson: LessonRef, now = new Date()): Promise<LessonState> {
  const s = statements(db);
  return transaction(db, async () => {
    await s.visit.execute(rowKey(who, lesson, iso(now)));
    return stateOf(s, who, lesson);
  });
}

/** Inside a transaction: marks the lesson completed on its revision unless it already is, then checks the course. */
async function completeInTx(
  s: Statements,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  at: string,
): Promise<string | null> {
  await s.complete.execute({ ...rowKey(who, lesson, at), revision: lesson.revision });
  const key = { userId: who.id, courseId: course.courseId };
  const [existing] = await s.certificate.execute(key);
  if (existing) return existing.code;
  if (course.lessonIds.length === 0) return null;
  // The rule counts the lessons that exist now; completions of removed lessons stay stored but do not count.
  const done = new Set((await s.completedInCourse.execute(key)).map((r) => r.lessonId));
  if (!course.lessonIds.every((id) => done.has(id))) return null;
  await s.completeCourse.execute({
    ...key,
    agencyId: who.agencyId,
    revision: course.revision,
    at,
    code: newCertificateCode(),
  });
  const [made] = await s.certificate.execute(key);
  return made?.code ?? null;
}

/** Inside a transaction: completes the lesson (and maybe the course) and reports the outcome. */
async function completed(
  s: Statements,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  at: string,
): Promise<CompletionResult> {
  const certificateCode = await completeInTx(s, who, lesson, course, at);
  const state = await stateOf(s, who, lesson);
  return { state, completed: state === 'completed', certificateCode };
}

/** The outcome when the write did not complete the lesson. */
async function notCompleted(s: Statements, who: Participant, lesson: LessonRef): Promise<CompletionResult> {
  return { state: await stateOf(s, who, lesson), completed: false, certificateCode: null };
}

/**
 * "Markera som klar". A lesson with a knowledge check is completed only by
 * passing the check on its current revision; then this is a no-op that
 * reports the state. Safe to repeat and to run in parallel. On PostgreSQL
 * the same steps run in the database, batched per turn (completion-batch.ts).
 */
export async function completeLesson(
  db: Db,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  now = new Date(),
): Promise<CompletionResult> {
  const at = iso(now);
  if (engineOf(db) === 'postgres') return completeLessonBatched(db, who, lesson, course, at);
  const s = statements(db);
  return transaction(db, async () => {
    const passed =
      !lesson.hasQuiz ||
      (await s.passed.execute({ userId: who.id, lessonId: lesson.lessonId, revision: lesson.revision })).length > 0;
    if (passed) return completed(s, who, lesson, course, at);
    // Not passed: the lesson counts as started, and an existing row stays as it is.
    await s.start.execute(rowKey(who, lesson, at));
    return notCompleted(s, who, lesson);
  });
}

/** A graded attempt to store: answers by pool position, and which pool questions were shown (null: all). */
export interface AttemptRecord {
  answers: (number | null)[];
  result: GradeResult;
  shown: number[] | null;
}

/** Stores a graded attempt; a pass completes the lesson (and maybe the course) in the same transaction. */
export async function recordAttempt(
  db: Db,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  answers: (number | null)[],
  result: GradeResult,
  now = new Date(),
): Promise<CompletionResult> {
  const outcome = await recordAttemptIf(
    db,
    who,
    lesson,
    course,
    { answers, result, shown: null },
    async () => null,
    now,
  );
  return outcome.outcome!;
}

/**
 * Stores a graded attempt as `recordAttempt` does, but first runs `gate`
 * inside the same transaction: when it returns a reason, nothing is written
 * and the reason is returned. The gate claims the drawn attempt and checks
 * the attempt limits, so parallel posts of one attempt store it once and
 * a burst of posts cannot slip past the cool-down.
 */
export async function recordAttemptIf<R>(
  db: Db,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  attempt: AttemptRecord,
  gate: (tx: Db, at: string) => Promise<R | null>,
  now = new Date(),
): Promise<{ refused: R; outcome: null } | { refused: null; outcome: CompletionResult }> {
  const s = statements(db);
  const at = iso(now);
  return transaction(db, async (tx) => {
    const refused = await gate(tx, at);
    if (refused !== null) return { refused, outcome: null };
    await s.attempt.execute({
      ...rowKey(who, lesson, at),
      revision: lesson.revision,
      answers: JSON.stringify(attempt.answers),
      right: attempt.result.right,
      total: attempt.result.total,
      passed: attempt.result.passed,
      shown: attempt.shown === null ? null : JSON.stringify(attempt.shown),
    });
    if (attempt.result.passed) return { refused: null, outcome: await completed(s, who, lesson, course, at) };
    await s.visit.execute(rowKey(who, lesson, at));
    return { refused: null, outcome: await notCompleted(s, who, lesson) };
  });
}

/** The participant's lesson records, by lesson id (optionally for one course). */
export async function lessonRecords(
  db: Db,
  userId: number,
  courseId?: string,
): Promise<Map<string, LessonRecord & { lastVisitedAt: string }>> {
  const rows = await db
    .select({
      lessonId: lessonProgress.lessonId,
      startedAt: lessonProgress.startedAt,
      lastVisitedAt: lessonProgress.lastVisitedAt,
      completedAt: lessonProgress.completedAt,
      completedRevision: lessonProgress.completedRevision,
    })
    .from(lessonProgress)
    .where(
      courseId
        ? and(eq(lessonProgress.userId, userId), eq(lessonProgress.courseId, courseId))
        : eq(lessonProgress.userId, userId),
    );
  return new Map(rows.map((r) => [r.lessonId, r]));
}

export type CourseCompletion = typeof courseCompletions.$inferSelect;

/** The participant's completed courses. */
export async function completionsOf(db: Db, userId: number): Promise<CourseCompletion[]> {
  return db.select().from(courseCompletions).where(eq(courseCompletions.userId, userId));
}

export type QuizAttempt = typeof quizAttempts.$inferSelect;

/** The participant's attempts, newest first. */
export async function attemptsOf(db: Db, userId: number): Promise<QuizAttempt[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(eq(quizAttempts.userId, userId))
    .orderBy(sql`${quizAttempts.attemptedAt} desc`, sql`${quizAttempts.id} desc`);
}
