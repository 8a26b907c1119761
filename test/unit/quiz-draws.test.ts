import { beforeEach, describe, expect, it } from 'vitest';
import { memoryDb, rows } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import type { Db } from '#db/client.ts';
import { answerDraw, openDraw, type CheckRef } from '#lib/progress/quiz-draws.ts';
import { completionsOf, lessonRecords, recordAttempt } from '#lib/progress/progress.ts';
import { encodeDraw, gradeQuiz, shownQuestions, type DrawnQuestion } from '#lib/content/grade.ts';
import { quizDraws } from '#db/schema.ts';
import type { QuizQuestion } from '#lib/content/schema.ts';

const question = (n: number): QuizQuestion => ({
  question: `Fråga ${n}?`,
  answer: n % 3,
  options: [0, 1, 2].map((o) => ({ text: `svar ${n}.${o}`, explanation: `förklaring ${n}.${o}` })),
});
const pool = Array.from({ length: 6 }, (_, n) => question(n));
const course = { courseId: 'k', revision: 1, lessonIds: ['k/a', 'k/slutfall'] };
const check: CheckRef = {
  lesson: { courseId: 'k', lessonId: 'k/a', revision: 1, hasQuiz: true },
  course,
  pool,
  shown: 3,
  passThreshold: 1,
};
const caseCheck: CheckRef = {
  ...check,
  lesson: { courseId: 'k', lessonId: 'k/slutfall', revision: 1, hasQuiz: true },
  shown: undefined,
};

/** Form fields answering every drawn question right (or `wrong` ones wrong), by displayed position. */
function answers(id: string, draw: DrawnQuestion[], wrong = false): FormData {
  const f = new FormData();
  f.set('forsok', id);
  draw.forEach((d, i) => {
    const right = d.order.indexOf(pool[d.index].answer);
    f.set(`q${i}`, String(wrong ? (right + 1) % d.order.length : right));
  });
  return f;
}

const count = async (db: Db, table: string) =>
  Number((await rows<{ n: number }>(db, `select count(*) as n from ${table}`))[0].n);

let db: Db;
let f: Fixture;
const t0 = new Date('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeEach(async () => {
  db = memoryDb();
  f = await seedAccounts(db);
});

async function open(who = f.users.learnerA, c = check, now = t0) {
  const o = await openDraw(db, who, c, now);
  if (o.kind !== 'draw') throw new Error(`väntade ett försök, fick ${o.kind}`);
  return o;
}

describe('openDraw', () => {
  it('draws quizShown questions and shows the same draw until it is answered', async () => {
    const first = await open();
    expect(first.draw).toHaveLength(3);
    expect(await open()).toEqual(first);
    expect(await count(db, 'quiz_draws')).toBe(1);
    await answerDraw(db, f.users.learnerA, check, first.id, answers(first.id, first.draw), at(1));
    expect((await open(f.users.learnerA, check, at(2))).id).not.toBe(first.id);
  });

  it('draws anew when the lesson revision changes', async () => {
    const first = await open();
    const revised = { ...check, lesson: { ...check.lesson, revision: 2 } };
    expect((await open(f.users.learnerA, revised)).id).not.toBe(first.id);
  });

  it('shows every question of the end-of-course case', async () => {
    expect((await open(f.users.learnerA, caseCheck)).draw).toHaveLength(6);
  });
});

