/**
 * Progress records per participant: lesson visits and completions, knowledge
 * check attempts, and course completions with certificates.
 *
 * Data shape: lesson_progress (UNIQUE user × lesson), quiz_attempts (every
 * attempt), course_completions (UNIQUE user × course, certificate code).
 * Every write is one IMMEDIATE transaction of idempotent upserts, so parallel
 * or retried requests never double-count and never see SQLITE_BUSY (the
 * connection waits up to its busy timeout). Identity always comes from the
 * session user passed in; lesson and course come from the content catalogue.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { courseCompletions, lessonProgress, quizAttempts } from '../../../db/schema.ts';
import { newCertificateCode } from '../progress/certificate-code.ts';
import { lessonState, type LessonRecord, type LessonState } from '../progress/course-progress.ts';
import type { GradeResult } from '../content/grade.ts';

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

/** The course around it: every published lesson's id, for the completion rule. */
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

/** Records a lesson visit: the first visit sets `started`, every visit `last visited`. */
export async function recordVisit(db: Db, who: Participant, lesson: LessonRef, now = new Date()): Promise<LessonState> {
  const at = iso(now);
  db.insert(lessonProgress)
    .values({ userId: who.id, agencyId: who.agencyId, courseId: lesson.courseId, lessonId: lesson.lessonId, startedAt: at, lastVisitedAt: at })
    .onConflictDoUpdate({ target: [lessonProgress.userId, lessonProgress.lessonId], set: { lastVisitedAt: at } })
    .run();
  return lessonState(await lessonRecord(db, who.id, lesson.lessonId), lesson.revision);
}

async function lessonRecord(db: Db, userId: number, lessonId: string): Promise<LessonRecord | undefined> {
  return db
    .select({ startedAt: lessonProgress.startedAt, completedAt: lessonProgress.completedAt, completedRevision: lessonProgress.completedRevision })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)))
    .get();
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Inside a transaction: marks the lesson completed on `revision` unless it already is, then checks the course. */
function completeInTx(tx: Tx, who: Participant, lesson: LessonRef, course: CourseRef, at: string): string | null {
  tx.insert(lessonProgress)
    .values({ userId: who.id, agencyId: who.agencyId, courseId: lesson.courseId, lessonId: lesson.lessonId, startedAt: at, lastVisitedAt: at, completedAt: at, completedRevision: lesson.revision })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId],
      // Idempotent: a completion on this revision (or a newer one) stays as it was.
      set: {
        completedAt: sql`case when ${lessonProgress.completedRevision} >= ${lesson.revision} then ${lessonProgress.completedAt} else ${at} end`,
        completedRevision: sql`max(coalesce(${lessonProgress.completedRevision}, 0), ${lesson.revision})`,
        lastVisitedAt: at,
      },
    })
    .run();
  const existing = tx.select({ code: courseCompletions.certificateCode }).from(courseCompletions).where(and(eq(courseCompletions.userId, who.id), eq(courseCompletions.courseId, course.courseId))).get();
  if (existing) return existing.code;
  if (course.lessonIds.length === 0) return null;
  const done = tx
    .select({ n: sql<number>`count(*)` })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, who.id), inArray(lessonProgress.lessonId, course.lessonIds), sql`${lessonProgress.completedAt} is not null`))
    .get();
  if ((done?.n ?? 0) < course.lessonIds.length) return null;
  const code = newCertificateCode();
  tx.insert(courseCompletions)
    .values({ userId: who.id, agencyId: who.agencyId, courseId: course.courseId, courseRevision: course.revision, completedAt: at, certificateCode: code })
    .onConflictDoNothing({ target: [courseCompletions.userId, courseCompletions.courseId] })
    .run();
  return tx.select({ code: courseCompletions.certificateCode }).from(courseCompletions).where(and(eq(courseCompletions.userId, who.id), eq(courseCompletions.courseId, course.courseId))).get()?.code ?? null;
}

