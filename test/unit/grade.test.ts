import { describe, expect, it } from 'vitest';
import {
  decodeDraw,
  drawQuestions,
  encodeDraw,
  gradeDraw,
  gradeQuiz,
  parseDrawAnswers,
  shownQuestions,
  storedAnswers,
  type DrawnQuestion,
} from '#lib/content/grade.ts';
import { caseSchema, courseSchema, lessonSchema, type QuizQuestion } from '#lib/content/schema.ts';
import { readContentTree } from '#lib/content/files.ts';
import { splitSource } from '#lib/content/frontmatter.ts';
import { seededRandom } from '#lib/seeded-random.ts';

const q = (question: string, answer: number, ...texts: string[]): QuizQuestion => ({
  question,
  answer,
  options: texts.map((text) => ({
    text,
    explanation: `${text} är ${texts.indexOf(text) === answer ? 'rätt' : 'fel'}`,
  })),
});

const pool: QuizQuestion[] = [
  q('Första?', 1, 'A', 'B'),
  q('Andra?', 0, 'C', 'D', 'E'),
  q('Tredje?', 2, 'F', 'G', 'H'),
  q('Fjärde?', 1, 'I', 'J', 'K'),
];

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

/** A fixed draw: questions 2 and 0, options reversed. */
const draw: DrawnQuestion[] = [
  { index: 2, order: [2, 1, 0] },
  { index: 0, order: [1, 0] },
];

describe('drawQuestions', () => {
  it('draws `shown` distinct questions of the pool, each with a permutation of its options', () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 50; i++) {
      const d = drawQuestions(pool, 3, (max) => Math.floor(rnd() * max));
      expect(d).toHaveLength(3);
      expect(new Set(d.map((x) => x.index)).size).toBe(3);
      for (const x of d) expect([...x.order].sort()).toEqual(pool[x.index].options.map((_, j) => j));
    }
  });

  it('shows the whole pool when `shown` is missing (the end-of-course case)', () => {
    expect(
      drawQuestions(pool, undefined)
        .map((d) => d.index)
        .sort(),
    ).toEqual([0, 1, 2, 3]);
  });

  it('varies the questions and the option order between attempts', () => {
    const seen = new Set(Array.from({ length: 40 }, () => encodeDraw(drawQuestions(pool, 2))));
    expect(seen.size).toBeGreaterThan(10);
  });
});

describe('encodeDraw / decodeDraw', () => {
  it('round-trips a draw', () => {
    expect(decodeDraw(encodeDraw(draw), pool)).toEqual(draw);
  });

  it('refuses a stored draw the pool no longer fits', () => {
    expect(decodeDraw(encodeDraw([{ index: 9, order: [0, 1] }]), pool)).toBeNull();
    expect(decodeDraw(encodeDraw([{ index: 0, order: [0, 1, 2] }]), pool)).toBeNull();
    expect(decodeDraw(encodeDraw([{ index: 0, order: [0, 0] }]), pool)).toBeNull();
    expect(decodeDraw('[[0,[0,1]],[0,[1,0]]]', pool)).toBeNull();
    expect(decodeDraw('inte json', pool)).toBeNull();
    expect(decodeDraw('[]', pool)).toBeNull();
  });
});

describe('shownQuestions', () => {
  it('shows the drawn questions with options in the drawn order and no key', () => {
    expect(shownQuestions(pool, draw)).toEqual([
      { question: 'Tredje?', options: ['H', 'G', 'F'] },
      { question: 'Första?', options: ['B', 'A'] },
    ]);
  });
});

describe('parseDrawAnswers', () => {
  it('reads one displayed position per drawn question; a missing one is unanswered', () => {
    expect(parseDrawAnswers(form([['q0', '0']]), draw)).toEqual({ ok: true, answers: [0, null] });
  });

  it('refuses an out-of-range, non-numeric, negative or repeated answer, and a form with no answers', () => {
    for (const entries of [
      [['q0', '3']],
      [['q1', '2']],
      [['q0', '-1']],
      [['q0', 'x']],
      [['q0', '1e3']],
      [['q0', '99999999999']],
      [
        ['q0', '0'],
        ['q0', '1'],
      ],
      [],
      [['q7', '0']],
    ] as [string, string][][]) {
      const parsed = parseDrawAnswers(form(entries), draw);
      expect(parsed.ok, JSON.stringify(entries)).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/fråga|alternativ/i);
    }
  });
});

