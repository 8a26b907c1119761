import { describe, expect, it } from 'vitest';
import { gradeQuiz, parseAnswers } from '#lib/content/grade.ts';
import type { QuizQuestion } from '#lib/content/schema.ts';

const quiz: QuizQuestion[] = [
  {
    question: 'Första?',
    answer: 1,
    options: [
      { text: 'A', explanation: 'A är fel' },
      { text: 'B', explanation: 'B är rätt' },
    ],
  },
  {
    question: 'Andra?',
    answer: 0,
    options: [
      { text: 'C', explanation: 'C är rätt' },
      { text: 'D', explanation: 'D är fel' },
      { text: 'E', explanation: 'E är fel' },
    ],
  },
];

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe('parseAnswers', () => {
  it('reads one whole-number answer per question', () => {
    expect(
      parseAnswers(
        form([
          ['q0', '1'],
          ['q1', '0'],
        ]),
        2,
      ),
    ).toEqual([1, 0]);
  });

  it('treats missing, duplicate, negative, non-numeric and huge values as unanswered', () => {
    expect(
      parseAnswers(
        form([
          ['q0', '1'],
          ['q0', '0'],
          ['q1', '-1'],
        ]),
        2,
      ),
    ).toEqual([null, null]);
    expect(
      parseAnswers(
        form([
          ['q0', 'x'],
          ['q1', '1e3'],
        ]),
        2,
      ),
    ).toEqual([null, null]);
    expect(parseAnswers(form([['q0', '99999999999']]), 2)).toEqual([null, null]);
  });
});

describe('gradeQuiz', () => {
  it('passes with all right and explains the chosen option', () => {
    const r = gradeQuiz(quiz, [1, 0]);
    expect(r).toMatchObject({ right: 2, total: 2, passed: true });
    expect(r.questions[0]).toMatchObject({ correct: true, chosenText: 'B', explanation: 'B är rätt' });
  });

  it('fails one wrong answer at the default threshold and explains why it was wrong', () => {
    const r = gradeQuiz(quiz, [0, 0]);
    expect(r).toMatchObject({ right: 1, passed: false });
    expect(r.questions[0]).toMatchObject({ correct: false, chosenText: 'A', rightText: 'B', explanation: 'A är fel' });
  });

  it('passes one wrong of two at threshold 0.5', () => {
    expect(gradeQuiz(quiz, [0, 0], 0.5).passed).toBe(true);
  });

  it('counts an option index out of range as unanswered, never as right', () => {
    const r = gradeQuiz(quiz, [7, null]);
    expect(r.right).toBe(0);
    expect(r.questions[0]).toMatchObject({ chosen: null, correct: false, explanation: 'B är rätt' });
  });
});