function passedOnRevision(tx: Tx | Db, userId: number, lesson: LessonRef): boolean {
  return !!tx
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.lessonId, lesson.lessonId), eq(quizAttempts.revision, lesson.revision), eq(quizAttempts.passed, true)))
    .get();
}

/**
 * "Markera som klar". A lesson with a knowledge check is completed only by
 * passing the check on its current revision; then this is a no-op that
 * reports the state. Safe to repeat and to run in parallel.
 */
export async function completeLesson(db: Db, who: Participant, lesson: LessonRef, course: CourseRef, now = new Date()): Promise<CompletionResult> {
  const at = iso(now);
  const outcome = db.transaction(
    (tx) => {
      if (lesson.hasQuiz && !passedOnRevision(tx, who.id, lesson)) {
        tx.insert(lessonProgress)
          .values({ userId: who.id, agencyId: who.agencyId, courseId: lesson.courseId, lessonId: lesson.lessonId, startedAt: at, lastVisitedAt: at })
          .onConflictDoNothing({ target: [lessonProgress.userId, lessonProgress.lessonId] })
          .run();
        return { completed: false, code: null };
      }
      return { completed: true, code: completeInTx(tx, who, lesson, course, at) };
    },
    { behavior: 'immediate' },
  );
  const state = lessonState(await lessonRecord(db, who.id, lesson.lessonId), lesson.revision);
  return { state, completed: outcome.completed && state === 'completed', certificateCode: outcome.code };
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
  const at = iso(now);
  const code = db.transaction(
    (tx) => {
      tx.insert(quizAttempts)
        .values({ userId: who.id, agencyId: who.agencyId, courseId: lesson.courseId, lessonId: lesson.lessonId, revision: lesson.revision, attemptedAt: at, answers: JSON.stringify(answers), right: result.right, total: result.total, passed: result.passed })
        .run();
      if (!result.passed) {
        tx.insert(lessonProgress)
          .values({ userId: who.id, agencyId: who.agencyId, courseId: lesson.courseId, lessonId: lesson.lessonId, startedAt: at, lastVisitedAt: at })
          .onConflictDoUpdate({ target: [lessonProgress.userId, lessonProgress.lessonId], set: { lastVisitedAt: at } })
          .run();
        return null;
      }
      return completeInTx(tx, who, lesson, course, at);
    },
    { behavior: 'immediate' },
  );
  const state = lessonState(await lessonRecord(db, who.id, lesson.lessonId), lesson.revision);
  return { state, completed: state === 'completed', certificateCode: code };
}

/** The participant's lesson records, by lesson id (optionally for one course). */
export async function lessonRecords(db: Db, userId: number, courseId?: string): Promise<Map<string, LessonRecord & { lastVisitedAt: string }>> {
  const rows = db
    .select({ lessonId: lessonProgress.lessonId, startedAt: lessonProgress.startedAt, lastVisitedAt: lessonProgress.lastVisitedAt, completedAt: lessonProgress.completedAt, completedRevision: lessonProgress.completedRevision })
    .from(lessonProgress)
    .where(courseId ? and(eq(lessonProgress.userId, userId), eq(lessonProgress.courseId, courseId)) : eq(lessonProgress.userId, userId))
    .all();
  return new Map(rows.map((r) => [r.lessonId, r]));
}

export type CourseCompletion = typeof courseCompletions.$inferSelect;

/** The participant's completed courses. */
export async function completionsOf(db: Db, userId: number): Promise<CourseCompletion[]> {
  return db.select().from(courseCompletions).where(eq(courseCompletions.userId, userId)).all();
}

export type QuizAttempt = typeof quizAttempts.$inferSelect;

/** The participant's attempts, newest first. */
export async function attemptsOf(db: Db, userId: number): Promise<QuizAttempt[]> {
  return db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId)).orderBy(sql`${quizAttempts.attemptedAt} desc`, sql`${quizAttempts.id} desc`).all();
}
