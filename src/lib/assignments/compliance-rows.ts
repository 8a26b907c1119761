/**
 * Compliance read in bulk: one row per assignment × member × assigned
 * course, made by set-based SQL (one query whatever the number of people),
 * then given its state by the pure rules of compliance.ts. Courses no
 * longer in the catalogue are left out (the pages list them as removed).
 */
import type { Db } from '#db/client.ts';
import { rawAll, type DialectSql } from '#db/sql.ts';
import { complianceOf, type Compliance } from './compliance.ts';

/**
 * Members per assignment: the agency's people, the team's current members,
 * or the one person while they are in the assignment's agency. Only active
 * learners and managers count (as in the team reports). Named parameters
 * :agency (null = every agency), :assignment, :team and :user (null = all).
 * The casts let PostgreSQL type a parameter that is only tested for null;
 * aliases are quoted so that PostgreSQL keeps their case.
 */
const WHO = `u.active and u.role in ('learner', 'manager') and (cast(:team as integer) is null or u.team_id = :team) and (cast(:user as integer) is null or u.id = :user)`;

const MEMBERS = `a as (
  select id, agency_id, target_type, target_team_id, target_user_id, course_ids, due_date, recurrence_months, created_at
  from assignments where (cast(:agency as integer) is null or agency_id = :agency) and (cast(:assignment as integer) is null or id = :assignment)),
m(assignment_id, user_id, name, email, team_id) as (
  select a.id, u.id, u.name, u.email, u.team_id from a join users u on u.agency_id = a.agency_id
  where a.target_type = 'agency' and ${WHO}
  union all
  select a.id, u.id, u.name, u.email, u.team_id from a join users u on u.team_id = a.target_team_id and u.agency_id = a.agency_id
  where a.target_type = 'team' and ${WHO}
  union all
  select a.id, u.id, u.name, u.email, u.team_id from a join users u on u.id = a.target_user_id and u.agency_id = a.agency_id
  where a.target_type = 'person' and ${WHO})`;

/** One row per assigned course: SQLite's json_each, PostgreSQL's jsonb_array_elements_text (position from 0). */
const COURSES: DialectSql = {
  sqlite: 'cross join json_each(a.course_ids) c',
  postgres:
    'cross join lateral jsonb_array_elements_text(a.course_ids::jsonb) with ordinality as e(value, n) cross join lateral (select e.value, e.n - 1 as key) c',
};

/**
 * The first or latest completion renewals replaced: an index lookup in
 * earlier_completions (user × course × time), only for rows with a completion.
 */
const earlier = (fn: 'min' | 'max') =>
  `case when cc.id is null then null else (select ${fn}(ec.completed_at) from earlier_completions ec
    where ec.user_id = m.user_id and ec.course_id = c.value) end`;

const rowsIn = (courses: string) => `with ${MEMBERS}
select m.assignment_id as "assignmentId", a.agency_id as "agencyId", a.created_at as "assignedAt", m.user_id as "userId", m.name, m.email,
  m.team_id as "teamId", t.name as "teamName", c.value as "courseId", c.key as position, a.due_date as "dueDate",
  a.recurrence_months as "recurrenceMonths", cc.completed_at as "completedAt", cc.certificate_code as "certificateCode",
  ${earlier('min')} as "firstCompletedAt", ${earlier('max')} as "previousCompletedAt"
from m join a on a.id = m.assignment_id
  ${courses}
  left join teams t on t.id = m.team_id
  left join course_completions cc on cc.user_id = m.user_id and cc.course_id = c.value`;

const both = (make: (courses: string) => string): DialectSql => ({
  sqlite: make(COURSES.sqlite),
  postgres: make(COURSES.postgres),
});

/** Per member and course, by name (pages and exports). */
export const COMPLIANCE_SQL = both(
  (courses) => `${rowsIn(courses)}
order by m.name, m.user_id, m.assignment_id, c.key`,
);

/** The same rows unordered (the reminder run groups them itself). */
export const COMPLIANCE_UNORDERED_SQL = both(rowsIn);

export const MEMBER_COUNT_SQL = `with ${MEMBERS}
select assignment_id as "assignmentId", count(*) as members from m group by assignment_id`;

export interface ComplianceRow {
  assignmentId: number;
  agencyId: number;
  assignedAt: string;
  userId: number;
  name: string;
  email: string;
  teamId: number | null;
  teamName: string | null;
  courseId: string;
  /** The course's place in the path, from 0. */
  position: number;
  dueDate: string;
  recurrenceMonths: number | null;
  completedAt: string | null;
  certificateCode: string | null;
  /** The first and the latest completion renewals replaced (earlier_completions), or null. */
  firstCompletedAt: string | null;
  previousCompletedAt: string | null;
}

export interface RowFilter {
  agencyId: number | null;
  assignmentId?: number | null;
  teamId?: number | null;
  userId?: number | null;
}

const params = (f: RowFilter) => ({
  agency: f.agencyId,
  assignment: f.assignmentId ?? null,
  team: f.teamId ?? null,
  user: f.userId ?? null,
});

/** The rows with their compliance on `today`, leaving out courses not in `catalogue`. */
export async function complianceRows(
  db: Db,
  filter: RowFilter,
  catalogue: ReadonlySet<string>,
  today: string,
  ordered = true,
): Promise<(ComplianceRow & Compliance)[]> {
  const rows = await rawAll<ComplianceRow>(db, ordered ? COMPLIANCE_SQL : COMPLIANCE_UNORDERED_SQL, params(filter));
  return rows.filter((r) => catalogue.has(r.courseId)).map((r) => ({ ...r, ...complianceOf(r, today) }));
}

/** Members per assignment (people covered now), by assignment id. */
export async function memberCounts(db: Db, filter: RowFilter): Promise<Map<number, number>> {
  const rows = await rawAll<{ assignmentId: number; members: number }>(db, MEMBER_COUNT_SQL, params(filter));
  return new Map(rows.map((r) => [r.assignmentId, r.members]));
}