describe('answerDraw', () => {
  it('grades by displayed position and stores the answers by pool position with what was shown', async () => {
    const o = await open();
    const r = await answerDraw(db, f.users.learnerA, check, o.id, answers(o.id, o.draw), at(1));
    expect(r.kind).toBe('graded');
    if (r.kind !== 'graded') return;
    expect(r.result).toMatchObject({ right: 3, total: 3, passed: true });
    expect(r.saved.completed).toBe(true);
    const [row] = await rows<{ answers: string; shown: string }>(db, 'select answers, shown from quiz_attempts');
    const shown = JSON.parse(row.shown) as number[];
    expect(shown).toEqual(o.draw.map((d) => d.index));
    const stored = JSON.parse(row.answers) as (number | null)[];
    expect(stored).toHaveLength(6);
    stored.forEach((a, i) => expect(a).toBe(shown.includes(i) ? pool[i].answer : null));
  });

  it('refuses bad input and writes nothing', async () => {
    const o = await open();
    const other = await open(f.users.learnerB);
    const cases: [string, FormData, string][] = [];
    const unknown = answers('a'.repeat(26), o.draw);
    cases.push(['unknown id', unknown, 'unknown']);
    cases.push(["another person's attempt", answers(other.id, other.draw), 'unknown']);
    const outOfRange = answers(o.id, o.draw);
    outOfRange.set('q0', '3');
    cases.push(['answer out of range', outOfRange, 'invalid']);
    const none = new FormData();
    none.set('forsok', o.id);
    cases.push(['no answers', none, 'invalid']);
    for (const [what, form, kind] of cases) {
      const r = await answerDraw(db, f.users.learnerA, check, String(form.get('forsok')), form, at(1));
      expect(r.kind, what).toBe(kind);
    }
    expect(await count(db, 'quiz_attempts')).toBe(0);
    expect(await count(db, 'lesson_progress')).toBe(0);
    expect(await rows(db, 'select id from quiz_draws where answered_at is not null')).toEqual([]);
  });

  it('refuses an attempt of another check', async () => {
    const o = await open();
    const r = await answerDraw(db, f.users.learnerA, caseCheck, o.id, answers(o.id, o.draw), at(1));
    expect(r.kind).toBe('unknown');
  });

  it('stores a replayed or parallel post of one attempt once', async () => {
    const o = await open();
    const form = answers(o.id, o.draw, true);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => answerDraw(db, f.users.learnerA, check, o.id, form, at(1))),
    );
    expect(results.filter((r) => r.kind === 'graded')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'answered')).toHaveLength(4);
    expect((await answerDraw(db, f.users.learnerA, check, o.id, form, at(2))).kind).toBe('answered');
    expect(await count(db, 'quiz_attempts')).toBe(1);
  });

  it('stops blind retries with a cool-down after three failures, and allows them after it', async () => {
    const who = f.users.learnerA;
    for (let i = 0; i < 3; i++) {
      const o = await open(who, check, at(i));
      expect((await answerDraw(db, who, check, o.id, answers(o.id, o.draw, true), at(i))).kind).toBe('graded');
    }
    expect((await openDraw(db, who, check, at(3))).kind).toBe('blocked');
    // An attempt left open from before cannot be answered during the cool-down either, and stays open.
    const draw: DrawnQuestion[] = [0, 1, 2].map((index) => ({ index, order: [0, 1, 2] }));
    const id = 'b'.repeat(26);
    await db.insert(quizDraws).values({
      id,
      userId: who.id,
      courseId: 'k',
      lessonId: 'k/a',
      revision: 1,
      questions: encodeDraw(draw),
      createdAt: at(0).toISOString(),
    });
    expect(await answerDraw(db, who, check, id, answers(id, draw), at(4))).toMatchObject({ kind: 'blocked' });
    expect(await count(db, 'quiz_attempts')).toBe(3);
    expect((await openDraw(db, who, check, at(12.5))).kind).toBe('draw');
  });

  it('throttles many attempts a minute over all checks', async () => {
    const who = f.users.learnerA;
    const kinds: string[] = [];
    const checks = Array.from({ length: 6 }, (_, i) => ({
      ...check,
      lesson: { ...check.lesson, lessonId: `k/l${i}` },
    }));
    const opened = await Promise.all(checks.map((c) => open(who, c)));
    for (const [i, c] of checks.entries()) {
      const o = opened[i];
      kinds.push((await answerDraw(db, who, c, o.id, answers(o.id, o.draw, i % 2 === 0), at(i / 10))).kind);
    }
    // The page says so too, until the minute is over.
    expect((await openDraw(db, who, checks[5], at(0.6))).kind).toBe('blocked');
    expect((await openDraw(db, who, checks[5], at(1.05))).kind).toBe('draw');
    expect(kinds).toEqual(['graded', 'graded', 'graded', 'graded', 'graded', 'blocked']);
    expect(await count(db, 'quiz_attempts')).toBe(5);
  });
});

describe('the end-of-course case and the certificate', () => {
  it('gives the certificate only when every lesson is done and the case is passed', async () => {
    const who = f.users.learnerA;
    await recordAttempt(db, who, check.lesson, course, [0], gradeQuiz([question(0)], [0]), at(0));
    expect(await completionsOf(db, who.id)).toEqual([]);
    const o = await open(who, caseCheck, at(1));
    const r = await answerDraw(db, who, caseCheck, o.id, answers(o.id, o.draw), at(1));
    expect(r.kind === 'graded' && r.saved.certificateCode).toMatch(/^KN-/);
    expect((await lessonRecords(db, who.id)).get('k/slutfall')?.completedAt).toBe(at(1).toISOString());
  });

  it('no certificate from a passed case while a lesson is missing', async () => {
    const who = f.users.learnerA;
    const o = await open(who, caseCheck);
    const r = await answerDraw(db, who, caseCheck, o.id, answers(o.id, o.draw), at(1));
    expect(r.kind === 'graded' && r.saved.certificateCode).toBeNull();
    expect(shownQuestions(pool, o.draw)).toHaveLength(6);
  });
});
