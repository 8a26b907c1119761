/**
 * Which reminder e-mails a run should queue, pure. Every message has a
 * dedupe key per assignment × person × kind × period, so queuing the same
 * plan again (a second process, a restart, the next run) adds nothing:
 *
 * - `assignment.assigned` (always): once per assignment × person, while
 *   something of it is open. Period: none.
 * - `assignment.due-soon` (optional): from `daysBefore` days before the day
 *   an open course (or a renewal) is due, once per due day; not on the day
 *   of the assignment itself (the "assigned" mail already says the date).
 * - `assignment.overdue` (optional): while a course is försenad or behöver
 *   förnyas, at most once per ISO week, from a week after the assignment
 *   was made (someone assigned a course already late gets a week first).
 * - `assignment.digest` (to managers): their overdue people, once per
 *   manager and ISO week; agency managers get their agency's, team managers
 *   their team's.
 *
 * Optional kinds are left out for people who turned them off (/konto).
 */
import { COMPLIANCE_LABELS, daysBetween, OPEN_STATES, type Compliance } from './compliance.ts';
import type { ComplianceRow } from './compliance-rows.ts';
import type { OutgoingMail } from '#lib/mail/outbox.ts';

export type PlanRow = Pick<
  ComplianceRow,
  'assignmentId' | 'agencyId' | 'assignedAt' | 'userId' | 'name' | 'email' | 'teamId' | 'courseId' | 'position'
> &
  Compliance;

export interface Manager {
  id: number;
  email: string;
  agencyId: number;
  teamId: number | null;
  scope: 'agency' | 'team';
}

export interface PlanInput {
  rows: PlanRow[];
  today: string;
  titles: ReadonlyMap<string, string>;
  /** People who turned the optional reminders off. */
  optedOut: ReadonlySet<number>;
  managers: Manager[];
  /** Public origin for links, e.g. https://kompetensnav.example. */
  origin: string;
  daysBefore: number;
}

/** ISO week of a day, e.g. "2027-W05". */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const key = (r: PlanRow, kind: string, period?: string) =>
  `assignment:${r.assignmentId}:user:${r.userId}:${kind}${period ? `:${period}` : ''}`;

/** The lines naming courses in a mail. */
function courseLines(rows: PlanRow[], input: PlanInput): string {
  return rows
    .map(
      (r) =>
        `- ${input.titles.get(r.courseId) ?? r.courseId}: ${COMPLIANCE_LABELS[r.state]}, sista dag ${r.dueOn}\n  ${input.origin}/kurser/${r.courseId}/`,
    )
    .join('\n');
}

const FOOTER = (origin: string, optional: boolean) =>
  `\n\nDina obligatoriska kurser: ${origin}/mina-kurser/${optional ? `\nVill du inte ha påminnelser innan sista dagen och om försenade kurser? Ändra det under ${origin}/konto/paminnelser` : ''}\n\nKompetensnav`;

/** One person's mails for one assignment. */
function personMails(own: PlanRow[], input: PlanInput): OutgoingMail[] {
  const first = own[0];
  const open = own.filter((r) => OPEN_STATES.has(r.state));
  const soon = own.filter(
    (r) =>
      (r.state === 'not-done' || (r.expiresOn !== null && r.state !== 'renew')) &&
      r.daysLeft >= 0 &&
      r.daysLeft <= input.daysBefore,
  );
  const late = own.filter((r) => r.state === 'overdue' || r.state === 'renew');
  const mails: OutgoingMail[] = [];
  const base = { to: first.email };
  if (open.length > 0)
    mails.push({
      ...base,
      kind: 'assignment.assigned',
      dedupeKey: key(first, 'assigned'),
      subject: 'Du har fått en obligatorisk kurs',
      text: `Hej ${first.name}!\n\nDu ska gå följande kurs${own.length > 1 ? 'er i den här ordningen' : ''}:\n${courseLines(own, input)}${FOOTER(input.origin, false)}`,
    });
  if (input.optedOut.has(first.userId)) return mails;
  const assignedDay = first.assignedAt.slice(0, 10);
  if (assignedDay >= input.today) return mails;
  if (soon.length > 0) {
    const due = soon.map((r) => r.dueOn).sort()[0];
    mails.push({
      ...base,
      kind: 'assignment.due-soon',
      dedupeKey: key(first, 'due-soon', due),
      subject: `Påminnelse: sista dag för en obligatorisk kurs är ${due}`,
      text: `Hej ${first.name}!\n\nSnart är det sista dagen för:\n${courseLines(soon, input)}${FOOTER(input.origin, true)}`,
    });
  }
  if (late.length > 0 && daysBetween(assignedDay, input.today) >= 7)
    mails.push({
      ...base,
      kind: 'assignment.overdue',
      dedupeKey: key(first, 'overdue', isoWeek(input.today)),
      subject: 'En obligatorisk kurs är försenad',
      text: `Hej ${first.name}!\n\nDe här kurserna skulle ha varit klara:\n${courseLines(late, input)}${FOOTER(input.origin, true)}`,
    });
  return mails;
}

/** A digest lists this many rows, then how many more (the whole list is on the page and in the export). */
const DIGEST_LINES = 100;

/** The weekly digests: per manager, their overdue people. */
function digests(late: PlanRow[], input: PlanInput): OutgoingMail[] {
  const week = isoWeek(input.today);
  return input.managers.flatMap((m) => {
    const theirs = late.filter(
      (r) =>
        r.agencyId === m.agencyId &&
        (m.scope === 'agency' || (m.teamId !== null && r.teamId === m.teamId)) &&
        r.userId !== m.id,
    );
    if (theirs.length === 0) return [];
    const lines = theirs
      .slice(0, DIGEST_LINES)
      .map(
        (r) =>
          `- ${r.name}: ${input.titles.get(r.courseId) ?? r.courseId} (${COMPLIANCE_LABELS[r.state].toLowerCase()}, sista dag ${r.dueOn})`,
      )
      .join('\n')
      .concat(theirs.length > DIGEST_LINES ? `\n… och ${theirs.length - DIGEST_LINES} till.` : '');
    return [
      {
        to: m.email,
        kind: 'assignment.digest',
        dedupeKey: `digest:manager:${m.id}:${week}`,
        subject: `Veckosammanfattning: ${new Set(theirs.map((r) => r.userId)).size} personer med försenade kurser`,
        text: `Hej!\n\nDe här personerna har obligatoriska kurser som är försenade eller behöver förnyas:\n${lines}\n\nSe status och exportera: ${input.origin}/team/obligatoriska\n\nKompetensnav`,
      },
    ];
  });
}

/** Every mail the rows call for on `input.today`. */
export function planReminders(input: PlanInput): OutgoingMail[] {
  const groups = new Map<string, PlanRow[]>();
  for (const r of input.rows) {
    const k = `${r.assignmentId}:${r.userId}`;
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  const mails = [...groups.values()].flatMap((own) => personMails(own, input));
  return [
    ...mails,
    ...digests(
      input.rows.filter((r) => r.state === 'overdue' || r.state === 'renew'),
      input,
    ),
  ];
}
