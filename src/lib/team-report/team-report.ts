/**
 * Queries behind the manager dashboard, the participant page, the course
 * page and the exports. One query per page section, never one per
 * participant; aggregation arithmetic lives in team-progress.ts and course-aggregates.ts. The
 * dashboard sums the whole scope in SQL and reads cells only for the page
 * it shows; the exports read the whole matrix.
 *
 * Every query takes a resolved `ReportScope` (an agency, optionally one
 * team), made by `resolveReportScope` from the signed-in user: the agency
 * filter is always on `agency_id`, so no query can reach another agency.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { agencies, courseCompletions, teams, users } from '#db/schema.ts';
import type { SessionUser } from '#lib/auth/session.ts';
import { canReadTeam, isAdmin, readableTeams } from '#lib/access/access.ts';
import { rawAll, swedishOrder } from '#db/sql.ts';
import { PG } from './team-report-pg.ts';
import {
  activityBuckets,
  activityStart,
  buildMatrix,
  courseCountsFrom,
  courseSummaries,
  progressFromSums,
  summarizeCourses,
  type ActivityWeek,
  type CompletedPair,
  type CourseAggregate,
  type CourseSummary,
  type MatrixRow,
  type ParticipantProgress,
  type ParticipantSums,
  type ReportCourse,
  type ReportParticipant,
} from './team-progress.ts';
import { selectRows, type MatrixPage, type TeamQuery } from './team-query.ts';
import {
  lessonGaps,
  mergeAggregates,
  outdatedRevisionKeys,
  revisedLessons,
  type CountRow,
  type OutdatedRow,
} from './course-aggregates.ts';

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
export async function resolveReportScope(
  db: Db,
  actor: SessionUser,
  ask: { team?: number; agency?: number },
): Promise<ScopeResult> {
  const readable = readableTeams(actor);
  if (!readable) return { kind: 'forbidden', reason: 'teamrapporter kräver chefsroll' };
  if (ask.agency !== undefined && !isAdmin(actor) && ask.agency !== actor.agencyId) {
    const other = (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, ask.agency)).limit(1))[0];
    return other
      ? { kind: 'denied', reason: `myndighet ${other.id} ligger utanför behörigheten`, agencyId: other.id }
      : { kind: 'not-found' };
  }
  let agencyId = ask.agency ?? (isAdmin(actor) ? undefined : actor.agencyId);
  const teamId: number | null = ask.team ?? (readable.kind === 'team' ? readable.teamId : null);
  if (teamId !== null) {
    const team = (await db.select().from(teams).where(eq(teams.id, teamId)).limit(1))[0];
    if (!team) return { kind: 'not-found' };
    if (!canReadTeam(actor, team))
      return { kind: 'denied', reason: `team ${team.id} ligger utanför behörigheten`, agencyId: team.agencyId };
    if (agencyId !== undefined && agencyId !== team.agencyId) return { kind: 'not-found' };
    agencyId = team.agencyId;
  }
  const agencyList = isAdmin(actor)
    ? await db
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .orderBy(asc(swedishOrder(db, agencies.name)))
    : null;
  agencyId ??= agencyList?.[0]?.id;
  if (agencyId === undefined) return { kind: 'not-found' };
  const agency = (
    await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)).limit(1)
  )[0];
  if (!agency) return { kind: 'not-found' };
  if (!isAdmin(actor) && agency.id !== actor.agencyId)
    return { kind: 'denied', reason: `myndighet ${agency.id} ligger utanför behörigheten`, agencyId: agency.id };
  const agencyTeams = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.agencyId, agency.id))
    .orderBy(asc(swedishOrder(db, teams.name)));
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

/**
 * The scope's participants: active learners and managers of the agency (or team); the same rule as
 * `isReportParticipant` in access.ts. Named parameters :agency and :team.
 */
