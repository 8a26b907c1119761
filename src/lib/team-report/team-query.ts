/**
 * The dashboard's query string (filters, sort, page) parsed by one zod
 * schema, and the pure filter → sort → page step over matrix rows. Links
 * and the GET filter form build the same parameters, so everything works
 * without JavaScript.
 */
import { z } from 'astro/zod';
import type { LessonState } from '#lib/progress/course-progress.ts';
import type { ParticipantProgress } from './team-progress.ts';

const id = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number);
const empty = z.literal('').transform(() => undefined);

export const SORTS = ['namn', 'framsteg', 'aktivitet'] as const;
export const STATES = ['not-started', 'started', 'completed', 'outdated'] as const;
export const PAGE_SIZE = 50;

export const teamQuerySchema = z
  .object({
    team: id.or(empty).optional(),
    myndighet: id.or(empty).optional(),
    kurs: z
      .string()
      .max(200)
      .regex(/^[a-z0-9/-]*$/)
      .optional(),
    status: z.enum(STATES).or(empty).optional(),
    inaktiv: z.enum(['1']).or(empty).optional(),
    sort: z.enum(SORTS).optional(),
    ordning: z.enum(['stigande', 'fallande']).optional(),
    sida: id.optional(),
    /** Only the people and courses of one assignment (required courses, #17). */
    uppdrag: id.or(empty).optional(),
  })
  .strict();

export type TeamQuery = z.infer<typeof teamQuerySchema>;

/** Parses URL search params; null for anything outside the schema (→ 400). */
export function parseTeamQuery(params: URLSearchParams): TeamQuery | null {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in raw) return null;
    raw[k] = v;
  }
  const parsed = teamQuerySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** A query string for `query` with `changes` applied (undefined removes a key). */
export function queryString(
  query: TeamQuery,
  changes: Partial<Record<keyof TeamQuery, string | number | undefined>> = {},
): string {
  const merged: Record<string, unknown> = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

const INACTIVE_DAYS = 30;
const collator = new Intl.Collator('sv');

/** True when the participant has no activity in the last 30 days (or never). */
export function inactive(row: ParticipantProgress, now: Date): boolean {
  return row.lastActivity === null || Date.parse(row.lastActivity) < now.getTime() - INACTIVE_DAYS * 86_400_000;
}

/** In `state` in the focused course, or in at least one course when none is focused. */
function matchesState(row: ParticipantProgress, state: LessonState): boolean {
  return row.focus ? row.focus.state === state : row.states[state] > 0;
}

export interface MatrixPage<Row> {
  rows: Row[];
  /** Rows after filtering, before paging. */
  matching: number;
  page: number;
  pages: number;
}

/**
 * Filters, sorts (stable, by name on ties) and pages the participants.
 * Progress is the focused course's when the query names a course (rows
 * must then carry that course as their focus), otherwise over all courses.
 */
export function selectRows<Row extends ParticipantProgress>(
  rows: Row[],
  query: TeamQuery,
  now: Date,
  pageSize = PAGE_SIZE,
): MatrixPage<Row> {
  let out = rows;
  if (query.status) out = out.filter((r) => matchesState(r, query.status as LessonState));
  if (query.inaktiv) out = out.filter((r) => inactive(r, now));
  const sort = query.sort ?? 'namn';
  const dir = (query.ordning ?? (sort === 'namn' ? 'stigande' : 'fallande')) === 'stigande' ? 1 : -1;
  const byName = (a: Row, b: Row) =>
    collator.compare(a.participant.name, b.participant.name) || a.participant.id - b.participant.id;
  const progress = (r: Row) => (r.focus ? r.focus.percent : r.percent);
  const key: (a: Row, b: Row) => number =
    sort === 'namn'
      ? byName
      : sort === 'framsteg'
        ? (a, b) => progress(a) - progress(b)
        : (a, b) => (a.lastActivity ?? '').localeCompare(b.lastActivity ?? '');
  out = [...out].sort((a, b) => dir * key(a, b) || byName(a, b));
  const pages = Math.max(1, Math.ceil(out.length / pageSize));
  const page = Math.min(query.sida ?? 1, pages);
  return { rows: out.slice((page - 1) * pageSize, page * pageSize), matching: out.length, page, pages };
}

/**
 * The rows the dashboard's filters (course, status, inactive) and sort
 * select, unpaged: what the CSV export writes.
 */
export function filterMatrix<Row extends { participant: ParticipantProgress['participant'] }>(
  rows: Row[],
  progressOf: (row: Row) => ParticipantProgress,
  query: TeamQuery,
  now: Date,
): Row[] {
  const withProgress = rows.map((row) => ({ ...progressOf(row), row }));
  return selectRows(withProgress, { ...query, sida: undefined }, now, Number.MAX_SAFE_INTEGER).rows.map((r) => r.row);
}
