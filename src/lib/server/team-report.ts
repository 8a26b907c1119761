/**
 * Queries behind the manager dashboard, the participant page, the course
 * page and the exports. One query per page section, never one per
 * participant; aggregation arithmetic lives in src/lib/reports/.
 *
 * Every query takes a resolved `ReportScope` (an agency, optionally one
 * team), made by `resolveReportScope` from the signed-in user: the agency
 * filter is always on `agency_id`, so no query can reach another agency.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Db } from '../../../db/client.ts';
import { agencies, teams, users } from '../../../db/schema.ts';
import type { SessionUser } from './session.ts';
import { canReadTeam, isAdmin, readableTeams } from './access.ts';
import { activityBuckets, activityStart, buildMatrix, summarizeCourses, type ActivityWeek, type CourseAggregate, type CourseSummary, type MatrixRow, type ReportCourse, type ReportParticipant } from '../reports/team-progress.ts';

/** What a report covers: one agency, and one team of it or all its teams. */
export interface ReportScope {
  agencyId: number;
  agencyName: string;
  teamId: number | null;
  teamName: string | null;
  /** The teams the user may pick in the filter. */
  teams: { id: number; name: string }[];
  /** The agencies the user may pick (admins only; otherwise their own). */
  agencies: { id: number; name: string }[];
}

export type ScopeResult =
  | { kind: 'ok'; scope: ReportScope }
  /** Not a manager or admin: 403 without naming anything. */
  | { kind: 'forbidden'; reason: string }
  /** Asked for a team or agency outside the user's scope: 403, audited with that agency. */
  | { kind: 'denied'; reason: string; agencyId: number }
  | { kind: 'not-found' };

/**
 * The scope for a report request. Team managers: their own team only;
 * agency managers: their agency, optionally one of its teams; admins: any
 * agency (default the first by name). Anything else is denied.
 */
export async function resolveReportScope(db: Db, actor: SessionUser, ask: { team?: number; agency?: number }): Promise<ScopeResult> {
  const readable = readableTeams(actor);
  if (!readable) return { kind: 'forbidden', reason: 'teamrapporter kräver chefsroll' };
  if (ask.agency !== undefined && !isAdmin(actor) && ask.agency !== actor.agencyId) {
    const other = db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, ask.agency)).get();
    return other ? { kind: 'denied', reason: `myndighet ${other.id} ligger utanför behörigheten`, agencyId: other.id } : { kind: 'not-found' };
  }
  let agencyId = ask.agency ?? (isAdmin(actor) ? undefined : actor.agencyId);
  let teamId: number | null = ask.team ?? (readable.kind === 'team' ? readable.teamId : null);
  if (teamId !== null) {
    const team = db.select().from(teams).where(eq(teams.id, teamId)).get();
    if (!team) return { kind: 'not-found' };
    if (!canReadTeam(actor, team)) return { kind: 'denied', reason: `team ${team.id} ligger utanför behörigheten`, agencyId: team.agencyId };
    if (agencyId !== undefined && agencyId !== team.agencyId) return { kind: 'not-found' };
    agencyId = team.agencyId;
  }
  const agencyList = isAdmin(actor) ? db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name)).all() : null;
  agencyId ??= agencyList?.[0]?.id;
  if (agencyId === undefined) return { kind: 'not-found' };
  const agency = db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)).get();
  if (!agency) return { kind: 'not-found' };
  if (!isAdmin(actor) && agency.id !== actor.agencyId) return { kind: 'denied', reason: `myndighet ${agency.id} ligger utanför behörigheten`, agencyId: agency.id };
  const agencyTeams = db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.agencyId, agency.id)).orderBy(asc(teams.name)).all();
  const pickable = readable.kind === 'team' ? agencyTeams.filter((t) => t.id === readable.teamId) : agencyTeams;
  return {
    kind: 'ok',
    scope: {
      agencyId: agency.id,
      agencyName: agency.name,
      teamId,
      teamName: agencyTeams.find((t) => t.id === teamId)?.name ?? null,
      teams: pickable,
      agencies: agencyList ?? [agency],
    },
  };
}

/** Participants in scope: active learners and managers of the agency (or team), by name. */
export async function scopeParticipants(db: Db, scope: ReportScope): Promise<ReportParticipant[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, teamId: users.teamId, teamName: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(
      and(
        eq(users.agencyId, scope.agencyId),
        scope.teamId === null ? undefined : eq(users.teamId, scope.teamId),
        eq(users.active, true),
        inArray(users.role, ['learner', 'manager']),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

const TEAM_FILTER = `(? is null or lp.user_id in (select id from users where team_id = ?))`;

const statements = new WeakMap<Db, Map<string, Database.Statement<unknown[]>>>();

function prepared(db: Db, sql: string): Database.Statement<unknown[]> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.$client.prepare(sql)));
  return stmt;
}

/**
 * Lesson ids travel as JSON parameters and revisions as parameters, so the
 * statement text depends only on how many distinct revisions the catalogue
 * has (a handful): its plan is cached, and no content text reaches the SQL.
 */
