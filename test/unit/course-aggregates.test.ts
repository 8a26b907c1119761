import { describe, expect, it } from 'vitest';
import {
  AFTER_EVERY_ID,
  lessonGaps,
  mergeAggregates,
  outdatedRevisionKeys,
  revisedLessons,
  type CountRow,
} from '#lib/team-report/course-aggregates.ts';
import type { ReportCourse } from '#lib/team-report/team-progress.ts';

const course = (id: string, lessons: [string, number][]): ReportCourse => ({
  id,
  title: id,
  lessons: lessons.map(([l, revision]) => ({ id: `${id}/${l}`, title: l, revision })),
});
const counts = (
  userId: number,
  courseId: string,
  touched: number,
  completed: number,
  lastActivity = '2026-11-01T10:00:00.000Z',
): CountRow => ({ userId, courseId, touched, completed, lastActivity });

describe('lessonGaps', () => {
  it('gives the open id ranges around and between the current lessons, in byte order', () => {
    expect(
      lessonGaps([
        course('k', [
          ['b', 1],
          ['a', 1],
        ]),
      ]),
    ).toEqual([
      ['k', '', 'k/a'],
      ['k', 'k/a', 'k/b'],
      ['k', 'k/b', AFTER_EVERY_ID],
    ]);
  });

  it('orders like SQLite compares text (UTF-8 bytes), not like JavaScript (UTF-16 units)', () => {
    // U+FF5E sorts after U+1F600 in UTF-16 but before it in UTF-8.
    const [, middle] = lessonGaps([
      course('k', [
        ['\u{1F600}', 1],
        ['\uFF5E', 1],
      ]),
    ]);
    expect(middle).toEqual(['k', 'k/\uFF5E', 'k/\u{1F600}']);
  });

  it('makes one range over every id for a course without lessons', () => {
    expect(lessonGaps([course('tom', [])])).toEqual([['tom', '', AFTER_EVERY_ID]]);
  });
});

describe('revisedLessons and outdatedRevisionKeys', () => {
  it('lists only lessons whose current revision is above 1, with that revision', () => {
    expect(
      revisedLessons(
        course('k', [
          ['a', 1],
          ['b', 3],
        ]),
      ),
    ).toEqual([['k/b', 3]]);
    expect(revisedLessons(course('m', [['c', 1]]))).toEqual([]);
  });
  it('keys every revision below the current one, none for lessons on revision 1', () => {
    expect(
      outdatedRevisionKeys([
        course('k', [
          ['a', 1],
          ['b', 3],
        ]),
        course('m', [['c', 2]]),
      ]),
    ).toEqual(['k/b#1', 'k/b#2', 'm/c#1']);
  });
});

describe('mergeAggregates', () => {
  it('adds the outdated counts to the summary rows (0 where none)', () => {
    expect(
      mergeAggregates([counts(1, 'k', 3, 2), counts(2, 'k', 1, 0)], [{ userId: 1, courseId: 'k', outdated: 1 }], []),
    ).toEqual([
      { ...counts(1, 'k', 3, 2), outdated: 1 },
      { ...counts(2, 'k', 1, 0), outdated: 0 },
    ]);
  });

  it('replaces a pair with rows of removed lessons by its recount, and drops it when nothing current is left', () => {
    const summary = [counts(1, 'k', 3, 3, '2026-11-20T00:00:00.000Z'), counts(2, 'k', 1, 1), counts(1, 'm', 2, 0)];
    const recounted = [
      counts(1, 'k', 2, 2, '2026-11-10T00:00:00.000Z'),
      { ...counts(2, 'k', 0, 0), lastActivity: null as unknown as string },
    ];
    expect(mergeAggregates(summary, [], recounted)).toEqual([
      { ...counts(1, 'k', 2, 2, '2026-11-10T00:00:00.000Z'), outdated: 0 },
      { ...counts(1, 'm', 2, 0), outdated: 0 },
    ]);
  });
});