describe('gradeDraw', () => {
  it('maps displayed positions back to the content options', () => {
    // Displayed 0 of question "Tredje?" is content option 2 (right); displayed 0 of "Första?" is option 1 (right).
    const r = gradeDraw(pool, draw, [0, 0]);
    expect(r).toMatchObject({ right: 2, total: 2, passed: true });
    expect(r.questions.map((x) => [x.poolIndex, x.chosen])).toEqual([
      [2, 2],
      [0, 1],
    ]);
    expect(storedAnswers(pool.length, r)).toEqual([1, null, 2, null]);
  });

  it('in a failed attempt explains the chosen wrong option and never tells the right one', () => {
    const r = gradeDraw(pool, draw, [1, null]);
    expect(r.passed).toBe(false);
    expect(r.questions[0]).toMatchObject({ correct: false, chosenText: 'G', explanation: 'G är fel', right: null });
    expect(r.questions[1]).toMatchObject({ chosen: null, correct: false, explanation: null, right: null });
    expect(JSON.stringify(r)).not.toContain('H är rätt');
    expect(JSON.stringify(r)).not.toContain('B är rätt');
  });

  it('in a passed attempt may show the right option of a question answered wrongly', () => {
    const r = gradeDraw(pool, draw, [1, 0], 0.5);
    expect(r.passed).toBe(true);
    expect(r.questions[0].right).toEqual({ text: 'H', explanation: 'H är rätt' });
  });
});

describe('gradeQuiz', () => {
  it('counts an option index out of range as unanswered, never as right', () => {
    const r = gradeQuiz(pool.slice(0, 2), [7, null]);
    expect(r.right).toBe(0);
    expect(r.questions[0]).toMatchObject({ chosen: null, correct: false, explanation: null });
  });
});

// ------------------------------------------------------------- the real library

interface Check {
  file: string;
  pool: QuizQuestion[];
  shown: number;
  threshold: number;
}

/** Every lesson's and case's check of the real library, parsed with the content schemas. */
function libraryChecks(): Check[] {
  const { files } = readContentTree(process.cwd(), 'content');
  const data = (source: string) => splitSource(source).doc!.toJS() as unknown;
  const thresholds = new Map(
    files
      .filter((f) => f.path.endsWith('/index.mdx'))
      .map((f) => [f.path.split('/')[1], courseSchema.parse(data(f.source)).passThreshold]),
  );
  return files.flatMap((f): Check[] => {
    const threshold = thresholds.get(f.path.split('/')[1]) ?? 1;
    if (/\/\d{2}-[^/]+\.mdx$/.test(f.path)) {
      const lesson = lessonSchema.parse(data(f.source));
      return [{ file: f.path, pool: lesson.quiz, shown: lesson.quizShown ?? lesson.quiz.length, threshold }];
    }
    if (f.path.endsWith('/slutfall.mdx')) {
      const c = caseSchema.parse(data(f.source));
      return [{ file: f.path, pool: c.questions, shown: c.questions.length, threshold }];
    }
    return [];
  });
}

/** The displayed position of the longest option (the first of equals). */
const longest = (options: string[]) => options.reduce((best, o, i) => (o.length > options[best].length ? i : best), 0);

describe('a scripted attempt that always picks the longest option', () => {
  const checks = libraryChecks();

  it('reads every lesson and case of the library', () => {
    expect(checks.length).toBeGreaterThan(40);
    expect(checks.filter((c) => c.file.endsWith('/slutfall.mdx')).length).toBeGreaterThan(5);
  });

  it('passes no lesson and no case, whatever questions are drawn (worst case: ties count as right)', () => {
    for (const check of checks) {
      const needed = Math.ceil(check.shown * check.threshold - 1e-9);
      const longestCanBeRight = check.pool.filter((x) => {
        const max = Math.max(...x.options.map((o) => o.text.length));
        return x.options[x.answer].text.length === max;
      }).length;
      // The best draw for the script holds as many longest-right questions as the attempt shows.
      expect(Math.min(check.shown, longestCanBeRight), check.file).toBeLessThan(needed);
    }
  });

  it('fails every attempt when run against the grading, 30 draws per check', () => {
    const rnd = seededRandom(18);
    const random = (max: number) => Math.floor(rnd() * max);
    for (const check of checks) {
      for (let i = 0; i < 30; i++) {
        const d = drawQuestions(check.pool, check.shown, random);
        const answers = shownQuestions(check.pool, d).map((x) => longest(x.options));
        expect(gradeDraw(check.pool, d, answers, check.threshold).passed, check.file).toBe(false);
      }
    }
  });
});
