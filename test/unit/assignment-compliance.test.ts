import { describe, expect, it } from 'vitest';
import { addMonths, complianceOf, countStates, daysLeftText, renewalOpen } from '#lib/assignments/compliance.ts';
import { requiredCourses } from '#lib/assignments/required-courses.ts';

const due = '2027-03-31';

describe('complianceOf', () => {
  it('not completed: inte klar up to and on the due date, försenad the day after', () => {
    expect(complianceOf({ dueDate: due, recurrenceMonths: null, completedAt: null }, '2027-03-21')).toMatchObject({
      state: 'not-done',
      daysLeft: 10,
      dueOn: due,
    });
    expect(complianceOf({ dueDate: due, recurrenceMonths: null, completedAt: null }, due).state).toBe('not-done');
    expect(complianceOf({ dueDate: due, recurrenceMonths: null, completedAt: null }, '2027-04-01')).toMatchObject({
      state: 'overdue',
      daysLeft: -1,
    });
  });

  it('completed: klar i tid on or before the due day (UTC), klar sent after; a completion before the assignment counts', () => {
    const at = (completedAt: string) =>
      complianceOf({ dueDate: due, recurrenceMonths: null, completedAt }, '2027-06-01');
    expect(at('2027-03-31T23:59:59.000Z').state).toBe('on-time');
    expect(at('2025-01-01T10:00:00.000Z').state).toBe('on-time');
    expect(at('2027-04-01T00:00:00.000Z').state).toBe('late');
  });

  it('recurring: a completion as old as the period or older needs renewal, due the day it expired', () => {
    const input = { dueDate: due, recurrenceMonths: 12, completedAt: '2027-02-10T08:00:00.000Z' };
    expect(complianceOf(input, '2028-02-09')).toMatchObject({ state: 'on-time', expiresOn: '2028-02-10', daysLeft: 1 });
    expect(complianceOf(input, '2028-02-10')).toMatchObject({ state: 'renew', dueOn: '2028-02-10', daysLeft: 0 });
    expect(complianceOf({ ...input, completedAt: '2027-05-01T08:00:00.000Z' }, '2027-06-01').state).toBe('late');
  });

  it('recurring: the renewal window opens 30 days before expiry (14 for a one-month period)', () => {
    const input = { dueDate: due, recurrenceMonths: 12, completedAt: '2027-02-10T08:00:00.000Z' };
    expect(complianceOf(input, '2028-01-10')).toMatchObject({ state: 'on-time', renewFrom: '2028-01-11' });
    expect(renewalOpen(complianceOf(input, '2028-01-10'), '2028-01-10')).toBe(false);
    expect(renewalOpen(complianceOf(input, '2028-01-11'), '2028-01-11')).toBe(true);
    expect(renewalOpen(complianceOf(input, '2028-03-01'), '2028-03-01')).toBe(true);
    const monthly = complianceOf({ ...input, recurrenceMonths: 1 }, '2027-02-11');
    expect(monthly).toMatchObject({ expiresOn: '2027-03-10', renewFrom: '2027-02-24' });
    expect(complianceOf({ ...input, recurrenceMonths: null }, '2027-02-11').renewFrom).toBeNull();
  });

  it('a renewal is on time by the day the earlier completion expired, late after; without recurrence the first completion decides', () => {
    const renewed = {
      dueDate: due,
      recurrenceMonths: 12,
      previousCompletedAt: '2027-02-10T08:00:00.000Z',
      firstCompletedAt: '2027-02-10T08:00:00.000Z',
    };
    const at = (completedAt: string) => complianceOf({ ...renewed, completedAt }, '2028-03-01');
    expect(at('2028-01-20T09:00:00.000Z')).toMatchObject({ state: 'on-time', expiresOn: '2029-01-20' });
    expect(at('2028-02-10T23:00:00.000Z').state).toBe('on-time');
    expect(at('2028-02-11T09:00:00.000Z').state).toBe('late');
    const once = { ...renewed, recurrenceMonths: null, completedAt: '2028-02-20T09:00:00.000Z' };
    expect(complianceOf(once, '2028-03-01').state).toBe('on-time');
  });

  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('words days left and counts states', () => {
    expect([daysLeftText(-3), daysLeftText(0), daysLeftText(1), daysLeftText(12)]).toEqual([
      'försenad',
      'sista dagen i dag',
      '1 dag kvar',
      '12 dagar kvar',
    ]);
    expect(countStates(['overdue', 'overdue', 'on-time'])).toEqual({
      'on-time': 1,
      late: 0,
      'not-done': 0,
      overdue: 2,
      renew: 0,
    });
  });
});

describe('requiredCourses', () => {
  const row = (assignmentId: number, courseId: string, position: number, state: string, daysLeft: number) =>
    ({
      assignmentId,
      courseId,
      position,
      dueDate: '2027-01-01',
      state,
      daysLeft,
      dueOn: '2027-01-01',
      expiresOn: null,
      renewFrom: null,
    }) as Parameters<typeof requiredCourses>[0][number];

  it("puts open and urgent items first and names a path's next course", () => {
    const items = requiredCourses(
      [
        row(1, 'a', 0, 'on-time', 5),
        row(2, 'b', 0, 'on-time', 40),
        row(2, 'c', 1, 'not-done', 40),
        row(3, 'd', 0, 'overdue', -2),
      ],
      new Map([['c', 'Kurs C']]),
      '2026-12-01',
    );
    expect(items.map((i) => i.assignmentId)).toEqual([3, 2, 1]);
    expect(items[0]).toMatchObject({ late: true, done: false, daysLeft: -2 });
    expect(items[1].next).toMatchObject({ id: 'c', title: 'Kurs C', href: '/kurser/c/', label: 'Inte klar' });
    expect(items[2]).toMatchObject({ done: true, next: null });
  });

  it('a done course whose renewal window is open becomes the next course, with the day it expires', () => {
    const renewing = { ...row(4, 'e', 0, 'on-time', 20), expiresOn: '2027-01-20', renewFrom: '2026-12-21' };
    const [before] = requiredCourses([renewing], new Map(), '2026-12-20');
    expect(before).toMatchObject({ done: true, next: null, renewBy: null });
    const [within] = requiredCourses([renewing], new Map(), '2026-12-21');
    expect(within).toMatchObject({ done: true, renewBy: '2027-01-20', next: { id: 'e', renewBy: '2027-01-20' } });
  });
});