const MEMBER = `member(id, name, email, team_id) as (
  select id, name, email, team_id from users
  where agency_id = :agency and (:team is null or team_id = :team) and active = 1 and role in ('learner', 'manager'))`;

export const PARTICIPANTS_SQL = `with ${MEMBER}
select m.id, m.name, m.email, m.team_id as teamId, t.name as teamName
from member m left join teams t on t.id = m.team_id
order by m.name, m.id`;

/** Participants in scope, by name. */
export async function scopeParticipants(db: Db, scope: ReportScope): Promise<ReportParticipant[]> {
  return rawAll<ReportParticipant>(
    db,
    { sqlite: PARTICIPANTS_SQL, postgres: PG.PARTICIPANTS },
    { agency: scope.agencyId, team: scope.teamId },
  );
}

/**
 * What the report's scope-wide reads share: the scope's participants
 * (MEMBER); the catalogue's courses with their sizes and revised lessons
 * ([lesson, revision] above 1); and the exact counts, over current lessons,
 * of the few pairs that have rows of lessons since removed (found by seeking
 * the id ranges between current lessons, as in RECOUNT_SQL), which replace
 * their summary rows. Named parameters :agency, :team, :courses, :gaps and
 * :lessons (scopeParams).
 */
const SCOPE = `${MEMBER},
course(course_id, total, revised) as (
  select value ->> 0, value ->> 1, value -> 2 from json_each(:courses)),
gap(course_id, after, before) as (
  select value ->> 0, value ->> 1, value ->> 2 from json_each(:gaps)),
hit(user_id, course_id) as (
  select distinct lp.user_id, lp.course_id from gap cross join lesson_progress lp
    on lp.agency_id = :agency and lp.course_id = gap.course_id and lp.lesson_id > gap.after and lp.lesson_id < gap.before
  where lp.user_id in (select id from member)),
recount(user_id, course_id, touched, completed, last) as materialized (
  select hit.user_id, hit.course_id, count(cur.lesson_id), count(cur.completed_at), max(cur.last_visited_at)
  from hit left join lesson_progress cur
    on cur.agency_id = :agency and cur.user_id = hit.user_id and cur.course_id = hit.course_id and cur.lesson_id in (select value from json_each(:lessons))
  group by hit.user_id, hit.course_id)`;

/** Per participant and course, from the trigger-kept summary: lesson rows, completed rows, latest visit (every lesson of the course); one range of the primary key. */
export const SUMMARY_SQL = `with ${SCOPE}
select s.user_id as userId, s.course_id as courseId, s.lessons_started as touched, s.lessons_completed as completed, s.last_activity_at as lastActivity
from course_progress_summary s
where s.agency_id = :agency and s.user_id in (select id from member) and +s.course_id in (select course_id from course)`;

/** Completions on an older revision, sought per revised lesson (revision > 1) in the agency-first covering index. */
export const OUTDATED_SQL = `with ${SCOPE}
select lp.user_id as userId, lp.course_id as courseId, count(*) as outdated
from course cross join json_each(course.revised) rv cross join lesson_progress lp
  on lp.agency_id = :agency and lp.course_id = course.course_id and lp.lesson_id = rv.value ->> 0 and lp.completed_revision < rv.value ->> 1
where lp.user_id in (select id from member)
group by lp.user_id, lp.course_id`;

/** The pairs with rows of lessons no longer in the course, recounted over current lessons (SCOPE's recount). */
export const RECOUNT_SQL = `with ${SCOPE}
select user_id as userId, course_id as courseId, touched, completed, last as lastActivity from recount`;

/**
 * Per scope participant and course: current lessons opened, completed,
 * completed on an old revision, last activity. Three queries whatever the
 * scope's size, none reading one row per lesson (src/lib/team-report/course-aggregates.ts).
 */
