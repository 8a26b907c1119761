import { describe, expect, it } from 'vitest';
import { activityBuckets, activityStart, buildMatrix, courseCell, courseFunnel, share, summarizeCourses, type CourseAggregate, type ReportCourse, type ReportParticipant } from '../../src/lib/reports/team-progress.ts';

const courses: ReportCourse[] = [
  { id: 'a', title: 'Kurs A', lessons: [{ id: 'a/1', title: 'A1', revision: 1 }, { id: 'a/2', title: 'A2', revision: 2 }] },
  { id: 'b', title: 'Kurs B', lessons: [{ id: 'b/1', title: 'B1', revision: 1 }] },
];
const person = (id: number, name: string): ReportParticipant => ({ id, name, email: `${id}@x.example`, teamId: 1, teamName: 'T' });
const agg = (userId: number, courseId: string, touched: number, completed: number, outdated: number, lastActivity = '2026-11-01T10:00:00.000Z'): CourseAggregate => ({ userId, courseId, touched, completed, outdated, lastActivity });

describe('courseCell', () => {
  it('is not started without rows, started part-way, completed, or outdated when a lesson changed since', () => {
    expect(courseCell(undefined, 2).state).toBe('not-started');
    expect(courseCell(agg(1, 'a', 1, 0, 0), 2)).toMatchObject({ state: 'started', percent: 0 });
    expect(courseCell(agg(1, 'a', 2, 1, 0), 2)).toMatchObject({ state: 'started', percent: 50, completed: 1 });
    expect(courseCell(agg(1, 'a', 2, 2, 0), 2)).toMatchObject({ state: 'completed', percent: 100 });
    expect(courseCell(agg(1, 'a', 2, 2, 1), 2)).toMatchObject({ state: 'outdated', percent: 100 });
  });
  it('never exceeds the course size and handles empty courses', () => {
    expect(courseCell(agg(1, 'a', 3, 3, 0), 2).percent).toBe(100);
    expect(courseCell(agg(1, 'a', 1, 1, 0), 0).state).toBe('not-started');
  });
});

describe('buildMatrix and summarizeCourses', () => {
  const people = [person(1, 'Åsa'), person(2, 'Bo'), person(3, 'Cecilia')];
  const rows = buildMatrix(people, courses, [
    agg(1, 'a', 2, 2, 0, '2026-11-02T00:00:00.000Z'),
    agg(1, 'b', 1, 1, 0, '2026-11-05T00:00:00.000Z'),
    agg(2, 'a', 2, 2, 1),
    agg(3, 'a', 1, 0, 0),
    agg(99, 'a', 2, 2, 0), // someone outside the participant list is ignored
  ]);
  it('gives every participant a cell per course, overall percent and last activity', () => {
    expect(rows.map((r) => r.participant.id)).toEqual([1, 2, 3]);
    expect(rows[0].percent).toBe(100);
    expect(rows[0].lastActivity).toBe('2026-11-05T00:00:00.000Z');
    expect(rows[1].cells.get('a')!.state).toBe('outdated');
    expect(rows[1].cells.get('b')!.state).toBe('not-started');
    expect(rows[1].percent).toBe(66);
  });
  it('counts started, completed (any revision), outdated and the share completed', () => {
    const [a, b] = summarizeCourses(rows, courses);
    expect(a).toMatchObject({ participants: 3, started: 3, completed: 2, outdated: 1, shareCompleted: 67 });
    expect(b).toMatchObject({ started: 1, completed: 1, outdated: 0, shareCompleted: 33 });
  });
  it('handles nobody in scope', () => {
    expect(summarizeCourses(buildMatrix([], courses, []), courses)[0]).toMatchObject({ participants: 0, shareCompleted: 0 });
  });
});

describe('share', () => {
  it('rounds to whole percent and never divides by zero', () => {
    expect(share(1, 3)).toBe(33);
    expect(share(2, 3)).toBe(67);
    expect(share(0, 0)).toBe(0);
  });
});

describe('activityBuckets', () => {
  const now = new Date('2026-11-28T15:00:00Z');
  it('makes 12 weekly buckets ending today, oldest first', () => {
    const weeks = activityBuckets([], now);
    expect(weeks).toHaveLength(12);
    expect(weeks[11].from).toBe('2026-11-22');
    expect(weeks[0].from).toBe(activityStart(now).toISOString().slice(0, 10));
  });
  it('sums daily counts into their week and ignores older or future days', () => {
    const weeks = activityBuckets(
      [
        { at: '2026-11-28', n: 2 },
        { at: '2026-11-22', n: 3 },
        { at: '2026-11-21', n: 4 },
        { at: '2026-01-01', n: 100 },
        { at: '2026-12-30', n: 100 },
      ],
      now,
    );
    expect(weeks[11].count).toBe(5);
    expect(weeks[10].count).toBe(4);
    expect(weeks.reduce((s, w) => s + w.count, 0)).toBe(9);
  });
});

describe('courseFunnel', () => {
  it('lists every lesson in course order with counts and the share completed, zero where nobody came', () => {
    const funnel = courseFunnel(courses[0], [{ lessonId: 'a/2', started: 1, completed: 1, outdated: 1 }, { lessonId: 'a/1', started: 4, completed: 3, outdated: 0 }], 4);
    expect(funnel.map((f) => [f.lessonId, f.started, f.completed, f.outdated, f.shareCompleted])).toEqual([
      ['a/1', 4, 3, 0, 75],
      ['a/2', 1, 1, 1, 25],
    ]);
    expect(courseFunnel(courses[1], [], 0)[0]).toMatchObject({ started: 0, completed: 0, shareCompleted: 0 });
  });
});
