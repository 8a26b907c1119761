/**
 * Pure shaping of the learner's "Obligatoriska kurser": per assignment, its
 * course path with each course's compliance, the next course to take, and
 * the date and days left of what is still open; the most urgent first. A
 * completed course whose renewal window is open (compliance.ts) is still
 * done, but gets `renewBy` and becomes the item's next course, so the
 * learner sees that and by when to take it again.
 */
import { courseHref } from '#lib/content/catalog.ts';
import { COMPLIANCE_LABELS, OPEN_STATES, renewalOpen, type Compliance, type ComplianceState } from './compliance.ts';
import type { ComplianceRow } from './compliance-rows.ts';

export interface RequiredCourse {
  id: string;
  title: string;
  href: string;
  state: ComplianceState;
  label: string;
  /** While a renewal may be made (and until it is): the day the current completion expires. */
  renewBy: string | null;
}

export interface RequiredItem {
  assignmentId: number;
  courses: RequiredCourse[];
  /** The first course of the path still open, or null when all are done. */
  next: RequiredCourse | null;
  /** The open item's due day and days left; for a finished path, its own due date. */
  dueOn: string;
  daysLeft: number;
  /** Some course is overdue or needs renewal. */
  late: boolean;
  done: boolean;
  /** Some course may (or must) be taken again now: the earliest day one expires. */
  renewBy: string | null;
}

/** One learner's rows (every assignment × course) shaped into items, open and most urgent first. */
export function requiredCourses(
  rows: (Pick<ComplianceRow, 'assignmentId' | 'courseId' | 'position' | 'dueDate'> & Compliance)[],
  titles: ReadonlyMap<string, string>,
  today: string,
): RequiredItem[] {
  const byAssignment = new Map<number, typeof rows>();
  for (const r of rows) byAssignment.set(r.assignmentId, [...(byAssignment.get(r.assignmentId) ?? []), r]);
  const items = [...byAssignment].map(([assignmentId, own]): RequiredItem => {
    const sorted = [...own].sort((a, b) => a.position - b.position);
    const courses = sorted.map((r) => ({
      id: r.courseId,
      title: titles.get(r.courseId) ?? r.courseId,
      href: courseHref(r.courseId),
      state: r.state,
      label: COMPLIANCE_LABELS[r.state],
      renewBy: renewalOpen(r, today) ? r.expiresOn : null,
    }));
    const open = sorted.filter((r) => OPEN_STATES.has(r.state));
    const urgent = [...open].sort((a, b) => a.daysLeft - b.daysLeft)[0];
    const renewing = courses.filter((c) => c.renewBy !== null);
    return {
      assignmentId,
      courses,
      next: courses.find((c) => OPEN_STATES.has(c.state)) ?? renewing[0] ?? null,
      dueOn: urgent?.dueOn ?? sorted[0].dueDate,
      daysLeft: urgent?.daysLeft ?? 0,
      late: open.some((r) => r.state === 'overdue' || r.state === 'renew'),
      done: open.length === 0,
      renewBy: renewing.map((c) => c.renewBy!).sort()[0] ?? null,
    };
  });
  return items.sort(
    (a, b) => Number(a.done) - Number(b.done) || a.daysLeft - b.daysLeft || a.assignmentId - b.assignmentId,
  );
}
