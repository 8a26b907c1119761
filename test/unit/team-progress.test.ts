import { describe, expect, it } from 'vitest';
import {
  activityBuckets,
  activityStart,
  buildMatrix,
  courseCell,
  courseCountsFrom,
  courseFunnel,
  courseSummaries,
  participantProgress,
  progressFromSums,
  share,
  summarizeCourses,
  type CourseAggregate,
  type ReportCourse,
  type ReportParticipant,
} from '#lib/team-report/team-progress.ts';

const courses: ReportCourse[] = [
  {
    id: 'a',
    title: 'Kurs A',
    lessons: [
      { id: 'a/1', title: 'A1', revision: 1 },
      { id: 'a/2', title: 'A2', revision: 2 },
    ],
  },
  { id: 'b', title: 'Kurs B', lessons: [{ id: 'b/1', title: 'B1', revision: 1 }] },
];
const person = (id: number, name: string): ReportParticipant => ({
  id,
  name,
  email: `${id}@x.example`,
  teamId: 1,
  teamName: 'T',
});
const agg = (
  userId: number,
  courseId: string,
  touched: number,
  completed: number,
  outdated: number,
  lastActivity = '2026-11-01T10:00:00.000Z',
): CourseAggregate => ({ userId, courseId, touched, completed, outdated, lastActivity });

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
    expect(summarizeCourses(buildMatrix([], courses, []), courses)[0]).toMatchObject({
      participants: 0,
      shareCompleted: 0,
    });
  });
});

describe("the dashboard's sums: progressFromSums, courseCountsFrom, courseSummaries", () => {
  const [asa, bo, cecilia] = [person(1, 'Åsa'), person(2, 'Bo'), person(3, 'Cecilia')];
  // Åsa: A completed, B completed; Bo: A completed on an old revision; Cecilia: A half-way.
  // As the server sums them: per participant, and the focused course's lessons done and whether opened.
  const perCourse: Record<number, Record<string, number>> = { 1: { a: 2, b: 1 }, 2: { a: 2 }, 3: { a: 1 } };
  const sumsFor = (focus = 'a') =>
    [
      { participant: asa, done: 3, lastActivity: '2026-11-05T00:00:00.000Z', touched: 2 },
      { participant: bo, done: 2, lastActivity: '2026-11-01T10:00:00.000Z', touched: 1 },
      { participant: cecilia, done: 1, lastActivity: '2026-11-01T10:00:00.000Z', touched: 1 },
    ].map((s) => ({
      ...s,
      focusDone: perCourse[s.participant.id][focus] ?? 0,
      focusTouched: focus in perCourse[s.participant.id] ? 1 : 0,
    }));
  const sums = sumsFor();
  const completed = [
    { userId: 1, courseId: 'a', outdated: 0 },
    { userId: 1, courseId: 'b', outdated: 0 },
    { userId: 2, courseId: 'a', outdated: 1 },
  ];
  it('counts courses per state and the overall percent of every participant', () => {
    const [a, b, c] = progressFromSums(sums, completed, courses);
    expect(a).toMatchObject({
      percent: 100,
      states: { 'not-started': 0, started: 0, completed: 2, outdated: 0 },
      focus: null,
    });
    expect(b).toMatchObject({ percent: 66, states: { 'not-started': 1, started: 0, completed: 0, outdated: 1 } });
    expect(c).toMatchObject({ percent: 33, states: { 'not-started': 1, started: 1, completed: 0, outdated: 0 } });
  });
  it("gives the focused course's state and percent", () => {
    expect(progressFromSums(sums, completed, courses, 'a').map((p) => p.focus)).toEqual([
      { state: 'completed', percent: 100 },
      { state: 'outdated', percent: 100 },
      { state: 'started', percent: 50 },
    ]);
    const unopened = {
      participant: person(4, 'Dan'),
      done: 0,
      lastActivity: null,
      touched: 0,
      focusDone: 0,
      focusTouched: 0,
    };
    expect(progressFromSums([unopened], [], courses, 'b')[0]).toMatchObject({
      percent: 0,
      lastActivity: null,
      focus: { state: 'not-started', percent: 0 },
      states: { 'not-started': 2 },
    });
  });
  it('equals the same participants summed from full matrix rows', () => {
    const rows = buildMatrix([asa, bo, cecilia], courses, [
      agg(1, 'a', 2, 2, 0, '2026-11-02T00:00:00.000Z'),
      agg(1, 'b', 1, 1, 0, '2026-11-05T00:00:00.000Z'),
      agg(2, 'a', 2, 2, 1),
      agg(3, 'a', 1, 1, 0),
    ]);
    for (const focus of [undefined, 'a', 'b'])
      expect(progressFromSums(sumsFor(focus), completed, courses, focus)).toEqual(
        rows.map((r) => participantProgress(r, focus)),
      );
    expect(
      courseSummaries(
        courses,
        courseCountsFrom(
          [
            { courseId: 'a', started: 3 },
            { courseId: 'b', started: 1 },
          ],
          completed,
        ),
        3,
      ),
    ).toEqual(summarizeCourses(rows, courses));
  });
  it('counts completed and outdated pairs per course, ignoring courses not in the catalogue', () => {
    expect(
      courseCountsFrom(
        [
          { courseId: 'a', started: 3 },
          { courseId: 'b', started: 1 },
        ],
        [...completed, { userId: 9, courseId: 'gone', outdated: 0 }],
      ),
    ).toEqual([
      { courseId: 'a', started: 3, completed: 2, outdated: 1 },
      { courseId: 'b', started: 1, completed: 1, outdated: 0 },
    ]);
    expect(courseSummaries(courses, [], 0).map((c) => [c.started, c.completed, c.shareCompleted])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
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
    const funnel = courseFunnel(
      courses[0],
      [
        { lessonId: 'a/2', started: 1, completed: 1, outdated: 1 },
        { lessonId: 'a/1', started: 4, completed: 3, outdated: 0 },
      ],
      4,
    );
    expect(funnel.map((f) => [f.lessonId, f.started, f.completed, f.outdated, f.shareCompleted])).toEqual([
      ['a/1', 4, 3, 0, 75],
      ['a/2', 1, 1, 1, 25],
    ]);
    expect(courseFunnel(courses[1], [], 0)[0]).toMatchObject({ started: 0, completed: 0, shareCompleted: 0 });
  });
});
