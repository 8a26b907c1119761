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
 *
 * Renewals (recurring assignments): from `renewFrom` (30 days before the
 * completion expires; 14 for a one-month period) the person may take the
 * course again; completing it records a new completion (progress.ts) and
 * the old one moves to earlier_completions. A renewal counts as on time
 * when it is made by the day the earlier completion expired (or by the
 * assignment's due date, if that is later); a non-recurring assignment is
 * on time when the first completion was.
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
  /** The first and the latest completion a renewal replaced (earlier_completions), or null. */
  firstCompletedAt?: string | null;
  previousCompletedAt?: string | null;
}

export interface Compliance {
  state: ComplianceState;
  /** The day the open item is (or was) due: the due date, or the day a completion expired. */
  dueOn: string;
  /** Days from today to `dueOn` (negative once passed). */
  daysLeft: number;
  /** For a recurring assignment with a completion: the day it expires. */
  expiresOn: string | null;
  /** For a recurring assignment with a completion: the day the person may start renewing it. */
  renewFrom: string | null;
}

/** Days before expiry that a renewal may be made (half a one-month period). */
export function renewalWindowDays(recurrenceMonths: number): number {
  return recurrenceMonths === 1 ? 14 : 30;
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

/** `day` plus `days` days (negative: earlier). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** `day` plus `months` calendar months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The last day a completion counts as on time: the due date, or for a renewal the day the earlier one expired. */
function deadlineOf(input: ComplianceInput): string {
  const { dueDate, recurrenceMonths, previousCompletedAt } = input;
  if (!recurrenceMonths || !previousCompletedAt) return dueDate;
  const earlierExpired = addMonths(utcDay(previousCompletedAt), recurrenceMonths);
  return earlierExpired > dueDate ? earlierExpired : dueDate;
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
      renewFrom: null,
    };
  }
  const done = utcDay(completedAt);
  const expiresOn = recurrenceMonths ? addMonths(done, recurrenceMonths) : null;
  const renewFrom = recurrenceMonths ? addDays(expiresOn!, -renewalWindowDays(recurrenceMonths)) : null;
  if (expiresOn !== null && expiresOn <= today)
    return { state: 'renew', dueOn: expiresOn, daysLeft: daysBetween(today, expiresOn), expiresOn, renewFrom };
  // Without recurrence the first completion decides; with it, the latest against its own deadline.
  const counted = !recurrenceMonths && input.firstCompletedAt ? utcDay(input.firstCompletedAt) : done;
  return {
    state: counted <= deadlineOf(input) ? 'on-time' : 'late',
    dueOn: expiresOn ?? dueDate,
    daysLeft: daysBetween(today, expiresOn ?? dueDate),
    expiresOn,
    renewFrom,
  };
}

/** True when the person may renew (take the course again) on `today`: the window is open or the completion expired. */
export function renewalOpen(compliance: Pick<Compliance, 'renewFrom'>, today: string): boolean {
  return compliance.renewFrom !== null && compliance.renewFrom <= today;
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
