/**
 * The knowledge-check page as one decision, shared by the lesson's check
 * (/kurser/<kurs>/<lektion>/kunskapskoll/) and the end-of-course case's
 * (/kurser/<kurs>/slutfall/kunskapskoll/): guard → parse → act, and what to
 * show with which status. GET shows the person's drawn attempt (or why they
 * must wait); POST grades the attempt the form names.
 */
import type { Db } from '#db/client.ts';
import { ATTEMPT_FIELD, shownQuestions, type GradeResult, type ShownQuestion } from '#lib/content/grade.ts';
import { attemptLimits, blockMessage } from './attempt-limits.ts';
import type { CompletionResult, Participant } from './progress.ts';
import { answerDraw, currentBlock, openDraw, type CheckRef } from './quiz-draws.ts';

export type CheckView =
  /** Not signed in: attempts are personal, so the check needs a session. */
  | { kind: 'login' }
  | { kind: 'form'; attemptId: string; questions: ShownQuestion[]; error: string | null }
  | { kind: 'blocked'; message: string }
  /** A refused post, with what to do next. */
  | { kind: 'refused'; message: string }
  /** A graded attempt; `wait` says when another may be made (null: now). */
  | { kind: 'result'; result: GradeResult; saved: CompletionResult; wait: string | null };

export interface CheckAnswer {
  status: number;
  view: CheckView;
}

const REFUSALS = {
  unknown: [404, 'Försöket finns inte. Öppna kunskapskontrollen igen för att få ett nytt försök.'],
  answered: [409, 'Det här försöket är redan rättat. Öppna kunskapskontrollen igen för ett nytt försök.'],
  stale: [409, 'Kontrollen har ändrats sedan du öppnade den. Öppna den igen för att få de nya frågorna.'],
} as const;

async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** The page for `request` by `user` at `check`. */
export async function answerCheck(
  db: Db,
  request: Request,
  user: Participant | null,
  check: CheckRef,
  now = new Date(),
): Promise<CheckAnswer> {
  const limits = attemptLimits();
  const isPost = request.method === 'POST';
  if (!user) return { status: isPost ? 401 : 200, view: { kind: 'login' } };
  if (!isPost) {
    const opened = await openDraw(db, user, check, now);
    if (opened.kind === 'blocked') {
      return { status: 200, view: { kind: 'blocked', message: blockMessage(opened.block, limits, now) } };
    }
    const questions = shownQuestions(check.pool, opened.draw);
    return { status: 200, view: { kind: 'form', attemptId: opened.id, questions, error: null } };
  }
  const form = await readForm(request);
  if (!form) {
    const message = 'Formuläret kunde inte läsas. Öppna kunskapskontrollen igen och skicka svaren på nytt.';
    return { status: 400, view: { kind: 'refused', message } };
  }
  const attemptId = form.get(ATTEMPT_FIELD);
  if (typeof attemptId !== 'string' || attemptId === '') {
    const message = 'Formuläret saknar försökets nummer. Öppna kunskapskontrollen igen och svara där.';
    return { status: 400, view: { kind: 'refused', message } };
  }
  const answered = await answerDraw(db, user, check, attemptId, form, now);
  switch (answered.kind) {
    case 'graded': {
      const block = answered.result.passed ? null : await currentBlock(db, user.id, check.lesson.lessonId, now, limits);
      const wait = block ? blockMessage(block, limits, now) : null;
      return { status: 200, view: { kind: 'result', result: answered.result, saved: answered.saved, wait } };
    }
    case 'invalid': {
      // The same attempt again with the error: nothing was stored and the attempt is still open.
      const questions = shownQuestions(check.pool, answered.draw);
      return { status: 400, view: { kind: 'form', attemptId, questions, error: answered.message } };
    }
    case 'blocked':
      return { status: 429, view: { kind: 'blocked', message: blockMessage(answered.block, limits, now) } };
    default: {
      const [status, message] = REFUSALS[answered.kind];
      return { status, view: { kind: 'refused', message } };
    }
  }
}