export async function courseAggregates(
  db: Db,
  scope: ReportScope,
  courses: ReportCourse[],
): Promise<CourseAggregate[]> {
  const params = scopeParams(scope, courses);
  const summary = await rawAll<CountRow>(db, { sqlite: SUMMARY_SQL, postgres: PG.SUMMARY }, params);
  const outdated = await rawAll<OutdatedRow>(db, { sqlite: OUTDATED_SQL, postgres: PG.OUTDATED }, params);
  const recounted = await rawAll<CountRow>(db, { sqlite: RECOUNT_SQL, postgres: PG.RECOUNT }, params);
  return mergeAggregates(summary, outdated, recounted);
}

/** The parameters of SCOPE. */
function scopeParams(scope: ReportScope, courses: ReportCourse[]) {
  return {
    agency: scope.agencyId,
    team: scope.teamId,
    courses: JSON.stringify(courses.map((c) => [c.id, c.lessons.length, revisedLessons(c)])),
    gaps: JSON.stringify(lessonGaps(courses)),
    lessons: JSON.stringify(courses.flatMap((c) => c.lessons.map((l) => l.id))),
  };
}

/**
 * Per course, the scope's participants who opened a current lesson: summary
 * pairs counted in the agency × course index, less the pairs whose every
 * row is of a removed lesson. (A unary + on a column keeps SQLite from
 * driving a scan by that IN list, here and below: it would seek the primary
 * key once per member and course instead of reading one index range.)
 */
export const COURSE_STARTED_SQL = `with ${SCOPE}
select course.course_id as courseId,
  (select count(*) from course_progress_summary s where s.agency_id = :agency and s.course_id = course.course_id and +s.user_id in (select id from member))
  - (select count(*) from recount r where r.course_id = course.course_id and r.touched = 0) as started
from course`;

/**
 * The scope's completed participant × course pairs (every current lesson
 * completed, on any revision), sought in the agency × course index at the
 * course's size, and whether any of their completions is on an older
 * revision than the lesson's current one (a few seeks per completed pair).
 */
export const COMPLETED_PAIRS_SQL = `with ${SCOPE}
select s.user_id as userId, s.course_id as courseId,
  exists (select 1 from json_each(course.revised) rv cross join lesson_progress lp on lp.user_id = s.user_id and lp.lesson_id = rv.value ->> 0
    where lp.agency_id = :agency and lp.completed_revision < rv.value ->> 1) as outdated
from course cross join course_progress_summary s
    on s.agency_id = :agency and s.course_id = course.course_id and s.lessons_completed >= course.total
  left join recount r on r.user_id = s.user_id and r.course_id = s.course_id
where course.total > 0 and +s.user_id in (select id from member) and coalesce(r.completed, s.lessons_completed) >= course.total`;

/**
 * Every scope participant with sums over current lessons of the catalogue's
 * courses: lessons completed, latest activity, courses opened; and the
 * :focus course's completed lessons and whether it was opened.
 */
export const PARTICIPANT_SUMS_SQL = `with ${SCOPE},
pair(user_id, course_id, touched, completed, last) as (
  select s.user_id, s.course_id, coalesce(r.touched, s.lessons_started), coalesce(r.completed, s.lessons_completed),
    case when r.user_id is null then s.last_activity_at else r.last end
  from course_progress_summary s left join recount r on r.user_id = s.user_id and r.course_id = s.course_id
  where s.agency_id = :agency and s.user_id in (select id from member) and +s.course_id in (select course_id from course)),
summed(user_id, done, last, touched, focus_done, focus_touched) as (
  select user_id, sum(completed), max(last), sum(touched > 0),
    sum(case when course_id = :focus then completed end), sum(case when course_id = :focus then touched > 0 end)
  from pair group by user_id)
select m.id, m.name, m.email, m.team_id as teamId, t.name as teamName, coalesce(p.done, 0) as done, p.last as lastActivity,
  coalesce(p.touched, 0) as touched, coalesce(p.focus_done, 0) as focusDone, coalesce(p.focus_touched, 0) as focusTouched
from member m left join teams t on t.id = m.team_id left join summed p on p.user_id = m.id`;

