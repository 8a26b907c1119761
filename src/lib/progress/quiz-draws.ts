/**
 * Drawn knowledge checks: open one when a signed-in participant opens the
 * check page, answer it once.
 *
 * Data shape: quiz_draws (one row per drawn attempt: random id, person,
 * check, revision, the drawn questions with their option orders, answered_at)
 * and quiz_attempts (the graded attempt, with `shown`). Lifecycle: opening
 * the page reuses the person's newest unanswered draw of the check on the
 * current revision (so a reload shows the same questions in the same order)
 * or makes a new one; posting answers claims the draw (answered_at) and
 * stores the attempt in one transaction, after the attempt limits
 * (attempt-limits.ts) are checked inside it. Nothing is kept in memory, so
 * several server processes share the rules.
 */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from '#db/client.ts';
import { quizAttempts, quizDraws } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';
import {
  decodeDraw,
  drawQuestions,
  encodeDraw,
  gradeDraw,
  parseDrawAnswers,
  storedAnswers,
  type DrawnQuestion,
  type GradeResult,
} from '#lib/content/grade.ts';
import type { QuizQuestion } from '#lib/content/schema.ts';
import { attemptBlock, attemptLimits, type AttemptBlock, type AttemptLimits } from './attempt-limits.ts';
import {
  recordAttemptIf,
  type CompletionResult,
  type CourseRef,
  type LessonRef,
  type Participant,
} from './progress.ts';

/** A check as the catalogue gives it: the lesson (or case) and its pool. */
export interface CheckRef {
  lesson: LessonRef;
  course: CourseRef;
  pool: QuizQuestion[];
  /** Questions per attempt; undefined shows the whole pool (the case). */
  shown: number | undefined;
  passThreshold: number;
}

export type OpenResult = { kind: 'draw'; id: string; draw: DrawnQuestion[] } | { kind: 'blocked'; block: AttemptBlock };

export type AnswerResult =
  | { kind: 'graded'; result: GradeResult; saved: CompletionResult }
  /** 404: no such attempt for this person and check (another person's looks the same). */
  | { kind: 'unknown' }
  /** 409: the attempt was already answered. */
  | { kind: 'answered' }
  /** 409: the check changed since the attempt was drawn. */
  | { kind: 'stale' }
  /** 400: the answers do not fit the attempt (which stays open, to be shown again). */
  | { kind: 'invalid'; message: string; draw: DrawnQuestion[] }
  /** 429: cool-down or throttle. */
  | { kind: 'blocked'; block: AttemptBlock };

const ATTEMPT_ID = /^[a-z2-7]{26}$/;

function newDrawId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The block on a new attempt at `lessonId`, read from the stored attempts (any handle, also inside a transaction). */
export async function currentBlock(
  db: Db,
  userId: number,
  lessonId: string,
  now: Date,
  limits: AttemptLimits = attemptLimits(),
): Promise<AttemptBlock | null> {
  const onCheck = await db
    .select({ at: quizAttempts.attemptedAt, passed: quizAttempts.passed })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.lessonId, lessonId)))
    .orderBy(desc(quizAttempts.attemptedAt), desc(quizAttempts.id))
    .limit(100);
  const since = new Date(now.getTime() - 60_000).toISOString();
  const lastMinute = await db
    .select({ at: quizAttempts.attemptedAt })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), gt(quizAttempts.attemptedAt, since)));
  return attemptBlock(
    onCheck,
    lastMinute.map((r) => r.at),
    now,
    limits,
  );
}

/**
 * The attempt to show on the check page: the person's open draw of this
 * check when it still fits the content, otherwise a new one; or the block
 * when the person must wait (then no draw is made).
 */
export async function openDraw(db: Db, who: Participant, check: CheckRef, now = new Date()): Promise<OpenResult> {
  const block = await currentBlock(db, who.id, check.lesson.lessonId, now);
  if (block) return { kind: 'blocked', block };
  const [open] = await db
    .select({ id: quizDraws.id, questions: quizDraws.questions })
    .from(quizDraws)
    .where(
      and(
        eq(quizDraws.userId, who.id),
        eq(quizDraws.lessonId, check.lesson.lessonId),
        isNull(quizDraws.answeredAt),
        eq(quizDraws.revision, check.lesson.revision),
      ),
    )
    .orderBy(desc(quizDraws.createdAt))
    .limit(1);
  const reused = open && decodeDraw(open.questions, check.pool);
  if (open && reused) return { kind: 'draw', id: open.id, draw: reused };
  const draw = drawQuestions(check.pool, check.shown);
  const id = newDrawId();
  await transaction(db, async (tx) => {
    await tx.insert(quizDraws).values({
      id,
      userId: who.id,
      courseId: check.lesson.courseId,
      lessonId: check.lesson.lessonId,
      revision: check.lesson.revision,
      questions: encodeDraw(draw),
      createdAt: now.toISOString(),
    });
  });
  return { kind: 'draw', id, draw };
}

/**
 * Grades the answers to attempt `attemptId` and stores them: guard (the
 * attempt is this person's, of this check, open, on the current revision)
 * → parse (every answer one of the shown options) → act (in one
 * transaction: the limits, claiming the attempt, the attempt row and a
 * completion on a pass). Any refusal writes nothing.
 */
export async function answerDraw(
  db: Db,
  who: Participant,
  check: CheckRef,
  attemptId: string,
  form: FormData,
  now = new Date(),
): Promise<AnswerResult> {
  if (!ATTEMPT_ID.test(attemptId)) return { kind: 'unknown' };
  const [row] = await db.select().from(quizDraws).where(eq(quizDraws.id, attemptId)).limit(1);
  if (!row || row.userId !== who.id || row.lessonId !== check.lesson.lessonId) return { kind: 'unknown' };
  if (row.answeredAt !== null) return { kind: 'answered' };
  const draw = row.revision === check.lesson.revision ? decodeDraw(row.questions, check.pool) : null;
  if (!draw) return { kind: 'stale' };
  const parsed = parseDrawAnswers(form, draw);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message, draw };
  const result = gradeDraw(check.pool, draw, parsed.answers, check.passThreshold);
  const attempt = {
    answers: storedAnswers(check.pool.length, result),
    result,
    shown: draw.map((d) => d.index),
  };
  const outcome = await recordAttemptIf<AnswerResult>(
    db,
    who,
    check.lesson,
    check.course,
    attempt,
    async (tx, at) => {
      const block = await currentBlock(tx, who.id, check.lesson.lessonId, now);
      if (block) return { kind: 'blocked', block };
      const claimed = await tx
        .update(quizDraws)
        .set({ answeredAt: at })
        .where(and(eq(quizDraws.id, attemptId), isNull(quizDraws.answeredAt)))
        .returning({ id: quizDraws.id });
      return claimed.length === 1 ? null : { kind: 'answered' };
    },
    now,
  );
  return outcome.refused ?? { kind: 'graded', result, saved: outcome.outcome };
}
