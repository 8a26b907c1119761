import { describe, expect, it } from 'vitest';
import { memoryDb } from '../helpers/db.ts';
import { seedAccounts } from '../helpers/accounts.ts';
import { courseCompletions, lessonFeedback, lessonProgress, quizAttempts, users } from '#db/schema.ts';
import {
  agencyCounts,
  courseStatistics,
  lessonCounts,
  quizAttemptsByLesson,
} from '#lib/statistics/course-stats-queries.ts';
import { FEWER_THAN } from '#lib/statistics/course-stats.ts';

const course = {
  id: 'k',
  title: 'Kurs',
  lessons: [
    {
      id: 'k/a',
      title: 'A',
      revision: 2,
      quiz: [{ question: 'F?', options: [{ text: 'rätt' }, { text: 'fel' }], answer: 0 }],
    },
    { id: 'k/b', title: 'B', revision: 1, quiz: [] },
  ],
};

/** Six participants in agency A: all start, five complete lesson a (two on the old revision), one completes the course. */
async function seeded() {
  const db = memoryDb();
  const { agencyA, agencyB } = await seedAccounts(db);
  const ids: number[] = [];
  for (const n of [1, 2, 3, 4, 5, 6]) {
    const [made] = await db
      .insert(users)
      .values({ name: `Person ${n}`, email: `p${n}@a.example`, agencyId: agencyA })
      .returning();
    ids.push(made.id);
  }
  const at = '2026-10-05T10:00:00.000Z';
  for (const [i, userId] of ids.entries()) {
    await db.insert(lessonProgress).values({
      userId,
      agencyId: agencyA,
      courseId: 'k',
      lessonId: 'k/a',
      startedAt: at,
      lastVisitedAt: at,
      completedAt: i < 5 ? at : null,
      completedRevision: i < 5 ? (i < 2 ? 1 : 2) : null,
    });

    // First attempt wrong for two, then right; one attempt on the old revision is not counted.
    if (i < 2)
      await db.insert(quizAttempts).values({
        userId,
        agencyId: agencyA,
        courseId: 'k',
        lessonId: 'k/a',
        revision: 2,
        attemptedAt: '2026-10-05T09:00:00.000Z',
        answers: '[1]',
        right: 0,
        total: 1,
        passed: false,
      });

    await db.insert(quizAttempts).values({
      userId,
      agencyId: agencyA,
      courseId: 'k',
      lessonId: 'k/a',
      revision: 2,
      attemptedAt: at,
      answers: '[0]',
      right: 1,
      total: 1,
      passed: true,
    });

    await db.insert(lessonFeedback).values({
      userId,
      agencyId: agencyA,
      courseId: 'k',
      lessonId: 'k/a',
      helpful: i !== 0,
      comment: i === 0 ? 'Otydlig' : null,
      updatedAt: at,
    });
  }
  await db.insert(quizAttempts).values({
    userId: ids[0],
    agencyId: agencyA,
    courseId: 'k',
    lessonId: 'k/a',
    revision: 1,
    attemptedAt: '2026-01-01T00:00:00.000Z',
    answers: '[1]',
    right: 0,
    total: 1,
    passed: false,
  });

  await db.insert(courseCompletions).values({
    userId: ids[2],
    agencyId: agencyA,
    courseId: 'k',
    courseRevision: 1,
    completedAt: at,
    certificateCode: 'KN-TEST-0000-0001',
  });

  // Another course's rows never leak in.
  await db
    .insert(lessonProgress)
    .values({ userId: ids[0], agencyId: agencyA, courseId: 'x', lessonId: 'x/a', startedAt: at, lastVisitedAt: at });

  return { db, ids, agencyB };
}

describe('course statistics queries', () => {
  it('count started, completed and outdated per agency against the current revisions', async () => {
    const { db } = await seeded();
    expect(await agencyCounts(db, 'k', course.lessons)).toEqual([
      { agency: 'Myndighet A', started: 6, completed: 1, outdated: 2 },
    ]);
    expect(await lessonCounts(db, 'k')).toEqual([{ lessonId: 'k/a', started: 6, completed: 5 }]);
  });

  it('hand attempts over with opaque participant numbers, current revision only', async () => {
    const { db, ids } = await seeded();
    const attempts = (await quizAttemptsByLesson(db, 'k', course.lessons)).get('k/a')!;
    expect(attempts).toHaveLength(8);
    // Numbers 1–6 in order of appearance; the user ids (8 and up after the fixture's 7 accounts) never appear.
    expect(new Set(attempts.map((a) => a.participant))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(Math.min(...ids)).toBeGreaterThan(6);
  });

  it('assembles every section, suppressed', async () => {
    const { db } = await seeded();
    const stats = await courseStatistics(db, course, new Date('2026-11-15T00:00:00Z'));
    expect(stats.participants.rows).toEqual([
      { agency: 'Myndighet A', started: 6, completed: FEWER_THAN, outdated: FEWER_THAN },
    ]);
    expect(stats.funnel.map((f) => [f.title, f.started, f.completed])).toEqual([
      ['A', 6, 5],
      ['B', FEWER_THAN, FEWER_THAN],
    ]);
    expect(stats.months).toEqual([
      { month: '2026-10', completed: FEWER_THAN },
      { month: '2026-11', completed: FEWER_THAN },
    ]);
    expect(stats.quizzes).toHaveLength(1);
    expect(stats.quizzes[0].questions[0]).toMatchObject({ participants: 6, firstRight: 67, commonWrong: FEWER_THAN });
    expect(stats.quizzes[0].attempts).toMatchObject({ passed: 6, mean: 1.3 });
    expect(stats.feedback[0]).toMatchObject({ answered: 6, comments: ['Otydlig'] });
    expect(JSON.stringify(stats)).not.toMatch(/Person \d|@a\.example/);
  });
});
