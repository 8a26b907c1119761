/**
 * Knowledge checks as drawn, answered and graded on the server. Pure: the
 * caller stores the draw, parses the form with it and decides what to keep.
 *
 * A draw is `quizShown` questions of a lesson's pool (or every question of
 * the end-of-course case), each with its options in a shuffled order. The
 * form shows the draw and posts the chosen *displayed* position per
 * question (`q0`, `q1`, …); grading maps it back to the content's option
 * index, so neither the answer key nor the shuffle can be read from a page.
 */
import { randomInt } from 'node:crypto';
import type { QuizQuestion } from './schema.ts';

/** The form field naming the attempt (the draw's id). */
export const ATTEMPT_FIELD = 'forsok';

/** One drawn question: its position in the pool and its options' order (`order[shown] = content index`). */
export interface DrawnQuestion {
  index: number;
  order: number[];
}

/** A question as the form shows it: text and options in the drawn order, no key. */
export interface ShownQuestion {
  question: string;
  options: string[];
}

export interface GradedQuestion {
  /** Position in the pool (the statistics count by it). */
  poolIndex: number;
  question: string;
  /** Content index of the option chosen, or null when unanswered. */
  chosen: number | null;
  correct: boolean;
  chosenText: string | null;
  /** Why the chosen option is right or wrong; null when unanswered. */
  explanation: string | null;
  /**
   * The right option and why, only in a passed attempt: a check that is not
   * passed never tells the right option of a question answered wrongly.
   */
  right: { text: string; explanation: string } | null;
}

export interface GradeResult {
  questions: GradedQuestion[];
  right: number;
  total: number;
  passed: boolean;
}

/** Whole-number randoms below `max` (crypto by default; tests pass their own). */
export type RandomInt = (max: number) => number;

const cryptoRandom: RandomInt = (max) => randomInt(max);

/** A Fisher–Yates shuffle of 0…n-1. */
function shuffled(n: number, random: RandomInt): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Draws `shown` questions of `pool` (all of them when `shown` is missing or
 * larger), in a random order, each with shuffled options.
 */
export function drawQuestions(
  pool: { options: unknown[] }[],
  shown: number | undefined,
  random: RandomInt = cryptoRandom,
): DrawnQuestion[] {
  const count = Math.min(shown ?? pool.length, pool.length);
  return shuffled(pool.length, random)
    .slice(0, count)
    .map((index) => ({ index, order: shuffled(pool[index].options.length, random) }));
}

/** The draw as stored: `[[poolIndex, [contentIndex…]], …]`. */
export function encodeDraw(draw: DrawnQuestion[]): string {
  return JSON.stringify(draw.map((q) => [q.index, q.order]));
}

/**
 * A stored draw, checked against the pool it must fit (the content may have
 * changed since): null when it does not, and then a new draw is made.
 */
export function decodeDraw(json: string, pool: { options: unknown[] }[]): DrawnQuestion[] | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  const draw: DrawnQuestion[] = [];
  const seen = new Set<number>();
  for (const item of value) {
    if (!Array.isArray(item) || item.length !== 2) return null;
    const [index, order] = item as [unknown, unknown];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= pool.length) return null;
    if (seen.has(index) || !Array.isArray(order)) return null;
    seen.add(index);
    const n = pool[index].options.length;
    const sorted = [...order].sort((a, b) => Number(a) - Number(b));
    if (order.length !== n || !sorted.every((v, i) => v === i)) return null;
    draw.push({ index, order: order as number[] });
  }
  return draw;
}

/** What the form shows of a draw. */
export function shownQuestions(pool: QuizQuestion[], draw: DrawnQuestion[]): ShownQuestion[] {
  return draw.map((d) => ({
    question: pool[d.index].question,
    options: d.order.map((o) => pool[d.index].options[o].text),
  }));
}

export type ParsedAnswers = { ok: true; answers: (number | null)[] } | { ok: false; message: string };

/**
 * Reads the displayed positions chosen in fields `q0`, `q1`, … of a draw.
 * No field is an unanswered question; a value that is not one of the
 * question's positions, or two values for one question, is an error (a
 * browser never sends it), as is a form with no answer at all.
 */
export function parseDrawAnswers(form: FormData, draw: DrawnQuestion[]): ParsedAnswers {
  const answers: (number | null)[] = [];
  for (const [i, q] of draw.entries()) {
    const values = form.getAll(`q${i}`);
    if (values.length === 0) {
      answers.push(null);
      continue;
    }
    const value = values[0];
    if (values.length > 1) return { ok: false, message: `Fråga ${i + 1} har fler än ett svar. Välj ett svar per fråga.` };
    if (typeof value !== 'string' || !/^\d{1,2}$/.test(value) || Number(value) >= q.order.length)
      return { ok: false, message: `Svaret på fråga ${i + 1} finns inte bland alternativen. Välj ett av dem.` };
    answers.push(Number(value));
  }
  if (answers.every((a) => a === null)) {
    return { ok: false, message: 'Du har inte svarat på någon fråga. Välj ett svar per fråga och skicka igen.' };
  }
  return { ok: true, answers };
}

/** Grades displayed positions (one per drawn question, null = unanswered) at `passThreshold` (0–1). */
export function gradeDraw(
  pool: QuizQuestion[],
  draw: DrawnQuestion[],
  displayed: (number | null)[],
  passThreshold = 1,
): GradeResult {
  const chosen = draw.map((d, i) => {
    const shown = displayed[i];
    return shown === null || shown === undefined || shown < 0 || shown >= d.order.length ? null : d.order[shown];
  });
  return gradeQuiz(
    draw.map((d) => pool[d.index]),
    chosen,
    passThreshold,
    draw.map((d) => d.index),
  );
}

/**
 * Grades content option indexes (one per question, null = unanswered) with
 * the given pass threshold (0–1). `poolIndexes` names each question's pool
 * position (default: its place in `quiz`).
 */
export function gradeQuiz(
  quiz: QuizQuestion[],
  answers: (number | null)[],
  passThreshold = 1,
  poolIndexes: number[] = quiz.map((_, i) => i),
): GradeResult {
  const graded = quiz.map((q, i) => {
    const raw = answers[i];
    const chosen = raw !== null && raw !== undefined && raw >= 0 && raw < q.options.length ? raw : null;
    return {
      poolIndex: poolIndexes[i],
      question: q.question,
      chosen,
      correct: chosen === q.answer,
      chosenText: chosen === null ? null : q.options[chosen].text,
      explanation: chosen === null ? null : q.options[chosen].explanation,
    };
  });
  const right = graded.filter((q) => q.correct).length;
  const passed = right >= Math.ceil(quiz.length * passThreshold - 1e-9);
  const questions = graded.map(
    (g, i): GradedQuestion => ({
      ...g,
      right: passed ? { text: quiz[i].options[quiz[i].answer].text, explanation: quiz[i].options[quiz[i].answer].explanation } : null,
    }),
  );
  return { questions, right, total: quiz.length, passed };
}

/** The answers as stored: one entry per pool question, the content index chosen, null when unanswered or not shown. */
export function storedAnswers(poolSize: number, result: GradeResult): (number | null)[] {
  const answers: (number | null)[] = Array.from({ length: poolSize }, () => null);
  for (const q of result.questions) answers[q.poolIndex] = q.chosen;
  return answers;
}
