import { describe, expect, it } from 'vitest';
import {
  agencySummary,
  attemptsToPass,
  completionsByMonth,
  countFigure,
  courseStatisticsRows,
  feedbackSummary,
  FEWER_THAN,
  HIDDEN,
  lessonFunnel,
  parseStoredAnswers,
  questionStats,
  shareFigure,
  suppressColumn,
  type AttemptRow,
} from '#lib/statistics/course-stats.ts';

const attempt = (participant: number, id: number, answers: (number | null)[], passed: boolean): AttemptRow => ({
  participant,
  id,
  at: `2026-10-01T00:${String(id).padStart(2, '0')}:00Z`,
  answers,
  passed,
});

describe('small-group suppression', () => {
  it('shows counts of 5 or more, and "färre än 5" below (0 included)', () => {
    expect([0, 1, 4, 5, 12].map(countFigure)).toEqual([FEWER_THAN, FEWER_THAN, FEWER_THAN, 5, 12]);
  });
  it('shows a share only when its base has 5 or more participants', () => {
    expect(shareFigure(3, 4)).toBe(FEWER_THAN);
    expect(shareFigure(1, 5)).toBe(20);
    expect(shareFigure(2, 3)).toBe(FEWER_THAN);
    expect(shareFigure(2, 6)).toBe(33);
  });
  it('suppresses a second cell when a single suppressed one could be worked out from the total', () => {
    expect(suppressColumn([10, 3, 7])).toEqual([10, FEWER_THAN, HIDDEN]);
    expect(suppressColumn([10, 3, 2])).toEqual([10, FEWER_THAN, FEWER_THAN]);
    expect(suppressColumn([10, 6, 7])).toEqual([10, 6, 7]);
    expect(suppressColumn([3])).toEqual([FEWER_THAN]);
  });
});

describe('agencySummary', () => {
  it('pools agencies with fewer than 5 participants and keeps totals', () => {
    const { rows, total } = agencySummary([
      { agency: 'Försäkringskassan', started: 20, completed: 8, outdated: 2 },
      { agency: 'Pensionsmyndigheten', started: 12, completed: 6, outdated: 0 },
      { agency: 'Liten myndighet', started: 2, completed: 1, outdated: 0 },
      { agency: 'Annan liten', started: 2, completed: 0, outdated: 0 },
    ]);
    expect(rows.map((r) => r.agency)).toEqual(['Försäkringskassan', 'Pensionsmyndigheten', 'Övriga myndigheter']);
    // The pool's 4 starts are suppressed, and so is the next smallest agency's, so the total can't reveal them.
    expect(rows.map((r) => r.started)).toEqual([20, HIDDEN, FEWER_THAN]);
    // The pool's 1 completion is suppressed, and so is the smallest other cell so it can't be subtracted out.
    expect(rows.map((r) => r.completed)).toEqual([8, HIDDEN, FEWER_THAN]);
    expect(rows.map((r) => r.outdated)).toEqual([FEWER_THAN, FEWER_THAN, FEWER_THAN]);
    expect(total).toEqual({ agency: 'Totalt', started: 36, completed: 15, outdated: FEWER_THAN });
    expect(JSON.stringify(rows)).not.toContain('Liten myndighet');
  });
  it('shows nothing but "färre än 5" for a course with 4 participants', () => {
    const { rows, total } = agencySummary([{ agency: 'A', started: 4, completed: 4, outdated: 0 }]);
    expect(rows).toEqual([
      { agency: 'Övriga myndigheter', started: FEWER_THAN, completed: FEWER_THAN, outdated: FEWER_THAN },
    ]);
    expect(total.started).toBe(FEWER_THAN);
  });
});

describe('lessonFunnel', () => {
  it('gives every lesson in course order, with missing lessons as 0 (suppressed)', () => {
    const funnel = lessonFunnel(
      [
        { id: 'k/a', title: 'A' },
        { id: 'k/b', title: 'B' },
        { id: 'k/c', title: 'C' },
      ],
      [
        { lessonId: 'k/b', started: 6, completed: 3 },
        { lessonId: 'k/a', started: 10, completed: 9 },
      ],
    );
    expect(funnel).toEqual([
      { lessonId: 'k/a', title: 'A', started: 10, completed: 9 },
      { lessonId: 'k/b', title: 'B', started: 6, completed: FEWER_THAN },
      { lessonId: 'k/c', title: 'C', started: FEWER_THAN, completed: FEWER_THAN },
    ]);
  });
});

