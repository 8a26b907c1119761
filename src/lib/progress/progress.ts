/**
 * Progress records per participant: lesson visits and completions, knowledge
 * check attempts, and course completions with certificates.
 *
 * Data shape: lesson_progress (UNIQUE user × lesson; the end-of-course case
 * has a row too, completed when passed), quiz_attempts (every attempt, the
 * case's included), course_completions (UNIQUE user × course, certificate code).
 * A completion replaced by a renewal moves to earlier_completions.
 * Every write is a savepoint of idempotent upserts inside a group-committed
 * IMMEDIATE transaction (db/tx.ts), so parallel or retried requests
 * never double-count and never see SQLITE_BUSY (the connection waits up to
 * its busy timeout), and many writers share one fsync. Identity always comes from the
 * session user passed in; lesson and course come from the content catalogue.
 *
 * Renewals: when a recurring required course's renewal window is open for
 * the person (#lib/assignments/renewal.ts), lesson completions and passed
 * checks from before the window opened (`since`) no longer count;
 * completing every lesson again records a new course completion with a new
 * date and certificate code, and the old certificate stays verifiable
 * (certificates.ts).
 */
import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { engineOf, type Db } from '#db/client.ts';
import { courseCompletions, earlierCompletions, lessonProgress, quizAttempts } from '#db/schema.ts';
import { openRenewal } from '#lib/assignments/renewal.ts';
import { newCertificateCode } from './certificate-code.ts';
import { lessonState, withoutRenewed, type LessonRecord, type LessonState } from './course-progress.ts';
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

/** What a lesson's state is computed from. */
const recordColumns = {
  startedAt: lessonProgress.startedAt,
  completedAt: lessonProgress.completedAt,
  completedRevision: lessonProgress.completedRevision,
};

/**
 * The write path's statements, prepared once per connection: completions
 * are the hot path, and building and preparing SQL per request cost more
 * than running it.
 */
const statements = perConnection((db: Db) => {
  const byUserLesson = and(eq(lessonProgress.userId, p('userId')), eq(lessonProgress.lessonId, p('lessonId')));
  const byUserCourse = and(eq(courseCompletions.userId, p('userId')), eq(courseCompletions.courseId, p('courseId')));
  const passedCheck = and(
    eq(quizAttempts.userId, p('userId')),
    eq(quizAttempts.lessonId, p('lessonId')),
    eq(quizAttempts.revision, p('revision')),
    eq(quizAttempts.passed, true),
  );
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
      .returning(recordColumns)
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
        // Idempotent: a completion on this revision (or a newer one) stays as it was, unless a renewal
        // is open and it is from before (`since`; '' when no renewal is open, which every time passes).
        set: {
          completedAt: sql`case when ${lessonProgress.completedRevision} >= ${p('revision')}
            and ${lessonProgress.completedAt} > ${p('since')} then ${lessonProgress.completedAt} else ${p('at')} end`,
          completedRevision: sql`max(coalesce(${lessonProgress.completedRevision}, 0), ${p('revision')})`,
          lastVisitedAt: sql`${p('at')}`,
        },
      })
      // The row as stored, so the answer needs no second read.
      .returning(recordColumns)
      .prepare(),
    record: db.select(recordColumns).from(lessonProgress).where(byUserLesson).prepare(),
    completedInCourse: db
      .select({ lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, p('userId')),
          eq(lessonProgress.courseId, p('courseId')),
          isNotNull(lessonProgress.completedAt),
          gt(lessonProgress.completedAt, p('since')),
        ),
      )
      .prepare(),
    passed: db.select({ id: quizAttempts.id }).from(quizAttempts).where(passedCheck).limit(1).prepare(),
    // During a renewal only passes after `since` count. A statement of its own: with the time condition
    // SQLite searches the person's attempts by time (quiz_attempts_user_time_idx), not by lesson.
    passedSince: db
      .select({ id: quizAttempts.id })
      .from(quizAttempts)
      .where(and(passedCheck, gt(quizAttempts.attemptedAt, p('since'))))
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
      .select({
        code: courseCompletions.certificateCode,
        agencyId: courseCompletions.agencyId,
        revision: courseCompletions.courseRevision,
        completedAt: courseCompletions.completedAt,
      })
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
    // Only the completion the renewal replaces: of parallel renewals one updates, the others find it changed.
    renewCourse: db
      .update(courseCompletions)
      .set({
        agencyId: sql`${p('agencyId')}`,
        courseRevision: sql`${p('revision')}`,
        completedAt: sql`${p('at')}`,
        certificateCode: sql`${p('code')}`,
      })
      .where(and(byUserCourse, eq(courseCompletions.completedAt, p('replaces'))))
      .returning({ id: courseCompletions.id })
      .prepare(),
    keepEarlier: db
      .insert(earlierCompletions)
      .values({
        userId: p('userId'),
        agencyId: p('agencyId'),
        courseId: p('courseId'),
        courseRevision: p('revision'),
        completedAt: p('completedAt'),
        certificateCode: p('code'),
        replacedAt: p('at'),
      })
      .onConflictDoNothing()
      .prepare(),
  };
});

type Statements = ReturnType<typeof statements>;

/** The parameters naming one participant's row for one lesson. */
function rowKey(who: Participant, lesson: LessonRef, at: string) {
  return { userId: who.id, agencyId: who.agencyId, courseId: lesson.courseId, lessonId: lesson.lessonId, at };
}

async function stateOf(s: Statements, who: Participant, lesson: LessonRef, since = ''): Promise<LessonState> {
  const [record] = await s.record.execute({ userId: who.id, lessonId: lesson.lessonId });
  return lessonState(withoutRenewed(record, since), lesson.revision);
}

