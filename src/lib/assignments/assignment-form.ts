/**
 * The assignment form, parsed at the boundary by one zod schema that lists
 * exactly what may be set: whom (the agency, a team, or a person by
 * e-mail), the course path (1–3 courses from the catalogue, in order, no
 * repeats), the due date (YYYY-MM-DD, a real day, not in the past, within
 * five years) and an optional renewal period. Messages are Swedish and say
 * what to do.
 */
import { z } from 'astro/zod';
import { addMonths } from './compliance.ts';

export const RENEWAL_CHOICES = [
  { value: '', label: 'Ingen förnyelse' },
  { value: '6', label: 'Var 6:e månad' },
  { value: '12', label: 'Var 12:e månad' },
  { value: '24', label: 'Vartannat år' },
  { value: '36', label: 'Vart tredje år' },
];

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * The due-date rule: readable, not before `today`, at most five years ahead.
 * `unchanged` (editing) lets an assignment keep a date that has since passed.
 */
export function dueDateError(text: string, today: string, unchanged?: string): string | null {
  if (!isCalendarDay(text)) return 'Ange sista dag som ÅÅÅÅ-MM-DD, till exempel 2027-03-31.';
  if (text === unchanged) return null;
  if (text < today) return 'Sista dagen har redan passerat. Välj i dag eller ett senare datum.';
  if (text > addMonths(today, 60)) return 'Sista dagen får ligga högst fem år fram i tiden.';
  return null;
}

const courseChoice = (courseIds: readonly string[], required: boolean) =>
  z
    .string()
    .max(200)
    .transform((s) => s.trim())
    .refine((s) => (required ? s !== '' : true), { error: 'Välj en kurs.' })
    .refine((s) => s === '' || courseIds.includes(s), {
      error: 'Kursen finns inte i katalogen. Välj en kurs i listan.',
    });

/** Fields shared by the new-assignment and the edit form. */
function pathFields(courseIds: readonly string[]) {
  return {
    kurs1: courseChoice(courseIds, true),
    kurs2: courseChoice(courseIds, false).optional(),
    kurs3: courseChoice(courseIds, false).optional(),
    slutdatum: z
      .string()
      .max(40)
      .transform((s) => s.trim()),
    fornyelse: z
      .string()
      .regex(/^(|[1-9][0-9]{0,2})$/, { error: 'Välj hur ofta kursen ska förnyas.' })
      .transform((s) => (s === '' ? null : Number(s)))
      .refine((n) => n === null || n <= 120, { error: 'Förnyelse högst vart tionde år.' }),
  };
}

export interface PathInput {
  courseIds: string[];
  dueDate: string;
  recurrenceMonths: number | null;
}

type FieldIssue = { field: string; message: string };

/** Course path and due date from parsed fields, or the field errors (repeats, date rule). */
function pathOf(
  d: { kurs1: string; kurs2?: string; kurs3?: string; slutdatum: string; fornyelse: number | null },
  today: string,
  unchanged?: string,
): PathInput | FieldIssue[] {
  const courseIds = [d.kurs1, d.kurs2 ?? '', d.kurs3 ?? ''].filter((c) => c !== '');
  const errors: FieldIssue[] = [];
  if (new Set(courseIds).size !== courseIds.length)
    errors.push({ field: 'kurs2', message: 'Samma kurs kan bara finnas en gång i en kursväg.' });
  const dateError = dueDateError(d.slutdatum, today, unchanged);
  if (dateError) errors.push({ field: 'slutdatum', message: dateError });
  return errors.length ? errors : { courseIds, dueDate: d.slutdatum, recurrenceMonths: d.fornyelse };
}

/** The new-assignment form: `mottagare` is "myndighet", "team-<id>" or "person" (then `epost`). */
export function newAssignmentSchema(courseIds: readonly string[], today: string) {
  return z
    .object({
      mottagare: z.string().regex(/^(myndighet|person|team-[1-9][0-9]{0,9})$/, { error: 'Välj vem kursen gäller.' }),
      epost: z
        .string()
        .max(254)
        .transform((s) => s.trim().normalize('NFC').toLowerCase())
        .optional(),
      ...pathFields(courseIds),
    })
    .strict()
    .transform((d, ctx) => {
      const path = pathOf(d, today);
      const issues: FieldIssue[] = Array.isArray(path) ? [...path] : [];
      if (d.mottagare === 'person' && !/^[^\s@]+@[^\s@]+$/.test(d.epost ?? ''))
        issues.push({ field: 'epost', message: 'Ange personens e-postadress, till exempel namn@myndighet.se.' });
      for (const i of issues) ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
      if (issues.length || Array.isArray(path)) return z.NEVER;
      const target = d.mottagare.startsWith('team-')
        ? ({ type: 'team', teamId: Number(d.mottagare.slice(5)) } as const)
        : d.mottagare === 'person'
          ? ({ type: 'person', email: d.epost ?? '' } as const)
          : ({ type: 'agency' } as const);
      return { target, ...path };
    });
}

/**
 * The assignment page's two forms, told apart by `atgard`: "andra" edits the
 * path, date and renewal (the target stays; remove and assign anew to change
 * it), "ta-bort" removes the assignment. Anything else is refused.
 */
export function changeAssignmentSchema(courseIds: readonly string[], today: string, currentDue: string) {
  const edit = z
    .object({ atgard: z.literal('andra'), ...pathFields(courseIds) })
    .strict()
    .transform((d, ctx) => {
      const path = pathOf(d, today, currentDue);
      if (!Array.isArray(path)) return { action: 'edit' as const, path };
      for (const i of path) ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
      return z.NEVER;
    });
  const remove = z
    .object({ atgard: z.literal('ta-bort') })
    .strict()
    .transform(() => ({ action: 'remove' as const }));
  return z.discriminatedUnion('atgard', [remove, edit], { error: 'Okänd åtgärd. Ladda om sidan och försök igen.' });
}
