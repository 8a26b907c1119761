/**
 * A one-question knowledge check (the right answer is option 1) and its
 * graded results, for tests of the progress write path that need a pass or
 * a fail but not the real content.
 */
import { gradeQuiz } from '#lib/content/grade.ts';
import type { QuizQuestion } from '#lib/content/schema.ts';

export const oneQuestion: QuizQuestion[] = [
  {
    question: 'F?',
    answer: 1,
    options: [
      { text: 'a', explanation: 'x' },
      { text: 'b', explanation: 'y' },
    ],
  },
];

/** The check answered right ([1]) and wrong ([0]). */
export const pass = gradeQuiz(oneQuestion, [1]);
export const fail = gradeQuiz(oneQuestion, [0]);