/** Per course of the scope: participants who started it (one query). */
export async function courseStarted(
  db: Db,
  scope: ReportScope,
  courses: ReportCourse[],
): Promise<{ courseId: string; started: number }[]> {
  return rawAll<{ courseId: string; started: number }>(
    db,
    { sqlite: COURSE_STARTED_SQL, postgres: PG.COURSE_STARTED },
    scopeParams(scope, courses),
  );
}

/** The scope's completed participant × course pairs, each marked outdated or not (one query). */
export async function completedPairs(db: Db, scope: ReportScope, courses: ReportCourse[]): Promise<CompletedPair[]> {
  return rawAll<CompletedPair>(
    db,
    { sqlite: COMPLETED_PAIRS_SQL, postgres: PG.COMPLETED_PAIRS },
    scopeParams(scope, courses),
  );
}

/** Every scope participant with their sums over all courses, and over `focusCourse` when given (one query). */
export async function participantSums(
  db: Db,
  scope: ReportScope,
  courses: ReportCourse[],
  focusCourse?: string,
): Promise<ParticipantSums[]> {
  const rows = await rawAll<ReportParticipant & Omit<ParticipantSums, 'participant'>>(
    db,
    { sqlite: PARTICIPANT_SUMS_SQL, postgres: PG.PARTICIPANT_SUMS },
    {
      ...scopeParams(scope, courses),
      focus: focusCourse ?? null,
    },
  );
  return rows.map(({ done, lastActivity, touched, focusDone, focusTouched, ...participant }) => ({
    participant,
    done,
    lastActivity,
    touched,
    focusDone,
    focusTouched,
  }));
}

/**
 * The cells of a few participants (a page of the dashboard), exactly, from
 * their own rows of current lessons (:lessons). A completion is outdated when
 * its "lesson#revision" is among :outdated, every revision below a lesson's
 * current one. One query reading ~100 rows a participant.
 */
export const PARTICIPANT_CELLS_SQL = `select lp.user_id as userId, lp.course_id as courseId, count(*) as touched, count(lp.completed_at) as completed,
  sum(lp.lesson_id || '#' || lp.completed_revision in (select value from json_each(:outdated))) as outdated, max(lp.last_visited_at) as lastActivity
from json_each(:users) who cross join lesson_progress lp on lp.user_id = who.value
where lp.agency_id = :agency and +lp.lesson_id in (select value from json_each(:lessons))
group by lp.user_id, lp.course_id`;

/** Per participant and course for the given participants of the scope's agency (one query). */
export async function participantAggregates(
  db: Db,
  scope: ReportScope,
  courses: ReportCourse[],
  userIds: number[],
): Promise<CourseAggregate[]> {
  if (userIds.length === 0) return [];
  const lessons = JSON.stringify(courses.flatMap((c) => c.lessons.map((l) => l.id)));
  return rawAll<CourseAggregate>(
    db,
    { sqlite: PARTICIPANT_CELLS_SQL, postgres: PG.PARTICIPANT_CELLS },
    {
      agency: scope.agencyId,
      users: JSON.stringify(userIds),
      lessons,
      outdated: JSON.stringify(outdatedRevisionKeys(courses)),
    },
  );
}

/** One course's current lessons with their revisions, as one JSON parameter. */
function lessonsParam(courses: ReportCourse[]): string {
  return JSON.stringify(courses.flatMap((c) => c.lessons.map((l) => [l.id, c.id, l.revision])));
}

const CURRENT = `cur(lesson_id, course_id, revision) as (
  select value ->> 0, value ->> 1, value ->> 2 from json_each(:lessons))`;

/** A whole agency: the trigger-kept completions per day. */
export const ACTIVITY_SQL = `select d.day as at, d.completions as n
from agency_daily_completions d
where d.agency_id = ? and d.day >= ?`;