describe('completionsByMonth', () => {
  it('fills the months between the first completion and now', () => {
    expect(
      completionsByMonth(
        [
          { month: '2026-12', n: 1 },
          { month: '2026-10', n: 7 },
        ],
        new Date('2027-01-15T00:00:00Z'),
      ),
    ).toEqual([
      { month: '2026-10', completed: 7 },
      { month: '2026-11', completed: FEWER_THAN },
      { month: '2026-12', completed: FEWER_THAN },
      { month: '2027-01', completed: FEWER_THAN },
    ]);
    expect(completionsByMonth([], new Date())).toEqual([]);
  });
});

describe('questionStats', () => {
  const quiz = [
    { question: 'Q1', options: ['a', 'b', 'c'], answer: 0 },
    { question: 'Q2', options: ['a', 'b'], answer: 1 },
  ];
  it('counts the first attempt per participant and the most chosen wrong option over all attempts', () => {
    const attempts: AttemptRow[] = [];
    let id = 1;
    // Six participants: three wrong at first on Q1 (two chose "b", one "c"), then right.
    for (let p = 1; p <= 6; p++) {
      if (p <= 3) attempts.push(attempt(p, id++, [p === 3 ? 2 : 1, 1], false));
      attempts.push(attempt(p, id++, [0, 1], true));
    }
    // Two more wrong "c" answers by participants 4 and 5 *after* passing do not change their first attempt.
    attempts.push(attempt(4, id++, [2, 1], false), attempt(5, id, [2, 1], false));
    const [q1, q2] = questionStats(quiz, attempts);
    expect(q1.participants).toBe(6);
    expect(q1.firstRight).toBe(50);
    expect(q1.commonWrong).toEqual({ option: 'c', share: 60 });
    expect(q2).toEqual({ question: 'Q2', participants: 6, firstRight: 100, commonWrong: null });
  });
  it('suppresses when fewer than 5 took the check or fewer than 5 answered wrong', () => {
    const few = [attempt(1, 1, [1, 1], false), attempt(2, 2, [0, 1], true)];
    const [q1] = questionStats(quiz, few);
    expect(q1).toEqual({ question: 'Q1', participants: FEWER_THAN, firstRight: FEWER_THAN, commonWrong: FEWER_THAN });
  });
  it('counts a pool question only in the attempts that showed it, at its first showing', () => {
    const pool = [...quiz, { question: 'Q3', options: ['a', 'b'], answer: 0 }];
    const attempts: AttemptRow[] = [];
    let id = 1;
    // Six participants: the first attempt shows Q1 and Q2 (Q1 wrong), the second Q2 and Q3 (all right).
    for (let p = 1; p <= 6; p++) {
      attempts.push({ ...attempt(p, id++, [1, 1, null], false), shown: [0, 1] });
      attempts.push({ ...attempt(p, id++, [null, 1, 0], true), shown: [1, 2] });
    }
    const [q1, q2, q3] = questionStats(pool, attempts);
    expect(q1).toMatchObject({ participants: 6, firstRight: 0, commonWrong: { option: 'b', share: 100 } });
    expect(q2).toMatchObject({ participants: 6, firstRight: 100, commonWrong: null });
    // Q3 was first shown in the second attempt, and answered right there.
    expect(q3).toMatchObject({ participants: 6, firstRight: 100, commonWrong: null });
    // Not shown is not unanswered: a participant never shown Q3 is not counted for it.
    const unseen = questionStats(
      pool,
      attempts.filter((a) => a.shown?.includes(0)),
    );
    expect(unseen[2].participants).toBe(FEWER_THAN);
  });
  it('ignores answer indexes outside the options', () => {
    const odd = [1, 2, 3, 4, 5].map((p) => attempt(p, p, [7, null], false));
    const [q1, q2] = questionStats(quiz, odd);
    expect(q1.firstRight).toBe(0);
    expect(q1.commonWrong).toBeNull();
    expect(q2.commonWrong).toBeNull();
  });
});