/** The person's course completion, and the time lessons must be newer than ('' unless a renewal is open). */
interface CourseContext {
  existing: { code: string; agencyId: number; revision: number; completedAt: string } | null;
  since: string;
}

const NO_RENEWAL = '';

async function courseContext(
  s: Statements,
  tx: Db,
  who: Participant,
  courseId: string,
  now: Date,
): Promise<CourseContext> {
  const [existing] = await s.certificate.execute({ userId: who.id, courseId });
  if (!existing) return { existing: null, since: NO_RENEWAL };
  const open = await openRenewal(tx, who, courseId, now);
  // Only a renewal of the completion read here (another process may just have renewed it).
  return { existing, since: open && open.replaces === existing.completedAt ? open.since : NO_RENEWAL };
}

/**
 * When `who` may renew `courseId` now: the time (ISO) their lesson
 * completions must be newer than to count, else null. Lessons completed at
 * or before it are to be done again (pages show them with `withoutRenewed`).
 */
export async function renewalSince(
  db: Db,
  who: Participant,
  courseId: string,
  now = new Date(),
): Promise<string | null> {
  return (await courseContext(statements(db), db, who, courseId, now)).since || null;
}

/** Records a lesson visit: the first visit sets `started`, every visit `last visited`. */
export async function recordVisit(db: Db, who: Participant, lesson: LessonRef, now = new Date()): Promise<LessonState> {
  const s = statements(db);
  return transaction(db, async () => {
    const [record] = await s.visit.execute(rowKey(who, lesson, iso(now)));
    return lessonState(record, lesson.revision);
  });
}

/**
 * Inside a transaction: marks the lesson completed on its revision unless it
 * already is (since the renewal's `since`), then checks the course: a first
 * completion is inserted; a renewal replaces the completion, keeping the old
 * one in earlier_completions. Resolves with the current certificate code.
 */
async function completeInTx(
  s: Statements,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  at: string,
  ctx: CourseContext,
): Promise<{ code: string | null; record: LessonRecord }> {
  const [record] = await s.complete.execute({
    ...rowKey(who, lesson, at),
    revision: lesson.revision,
    since: ctx.since,
  });
  const key = { userId: who.id, courseId: course.courseId };
  const current = ctx.existing?.code ?? null;
  if ((ctx.existing && ctx.since === NO_RENEWAL) || course.lessonIds.length === 0) return { code: current, record };
  // The rule counts the lessons that exist now; completions of removed lessons stay stored but do not count.
  const done = new Set((await s.completedInCourse.execute({ ...key, since: ctx.since })).map((r) => r.lessonId));
  if (!course.lessonIds.every((id) => done.has(id))) return { code: current, record };
  const made = { ...key, agencyId: who.agencyId, revision: course.revision, at, code: newCertificateCode() };
  if (!ctx.existing) await s.completeCourse.execute(made);
  else if ((await s.renewCourse.execute({ ...made, replaces: ctx.existing.completedAt })).length === 1)
    await s.keepEarlier.execute({ ...key, ...ctx.existing, at });
  const [row] = await s.certificate.execute(key);
  return { code: row?.code ?? null, record };
}

/** Inside a transaction: completes the lesson (and maybe the course) and reports the outcome. */
async function completed(
  s: Statements,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  at: string,
  ctx: CourseContext,
): Promise<CompletionResult> {
  const { code, record } = await completeInTx(s, who, lesson, course, at, ctx);
  const state = lessonState(record, lesson.revision);
  return { state, completed: state === 'completed', certificateCode: code };
}

/** The outcome when the write did not complete the lesson. */
async function notCompleted(
  s: Statements,
  who: Participant,
  lesson: LessonRef,
  ctx: CourseContext,
): Promise<CompletionResult> {
  return { state: await stateOf(s, who, lesson, ctx.since), completed: false, certificateCode: null };
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
  if (engineOf(db) === 'postgres') {
    // Batched in the database; null when the person already has a completion of the course, whose
    // renewal rules (courseContext) take the full path below.
    const batched = await completeLessonBatched(db, who, lesson, course, at);
    if (batched) return batched;
  }
  const s = statements(db);
  return transaction(db, async (tx) => {
    const ctx = await courseContext(s, tx, who, course.courseId, now);
    const check = { userId: who.id, lessonId: lesson.lessonId, revision: lesson.revision };
    const passed =
      !lesson.hasQuiz ||
      (ctx.since === NO_RENEWAL
        ? await s.passed.execute(check)
        : await s.passedSince.execute({ ...check, since: ctx.since })
      ).length > 0;
    if (passed) return completed(s, who, lesson, course, at, ctx);
    // Not passed: the lesson counts as started, and an existing row stays as it is.
    await s.start.execute(rowKey(who, lesson, at));
    return notCompleted(s, who, lesson, ctx);
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
    const ctx = await courseContext(s, tx, who, course.courseId, now);
    await s.attempt.execute({
      ...rowKey(who, lesson, at),
      revision: lesson.revision,
      answers: JSON.stringify(attempt.answers),
      right: attempt.result.right,
      total: attempt.result.total,
      passed: attempt.result.passed,
      shown: attempt.shown === null ? null : JSON.stringify(attempt.shown),
    });
    if (attempt.result.passed) return { refused: null, outcome: await completed(s, who, lesson, course, at, ctx) };
    await s.visit.execute(rowKey(who, lesson, at));
    return { refused: null, outcome: await notCompleted(s, who, lesson, ctx) };
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

export type EarlierCompletion = typeof earlierCompletions.$inferSelect;

/** The participant's completions that renewals replaced (their certificates stay verifiable). */
export async function earlierCompletionsOf(db: Db, userId: number): Promise<EarlierCompletion[]> {
  return db.select().from(earlierCompletions).where(eq(earlierCompletions.userId, userId));
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