function aggregateStatement(courses: ReportCourse[]): { sql: string; params: unknown[] } {
  const lessons = courses.flatMap((c) => c.lessons);
  const byRevision = Map.groupBy(
    lessons.filter((l) => l.revision > 1),
    (l) => l.revision,
  );
  const outdated = [...byRevision.keys()].map(() => '(lp.completed_revision < ? and lp.lesson_id in (select value from json_each(?)))');
  const sql = `select lp.user_id as userId, lp.course_id as courseId, count(*) as touched,
  sum(lp.completed_at is not null) as completed,
  ${outdated.length ? `sum(${outdated.join(' or ')})` : '0'} as outdated,
  max(lp.last_visited_at) as lastActivity
from lesson_progress lp
where lp.agency_id = ? and lp.lesson_id in (select value from json_each(?)) and ${TEAM_FILTER}
group by lp.user_id, lp.course_id`;
  const params = [...byRevision].flatMap(([revision, ls]) => [revision, JSON.stringify(ls.map((l) => l.id))]);
  return { sql, params: [...params, JSON.stringify(lessons.map((l) => l.id))] };
}

/** Per participant and course: current lessons opened, completed, completed on an old revision, last activity. One query. */
export async function courseAggregates(db: Db, scope: ReportScope, courses: ReportCourse[]): Promise<CourseAggregate[]> {
  const { sql, params } = aggregateStatement(courses);
  const [...outdatedParams] = params.slice(0, -1);
  return prepared(db, sql).all(...outdatedParams, scope.agencyId, params.at(-1), scope.teamId, scope.teamId) as CourseAggregate[];
}

/** One course's current lessons with their revisions, as one JSON parameter. */
function lessonsParam(courses: ReportCourse[]): string {
  return JSON.stringify(courses.flatMap((c) => c.lessons.map((l) => [l.id, c.id, l.revision])));
}

const CURRENT = `cur(lesson_id, course_id, revision) as (
  select json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') from json_each(?))`;

export const ACTIVITY_SQL = `select substr(lp.completed_at, 1, 10) as at, count(*) as n
from lesson_progress lp
where lp.agency_id = ? and lp.completed_at >= ? and ${TEAM_FILTER}
group by at`;

/** Lesson completions per day since `since` (ISO), for the activity chart. One query. */
export async function completionsPerDay(db: Db, scope: ReportScope, since: Date): Promise<{ at: string; n: number }[]> {
  return prepared(db, ACTIVITY_SQL).all(scope.agencyId, since.toISOString(), scope.teamId, scope.teamId) as { at: string; n: number }[];
}

export const FUNNEL_SQL = `with ${CURRENT}
select lp.lesson_id as lessonId, count(*) as started, sum(lp.completed_at is not null) as completed,
  sum(lp.completed_revision < cur.revision) as outdated
from lesson_progress lp join cur on cur.lesson_id = lp.lesson_id and cur.course_id = lp.course_id
where lp.agency_id = ? and lp.course_id = ? and ${TEAM_FILTER}
group by lp.lesson_id`;

/** Per lesson of one course: opened, completed, completed on an old revision. One query. */
export async function lessonCounts(db: Db, scope: ReportScope, course: ReportCourse): Promise<{ lessonId: string; started: number; completed: number; outdated: number }[]> {
  return prepared(db, FUNNEL_SQL).all(lessonsParam([course]), scope.agencyId, course.id, scope.teamId, scope.teamId) as { lessonId: string; started: number; completed: number; outdated: number }[];
}

export const QUIZ_SQL = `select lp.lesson_id as lessonId, count(*) as attempts, sum(lp.passed) as passed,
  count(distinct lp.user_id) as people, sum(lp.right) as rightAnswers, sum(lp.total) as questions
from quiz_attempts lp
where lp.agency_id = ? and lp.course_id = ? and ${TEAM_FILTER}
group by lp.lesson_id`;

export interface QuizSummary {
  lessonId: string;
  attempts: number;
  passed: number;
  people: number;
  rightAnswers: number;
  questions: number;
}

/** Knowledge-check results per lesson of one course. One query. */
export async function quizSummaries(db: Db, scope: ReportScope, courseId: string): Promise<QuizSummary[]> {
  return prepared(db, QUIZ_SQL).all(scope.agencyId, courseId, scope.teamId, scope.teamId) as QuizSummary[];
}

export interface ParticipantInfo {
  id: number;
  name: string;
  email: string;
  agencyId: number;
  teamId: number | null;
  teamName: string | null;
  agencyName: string;
  role: SessionUser['role'];
  active: boolean;
}

/** One user with their team and agency, or null. */
export async function findParticipant(db: Db, id: number): Promise<ParticipantInfo | null> {
  return (
    db
      .select({ id: users.id, name: users.name, email: users.email, agencyId: users.agencyId, teamId: users.teamId, teamName: teams.name, agencyName: agencies.name, role: users.role, active: users.active })
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .leftJoin(teams, eq(teams.id, users.teamId))
      .where(eq(users.id, id))
      .get() ?? null
  );
}

export interface TeamOverview {
  participants: ReportParticipant[];
  rows: MatrixRow[];
  courses: CourseSummary[];
  activity: ActivityWeek[];
}

/**
 * Everything the dashboard's overview and matrix need, in three queries
 * (participants, per-course aggregates, activity) whatever the team's size.
 */
export async function teamOverview(db: Db, scope: ReportScope, courses: ReportCourse[], now = new Date()): Promise<TeamOverview> {
  const [participants, aggregates, perDay] = await Promise.all([scopeParticipants(db, scope), courseAggregates(db, scope, courses), completionsPerDay(db, scope, activityStart(now))]);
  const rows = buildMatrix(participants, courses, aggregates);
  return { participants, rows, courses: summarizeCourses(rows, courses), activity: activityBuckets(perDay, now) };
}