/** One team: its members' completions since a time, read member by member (each one's ~100 lesson rows). */
export const TEAM_ACTIVITY_SQL = `select substr(lp.completed_at, 1, 10) as at, count(*) as n
from users u cross join lesson_progress lp on lp.user_id = u.id
where lp.agency_id = ? and lp.completed_at >= ? and u.team_id = ?
group by at`;

/**
 * Lesson completions per day from the UTC day of `since`, for the activity
 * chart. One query: the daily summary for an agency, the members' rows for a team.
 */
export async function completionsPerDay(db: Db, scope: ReportScope, since: Date): Promise<{ at: string; n: number }[]> {
  const from = since.toISOString().slice(0, 10);
  if (scope.teamId === null)
    return rawAll<{ at: string; n: number }>(db, { sqlite: ACTIVITY_SQL, postgres: PG.ACTIVITY }, [
      scope.agencyId,
      from,
    ]);
  return rawAll<{ at: string; n: number }>(db, { sqlite: TEAM_ACTIVITY_SQL, postgres: PG.TEAM_ACTIVITY }, [
    scope.agencyId,
    from,
    scope.teamId,
  ]);
}

export const FUNNEL_SQL = `with ${MEMBER}, ${CURRENT}
select lp.lesson_id as lessonId, count(*) as started, sum(lp.completed_at is not null) as completed,
  sum(lp.completed_revision < cur.revision) as outdated
from lesson_progress lp join cur on cur.lesson_id = lp.lesson_id and cur.course_id = lp.course_id
where lp.agency_id = :agency and lp.course_id = :course and lp.user_id in (select id from member)
group by lp.lesson_id`;

/** Per lesson of one course: the scope's participants who opened it, completed it, completed it on an old revision. One query. */
export async function lessonFunnel(
  db: Db,
  scope: ReportScope,
  course: ReportCourse,
): Promise<{ lessonId: string; started: number; completed: number; outdated: number }[]> {
  return rawAll<{ lessonId: string; started: number; completed: number; outdated: number }>(
    db,
    { sqlite: FUNNEL_SQL, postgres: PG.FUNNEL },
    {
      lessons: lessonsParam([course]),
      agency: scope.agencyId,
      team: scope.teamId,
      course: course.id,
    },
  );
}

export const QUIZ_SQL = `with ${MEMBER}
select lp.lesson_id as lessonId, count(*) as attempts, sum(lp.passed) as passed,
  count(distinct lp.user_id) as people, sum(lp.right) as rightAnswers, sum(lp.total) as questions
from quiz_attempts lp
where lp.agency_id = :agency and lp.course_id = :course and lp.user_id in (select id from member)
group by lp.lesson_id`;

export interface QuizSummary {
  lessonId: string;
  attempts: number;
  passed: number;
  people: number;
  rightAnswers: number;
  questions: number;
}

/** The scope's participants' knowledge-check results per lesson of one course. One query. */
export async function quizSummaries(db: Db, scope: ReportScope, courseId: string): Promise<QuizSummary[]> {
  return rawAll<QuizSummary>(
    db,
    { sqlite: QUIZ_SQL, postgres: PG.QUIZ },
    { agency: scope.agencyId, team: scope.teamId, course: courseId },
  );
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
    (
      await db
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          agencyId: users.agencyId,
          teamId: users.teamId,
          teamName: teams.name,
          agencyName: agencies.name,
          role: users.role,
          active: users.active,
        })
        .from(users)
        .innerJoin(agencies, eq(agencies.id, users.agencyId))
        .leftJoin(teams, eq(teams.id, users.teamId))
        .where(eq(users.id, id))
        .limit(1)
    )[0] ?? null
  );
}

/**
 * Course completions (date and certificate code) of the scope's agency, keyed
 * `${userId}:${courseId}`, for the CSV export. Rows of people outside the
 * scope's team are harmless: the export only looks up its own rows.
 */
