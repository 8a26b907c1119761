/**
 * Compliance with a required course, pure: the state of one person × one
 * assigned course on a given day (UTC days, YYYY-MM-DD). The rules, in order:
 *
 * - `renew` (behöver förnyas): the assignment recurs every N months and the
 *   person's completion is N months old or older; the renewal was due on the
 *   day the completion expired (completion day + N months).
 * - `on-time` (klar i tid): completed (and not expired) on or before the due date.
 * - `late` (klar sent): completed (and not expired) after the due date.
 * - `not-done` (inte klar): not completed, and the due date is today or later.
 * - `overdue` (försenad): not completed, and the due date has passed.
 *
 * A completion made before the assignment existed counts.
 */

export const COMPLIANCE_STATES = ['on-time', 'late', 'not-done', 'overdue', 'renew'] as const;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

export const COMPLIANCE_LABELS: Record<ComplianceState, string> = {
  'on-time': 'Klar i tid',
  late: 'Klar sent',
  'not-done': 'Inte klar',
  overdue: 'Försenad',
  renew: 'Behöver förnyas',
};

/** States that still ask something of the person. */
export const OPEN_STATES: ReadonlySet<ComplianceState> = new Set(['not-done', 'overdue', 'renew']);

export interface ComplianceInput {
  /** The assignment's due date, YYYY-MM-DD (the last allowed day). */
  dueDate: string;
  recurrenceMonths: number | null;
  /** The person's course completion (ISO time), or null. */
  completedAt: string | null;
}

export interface Compliance {
  state: ComplianceState;
  /** The day the open item is (or was) due: the due date, or the day a completion expired. */
  dueOn: string;
  /** Days from today to `dueOn` (negative once passed). */
  daysLeft: number;
  /** For a recurring assignment with a completion: the day it expires. */
  expiresOn: string | null;
}

const DAY = 86_400_000;

/** The UTC day of a Date or ISO time. */
export function utcDay(at: Date | string): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** `day` plus `months` calendar months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The compliance of one person with one assigned course on `today`. */
export function complianceOf(input: ComplianceInput, today: string): Compliance {
  const { dueDate, recurrenceMonths, completedAt } = input;
  if (completedAt === null) {
    return {
      state: today <= dueDate ? 'not-done' : 'overdue',
      dueOn: dueDate,
      daysLeft: daysBetween(today, dueDate),
      expiresOn: null,
    };
  }
  const done = utcDay(completedAt);
  const expiresOn = recurrenceMonths ? addMonths(done, recurrenceMonths) : null;
  if (expiresOn !== null && expiresOn <= today)
    return { state: 'renew', dueOn: expiresOn, daysLeft: daysBetween(today, expiresOn), expiresOn };
  return {
    state: done <= dueDate ? 'on-time' : 'late',
    dueOn: expiresOn ?? dueDate,
    daysLeft: daysBetween(today, expiresOn ?? dueDate),
    expiresOn,
  };
}

/** "12 dagar kvar", "1 dag kvar", "i dag", "försenad". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft < 0) return 'försenad';
  if (daysLeft === 0) return 'sista dagen i dag';
  return daysLeft === 1 ? '1 dag kvar' : `${daysLeft} dagar kvar`;
}

/** Counts per state, every state present. */
export function countStates(states: Iterable<ComplianceState>): Record<ComplianceState, number> {
  const counts = Object.fromEntries(COMPLIANCE_STATES.map((s) => [s, 0])) as Record<ComplianceState, number>;
  for (const s of states) counts[s] += 1;
  return counts;
}

/** The existing state badge class (global.css) each compliance state wears. */
export const COMPLIANCE_CLASSES: Record<ComplianceState, string> = {
  'on-time': 'state state-completed',
  late: 'state state-started',
  'not-done': 'state state-not-started',
  overdue: 'state state-outdated',
  renew: 'state state-outdated',
};
