/**
 * Renewing a recurring required course (src/lib/assignments/renewal.ts and
 * the progress write path): within the renewal window the old lesson
 * completions and passes no longer count, doing the course again records a
 * new completion and certificate, and the old certificate stays verifiable.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryDb, rows } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import type { Db } from '#db/client.ts';
import { createAssignment } from '#lib/assignments/assignments.ts';
import { complianceRows } from '#lib/assignments/compliance-rows.ts';
import { pass } from '../helpers/grades.ts';
import { ownCertificate, verifyCertificate } from '#lib/progress/certificates.ts';
import {
  completeLesson,
  lessonRecords,
  recordAttempt,
  renewalSince,
  type CourseRef,
  type LessonRef,
} from '#lib/progress/progress.ts';
import { courseProgress, withoutRenewed } from '#lib/progress/course-progress.ts';

const withCheck: LessonRef = { courseId: 'k', lessonId: 'k/a', revision: 1, hasQuiz: true };
const plain: LessonRef = { courseId: 'k', lessonId: 'k/b', revision: 1, hasQuiz: false };
const course: CourseRef = { courseId: 'k', revision: 1, lessonIds: ['k/a', 'k/b'] };
const at = (iso: string) => new Date(iso);

let db: Db;
let f: Fixture;
beforeEach(async () => {
  db = memoryDb();
  f = await seedAccounts(db);
});

/** Takes the whole course on `day`: passes the check, then completes the lesson without one. */
async function takeCourse(day: string): Promise<string | null> {
  const who = f.users.learnerA;
  await recordAttempt(db, who, withCheck, course, [1], pass, at(`${day}T09:00:00Z`));
  return (await completeLesson(db, who, plain, course, at(`${day}T09:05:00Z`))).certificateCode;
}

const assignYearly = (recurrenceMonths: number | null = 12) =>
  createAssignment(
    db,
    { user: f.users.teamManagerA, ip: null },
    { type: 'team', agencyId: f.agencyA, teamId: f.teamA1 },
    { courseIds: ['k'], dueDate: '2027-01-31', recurrenceMonths },
  );

async function stateOn(day: string) {
  const [r] = await complianceRows(db, { agencyId: f.agencyA, userId: f.users.learnerA.id }, new Set(['k']), day);
  return r;
}

describe('renewing a recurring required course', () => {
  it('before the window, and without a recurring assignment, completing again changes nothing', async () => {
    await assignYearly(null);
    const first = await takeCourse('2027-01-10');
    expect(first).not.toBeNull();
    expect(await renewalSince(db, f.users.learnerA, 'k', at('2028-06-01T00:00:00Z'))).toBeNull();
    expect(await takeCourse('2028-06-01')).toBe(first);
    expect(await rows(db, 'select * from earlier_completions')).toEqual([]);
  });

  it('within the window: old passes and lessons do not count, the redone course gets a new date and certificate', async () => {
    await assignYearly();
    const who = f.users.learnerA;
    const first = (await takeCourse('2027-01-10'))!;
    const before = await ownCertificate(db, who.id, 'k');
    // A month and a half before expiry: not yet open, nothing changes.
    expect(await renewalSince(db, who, 'k', at('2027-11-25T00:00:00Z'))).toBeNull();
    expect(await takeCourse('2027-11-25')).toBe(first);
    // 25 days before expiry (2028-01-10): open since 30 days before it; the pass of 2027-11-25 is older.
    const day = at('2027-12-16T08:00:00Z');
    const since = await renewalSince(db, who, 'k', day);
    expect(since).toBe('2027-12-11T00:00:00.000Z');
    const shown = withoutRenewed((await lessonRecords(db, who.id, 'k')).get('k/a'), since);
    expect(shown).toMatchObject({ completedAt: null });
    const progress = courseProgress(
      [
        { id: 'k/a', revision: 1 },
        { id: 'k/b', revision: 1 },
      ],
      new Map([...(await lessonRecords(db, who.id, 'k'))].map(([id, r]) => [id, withoutRenewed(r, since)!])),
    );
    expect(progress).toMatchObject({ completed: 0, complete: false, nextLessonId: 'k/a' });
    // The old pass does not complete the check lesson again; a new pass does.
    expect(await completeLesson(db, who, withCheck, course, day)).toMatchObject({ completed: false, state: 'started' });
    expect(await completeLesson(db, who, plain, course, day)).toMatchObject({
      completed: true,
      certificateCode: first,
    });
    const renewed = await recordAttempt(db, who, withCheck, course, [1], pass, at('2027-12-16T08:10:00Z'));
    expect(renewed.certificateCode).not.toBe(first);
    expect(await ownCertificate(db, who.id, 'k')).toMatchObject({
      completedAt: '2027-12-16T08:10:00.000Z',
      code: renewed.certificateCode,
    });
    // The old certificate stays verifiable with its own date.
    expect(await verifyCertificate(db, first)).toMatchObject({ completedAt: before!.completedAt });
    expect(await verifyCertificate(db, renewed.certificateCode!)).toMatchObject({
      completedAt: '2027-12-16T08:10:00.000Z',
    });
    // Compliance: renewed in time, the next expiry a year on; the window is closed again.
    expect(await stateOn('2027-12-20')).toMatchObject({ state: 'on-time', expiresOn: '2028-12-16' });
    expect(await renewalSince(db, who, 'k', at('2027-12-20T00:00:00Z'))).toBeNull();
    expect(await takeCourse('2027-12-20')).toBe(renewed.certificateCode);
    expect(await rows(db, 'select certificate_code as code from earlier_completions')).toEqual([{ code: first }]);
  });

  it('after expiry: behöver förnyas, then klar sent once redone', async () => {
    await assignYearly();
    const first = await takeCourse('2027-01-10');
    expect(await stateOn('2028-02-01')).toMatchObject({ state: 'renew', dueOn: '2028-01-10' });
    const again = await takeCourse('2028-02-01');
    expect(again).not.toBe(first);
    expect(await stateOn('2028-02-02')).toMatchObject({ state: 'late', expiresOn: '2029-02-01' });
  });

  it('renewal is per person: another learner of another agency is untouched', async () => {
    await assignYearly();
    await takeCourse('2027-01-10');
    const other = f.users.learnerB;
    await recordAttempt(db, other, withCheck, course, [1], pass, at('2027-01-10T09:00:00Z'));
    const code = (await completeLesson(db, other, plain, course, at('2027-01-10T09:01:00Z'))).certificateCode;
    expect(await renewalSince(db, other, 'k', at('2028-02-01T00:00:00Z'))).toBeNull();
    await recordAttempt(db, other, withCheck, course, [1], pass, at('2028-02-01T09:00:00Z'));
    expect((await completeLesson(db, other, plain, course, at('2028-02-01T09:01:00Z'))).certificateCode).toBe(code);
  });
});