describe('attemptsToPass', () => {
  it('counts attempts up to the first pass per participant', () => {
    const attempts: AttemptRow[] = [];
    let id = 1;
    const needs = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 4, 5, 3];
    needs.forEach((n, p) => {
      for (let k = 1; k <= n; k++) attempts.push(attempt(p + 1, id++, [0], k === n));
    });
    attempts.push(attempt(99, id++, [1], false)); // never passed: not counted
    expect(attemptsToPass(attempts)).toEqual({ passed: 15, one: 6, two: HIDDEN, threeOrMore: FEWER_THAN, mean: 2.1 });
  });
  it('hides the spread and the mean in a small group', () => {
    expect(attemptsToPass([attempt(1, 1, [0], true)])).toEqual({
      passed: FEWER_THAN,
      one: FEWER_THAN,
      two: FEWER_THAN,
      threeOrMore: FEWER_THAN,
      mean: FEWER_THAN,
    });
  });
});

describe('feedbackSummary', () => {
  it('shows totals and comments (alphabetically, no names) from 5 answers on', () => {
    const rows = [
      { helpful: true, comment: 'Tydlig' },
      { helpful: true, comment: null },
      { helpful: true, comment: '  ' },
      { helpful: true, comment: 'Bra exempel' },
      { helpful: true, comment: null },
      { helpful: false, comment: 'För lång' },
    ];
    expect(feedbackSummary(rows)).toEqual({
      answered: 6,
      yes: HIDDEN,
      no: FEWER_THAN,
      comments: ['Bra exempel', 'För lång', 'Tydlig'],
    });
  });
  it('withholds comments when fewer than 5 answered', () => {
    expect(feedbackSummary([{ helpful: false, comment: 'Hemlig' }])).toEqual({
      answered: FEWER_THAN,
      yes: FEWER_THAN,
      no: FEWER_THAN,
      comments: null,
    });
    expect(feedbackSummary([1, 2, 3, 4, 5, 6].map(() => ({ helpful: true, comment: null })))).toMatchObject({
      answered: 6,
      yes: HIDDEN,
      no: FEWER_THAN,
    });
  });
});

describe('parseStoredAnswers', () => {
  it('reads the stored JSON array and treats anything else as unanswered', () => {
    expect(parseStoredAnswers('[0,null,2]')).toEqual([0, null, 2]);
    expect(parseStoredAnswers('[1.5,"x"]')).toEqual([null, null]);
    expect(parseStoredAnswers('{')).toEqual([]);
  });
});

describe('courseStatisticsRows', () => {
  it('exports every section with suppressed figures as "färre än 5" and no comments', () => {
    const { header, rows } = courseStatisticsRows({
      courseId: 'k',
      title: 'Kurs',
      participants: agencySummary([{ agency: 'A', started: 9, completed: 2, outdated: 0 }]),
      funnel: lessonFunnel([{ id: 'k/a', title: 'A' }], [{ lessonId: 'k/a', started: 9, completed: 2 }]),
      months: [{ month: '2026-10', completed: FEWER_THAN }],
      quizzes: [],
      feedback: [
        {
          lessonId: 'k/a',
          title: 'A',
          ...feedbackSummary([...Array(10).keys()].map((i) => ({ helpful: i < 5, comment: 'hemlig kommentar' }))),
        },
      ],
    });
    expect(header).toEqual(['Avsnitt', 'Gäller', 'Mått', 'Värde']);
    expect(rows).toContainEqual(['Deltagare', 'A', 'Klarat kursen', FEWER_THAN]);
    expect(rows).toContainEqual(['Lektioner', 'A', 'Påbörjat', 9]);
    expect(rows).toContainEqual(['Hjälpte lektionen?', 'A', 'Ja', 5]);
    expect(JSON.stringify(rows)).not.toContain('hemlig kommentar');
    expect(rows.flat()).not.toContain(2);
  });
});