export async function scopeCompletions(
  db: Db,
  scope: ReportScope,
): Promise<Map<string, { completedAt: string; certificateCode: string }>> {
  const rows = await db
    .select({
      userId: courseCompletions.userId,
      courseId: courseCompletions.courseId,
      completedAt: courseCompletions.completedAt,
      certificateCode: courseCompletions.certificateCode,
    })
    .from(courseCompletions)
    .where(eq(courseCompletions.agencyId, scope.agencyId));
  return new Map(rows.map((r) => [`${r.userId}:${r.courseId}`, r]));
}

export interface TeamOverview {
  participants: ReportParticipant[];
  rows: MatrixRow[];
  courses: CourseSummary[];
  activity: ActivityWeek[];
}

/**
 * The whole matrix, every participant × course (the CSV export's rows), in
 * four queries (participants, three for the per-course aggregates) whatever
 * the team's size.
 */
export async function teamMatrix(
  db: Db,
  scope: ReportScope,
  courses: ReportCourse[],
): Promise<{ participants: ReportParticipant[]; rows: MatrixRow[] }> {
  const [participants, aggregates] = await Promise.all([
    scopeParticipants(db, scope),
    courseAggregates(db, scope, courses),
  ]);
  return { participants, rows: buildMatrix(participants, courses, aggregates) };
}

/**
 * The whole matrix with its per-course figures and activity, for the
 * printable report: `teamMatrix` and one query more. The dashboard, which
 * shows one page of it, uses `teamDashboard`.
 */
export async function teamOverview(
  db: Db,
  scope: ReportScope,
  courses: ReportCourse[],
  now = new Date(),
): Promise<TeamOverview> {
  const [{ participants, rows }, perDay] = await Promise.all([
    teamMatrix(db, scope, courses),
    completionsPerDay(db, scope, activityStart(now)),
  ]);
  return { participants, rows, courses: summarizeCourses(rows, courses), activity: activityBuckets(perDay, now) };
}

export interface TeamDashboard {
  /** Participants in scope. */
  participants: number;
  courses: CourseSummary[];
  activity: ActivityWeek[];
  /** The page of the matrix the query asks for, its rows full (every course's cell). */
  page: MatrixPage<MatrixRow & ParticipantProgress>;
}

/**
 * The dashboard: per-course figures and per-participant sums over the whole
 * scope, summed in SQL from the summary table (three queries returning a row
 * per course, per participant and per completed course), filtered, sorted
 * and paged in JS; then the cells of just the page's participants (one
 * query), and the activity chart (one). A few thousand values reach JS
 * whatever the scope's size, instead of an object per participant and course.
 */
export async function teamDashboard(
  db: Db,
  scope: ReportScope,
  courses: ReportCourse[],
  query: TeamQuery,
  now = new Date(),
  /** Only these participants (the people of one assignment, when the query names one). */
  only?: ReadonlySet<number>,
): Promise<TeamDashboard> {
  const focus = query.kurs || undefined;
  const [sums, started, completed, perDay] = await Promise.all([
    participantSums(db, scope, courses, focus),
    courseStarted(db, scope, courses),
    completedPairs(db, scope, courses),
    completionsPerDay(db, scope, activityStart(now)),
  ]);
  const progress = progressFromSums(sums, completed, courses, focus);
  const page = selectRows(only ? progress.filter((r) => only.has(r.participant.id)) : progress, query, now);
  const shown = page.rows.map((r) => r.participant);
  const cells = buildMatrix(
    shown,
    courses,
    await participantAggregates(
      db,
      scope,
      courses,
      shown.map((p) => p.id),
    ),
  );
  return {
    participants: sums.length,
    courses: courseSummaries(courses, courseCountsFrom(started, completed), sums.length),
    activity: activityBuckets(perDay, now),
    page: { ...page, rows: page.rows.map((r, i) => ({ ...cells[i], ...r })) },
  };
}
