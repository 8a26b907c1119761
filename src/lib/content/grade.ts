/**
 * Grading of a knowledge check against the answer key from the lesson's
 * frontmatter. Pure: the caller parses the form and decides what to store.
 */
import type { QuizQuestion } from './schema.ts';

export interface GradedQuestion {
  question: string;
  /** Index the participant chose, or null when unanswered or invalid. */
  chosen: number | null;
  correct: boolean;
  chosenText: string | null;
  rightText: string;
  /** Why the chosen option is right or wrong (or why the right one is right when unanswered). */
  explanation: string;
}

export interface GradeResult {
  questions: GradedQuestion[];
  right: number;
  total: number;
  passed: boolean;
}

/**
 * Reads the answers from form fields `q0`, `q1`, …: each must be a single
 * whole-number option index; anything else counts as unanswered.
 */
export function parseAnswers(form: FormData, questionCount: number): (number | null)[] {
  return Array.from({ length: questionCount }, (_, i) => {
    const values = form.getAll(`q${i}`);
    if (values.length !== 1 || typeof values[0] !== 'string' || !/^\d{1,2}$/.test(values[0])) return null;
    return Number(values[0]);
  });
}

/** Grades `answers` (one per question, null = unanswered) with the given pass threshold (0–1). */
export function gradeQuiz(quiz: QuizQuestion[], answers: (number | null)[], passThreshold = 1): GradeResult {
  const questions = quiz.map((q, i): GradedQuestion => {
    const raw = answers[i];
    const chosen = raw !== null && raw !== undefined && raw >= 0 && raw < q.options.length ? raw : null;
    const correct = chosen === q.answer;
    return {
      question: q.question,
      chosen,
      correct,
      chosenText: chosen === null ? null : q.options[chosen].text,
      rightText: q.options[q.answer].text,
      explanation: chosen === null ? q.options[q.answer].explanation : q.options[chosen].explanation,
    };
  });
  const right = questions.filter((q) => q.correct).length;
  return { questions, right, total: quiz.length, passed: right >= Math.ceil(quiz.length * passThreshold - 1e-9) };
}
