import { beforeEach, describe, expect, it } from 'vitest';
import { memoryDb, row, rows } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import type { Db } from '#db/client.ts';
import {
  completeLesson,
  lessonRecords,
  recordAttempt,
  recordVisit,
  completionsOf,
  type CourseRef,
  type LessonRef,
} from '#lib/progress/progress.ts';
import { fail, pass } from '../helpers/grades.ts';
import { verifyCertificate, ownCertificate } from '#lib/progress/certificates.ts';

const lesson = (slug: string, revision = 1, hasQuiz = true): LessonRef => ({
  courseId: 'k',
  lessonId: `k/${slug}`,
  revision,
  hasQuiz,
});
const course: CourseRef = { courseId: 'k', revision: 1, lessonIds: ['k/a', 'k/b'] };

let db: Db;
let f: Fixture;
beforeEach(async () => {
  db = memoryDb();
  f = await seedAccounts(db);
});

describe('progress records', () => {
  it('keeps the first visit time and moves the last visit', async () => {
    const who = f.users.learnerA;
    await recordVisit(db, who, lesson('a'), new Date('2026-01-01T08:00:00Z'));
    await recordVisit(db, who, lesson('a'), new Date('2026-01-02T08:00:00Z'));
    const record = (await lessonRecords(db, who.id)).get('k/a');
    expect(record).toMatchObject({
      startedAt: '2026-01-01T08:00:00.000Z',
      lastVisitedAt: '2026-01-02T08:00:00.000Z',
      completedAt: null,
    });
  });

  it('completes a lesson without a check at once, and one with a check only after a pass', async () => {
    const who = f.users.learnerA;
    expect(await completeLesson(db, who, lesson('a', 1, false), course)).toMatchObject({
      completed: true,
      state: 'completed',
    });
    expect(await completeLesson(db, who, lesson('b'), course)).toMatchObject({ completed: false, state: 'started' });
    expect(await recordAttempt(db, who, lesson('b'), course, [0], fail)).toMatchObject({
      completed: false,
      certificateCode: null,
    });
    const done = await recordAttempt(db, who, lesson('b'), course, [1], pass);
    expect(done.completed).toBe(true);
    expect(done.certificateCode).toMatch(/^KN-/);
    expect(await completionsOf(db, who.id)).toHaveLength(1);
  });

  it('marks a completion outdated when the lesson revision rises, and current again after re-completing', async () => {
    const who = f.users.learnerA;
    await recordAttempt(db, who, lesson('a', 1), course, [1], pass, new Date('2026-01-01T00:00:00Z'));
    expect(await recordVisit(db, who, lesson('a', 2))).toBe('outdated');
    // The old revision's pass does not count for revision 2.
    expect(await completeLesson(db, who, lesson('a', 2), course)).toMatchObject({
      completed: false,
      state: 'outdated',
    });
    const again = await recordAttempt(db, who, lesson('a', 2), course, [1], pass, new Date('2026-02-01T00:00:00Z'));
    expect(again.state).toBe('completed');
    expect((await lessonRecords(db, who.id)).get('k/a')).toMatchObject({
      completedRevision: 2,
      completedAt: '2026-02-01T00:00:00.000Z',
    });
    // Re-completing an already current lesson keeps its completion time.
    await recordAttempt(db, who, lesson('a', 2), course, [1], pass, new Date('2026-03-01T00:00:00Z'));
    expect((await lessonRecords(db, who.id)).get('k/a')?.completedAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('keeps each participant and agency apart, and verification shows name, course and date only', async () => {
    const a = f.users.learnerA;
    const b = f.users.learnerB;
    await recordAttempt(db, a, lesson('a'), course, [1], pass);
    const { certificateCode } = await recordAttempt(db, a, lesson('b'), course, [1], pass);
    expect(await lessonRecords(db, b.id)).toEqual(new Map());
    expect(await ownCertificate(db, b.id, 'k')).toBeNull();
    expect(await verifyCertificate(db, certificateCode!)).toEqual({
      name: a.name,
      courseId: 'k',
      completedAt: expect.any(String),
    });
    expect(await rows(db, 'select distinct agency_id from lesson_progress')).toEqual([{ agency_id: f.agencyA }]);
  });

  it('makes one row and one certificate from many interleaved completions', async () => {
    const who = f.users.learnerA;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => recordAttempt(db, who, lesson(i % 2 ? 'a' : 'b'), course, [1], pass)),
    );
    expect(await row(db, 'select count(*) as n from lesson_progress')).toEqual({ n: 2 });
    expect(await row(db, 'select count(*) as n from course_completions')).toEqual({ n: 1 });
    expect(await row(db, 'select count(*) as n from quiz_attempts')).toEqual({ n: 50 });
  });
});
