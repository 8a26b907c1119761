/**
 * The team report's raw SQL in PostgreSQL's dialect: the same queries as the
 * SQLite texts in team-report.ts (same parameters, same column names), with
 * JSON parameters read by jsonb_array_elements, booleans counted as
 * integers and names ordered with the Swedish ICU collation. Rows of
 * lessons no longer in a course are found without :gaps (which SQLite reads
 * as index ranges): `present` lists the agency's lessons that have rows by a
 * loose index scan (one index probe per lesson, any collation) and `stale`
 * keeps those not in :lessons. db/sql.ts rewrites `:name` to `$n`; `::type`
 * casts stay.
 */

const MEMBER = `member(id, name, email, team_id) as (
  select id, name, email, team_id from users
  where agency_id = :agency::int and (:team::int is null or team_id = :team::int) and active and role in ('learner', 'manager'))`;

const SCOPE = `${MEMBER},
course(course_id, total, revised) as (
  select value ->> 0, (value ->> 1)::int, value -> 2 from jsonb_array_elements(:courses::jsonb)),
present(course_id, lesson_id) as (
  (select course_id, lesson_id from lesson_progress where agency_id = :agency::int order by course_id, lesson_id limit 1)
  union all
  select n.course_id, n.lesson_id from present p cross join lateral (
    select lp.course_id, lp.lesson_id from lesson_progress lp
    where lp.agency_id = :agency::int and (lp.course_id, lp.lesson_id) > (p.course_id, p.lesson_id)
    order by lp.course_id, lp.lesson_id limit 1) n),
stale(course_id, lesson_id) as (
  select p.course_id, p.lesson_id from present p join course on course.course_id = p.course_id
  where p.lesson_id not in (select jsonb_array_elements_text(:lessons::jsonb))),
hit(user_id, course_id) as (
  select distinct lp.user_id, lp.course_id from stale join lesson_progress lp
    on lp.agency_id = :agency::int and lp.course_id = stale.course_id and lp.lesson_id = stale.lesson_id
  where lp.user_id in (select id from member)),
recount(user_id, course_id, touched, completed, last) as materialized (
  select hit.user_id, hit.course_id, count(cur.lesson_id), count(cur.completed_at), max(cur.last_visited_at)
  from hit left join lesson_progress cur
    on cur.agency_id = :agency::int and cur.user_id = hit.user_id and cur.course_id = hit.course_id
    and cur.lesson_id in (select jsonb_array_elements_text(:lessons::jsonb))
  group by hit.user_id, hit.course_id)`;

const CURRENT = `cur(lesson_id, course_id, revision) as (
  select value ->> 0, value ->> 1, (value ->> 2)::int from jsonb_array_elements(:lessons::jsonb))`;

export const PG = {
  PARTICIPANTS: `with ${MEMBER}
select m.id, m.name, m.email, m.team_id as "teamId", t.name as "teamName"
from member m left join teams t on t.id = m.team_id
order by m.name collate "sv-SE-x-icu", m.id`,

  SUMMARY: `with recursive ${SCOPE}
select s.user_id as "userId", s.course_id as "courseId", s.lessons_started as touched, s.lessons_completed as completed,
  s.last_activity_at as "lastActivity"
from course_progress_summary s
where s.agency_id = :agency::int and s.user_id in (select id from member) and s.course_id in (select course_id from course)`,

  OUTDATED: `with recursive ${SCOPE}
select lp.user_id as "userId", lp.course_id as "courseId", count(*) as outdated
from course cross join jsonb_array_elements(course.revised) rv join lesson_progress lp
  on lp.agency_id = :agency::int and lp.course_id = course.course_id and lp.lesson_id = rv.value ->> 0
  and lp.completed_revision < (rv.value ->> 1)::int
where lp.user_id in (select id from member)
group by lp.user_id, lp.course_id`,

  RECOUNT: `with recursive ${SCOPE}
select user_id as "userId", course_id as "courseId", touched, completed, last as "lastActivity" from recount`,

  COURSE_STARTED: `with recursive ${SCOPE}
select course.course_id as "courseId",
  (select count(*) from course_progress_summary s where s.agency_id = :agency::int and s.course_id = course.course_id
    and s.user_id in (select id from member))
  - (select count(*) from recount r where r.course_id = course.course_id and r.touched = 0) as started
from course`,

  COMPLETED_PAIRS: `with recursive ${SCOPE}
select s.user_id as "userId", s.course_id as "courseId",
  exists (select 1 from jsonb_array_elements(course.revised) rv join lesson_progress lp
      on lp.user_id = s.user_id and lp.lesson_id = rv.value ->> 0
    where lp.agency_id = :agency::int and lp.completed_revision < (rv.value ->> 1)::int)::int as outdated
from course join course_progress_summary s
    on s.agency_id = :agency::int and s.course_id = course.course_id and s.lessons_completed >= course.total
  left join recount r on r.user_id = s.user_id and r.course_id = s.course_id
where course.total > 0 and s.user_id in (select id from member) and coalesce(r.completed, s.lessons_completed) >= course.total`,

  PARTICIPANT_SUMS: `with recursive ${SCOPE},
pair(user_id, course_id, touched, completed, last) as (
  select s.user_id, s.course_id, coalesce(r.touched, s.lessons_started), coalesce(r.completed, s.lessons_completed),
    case when r.user_id is null then s.last_activity_at else r.last end
  from course_progress_summary s left join recount r on r.user_id = s.user_id and r.course_id = s.course_id
  where s.agency_id = :agency::int and s.user_id in (select id from member) and s.course_id in (select course_id from course)),
summed(user_id, done, last, touched, focus_done, focus_touched) as (
  select user_id, sum(completed), max(last), sum((touched > 0)::int),
    sum(case when course_id = :focus::text then completed end), sum(case when course_id = :focus::text then (touched > 0)::int end)
  from pair group by user_id)
select m.id, m.name, m.email, m.team_id as "teamId", t.name as "teamName", coalesce(p.done, 0) as done, p.last as "lastActivity",
  coalesce(p.touched, 0) as touched, coalesce(p.focus_done, 0) as "focusDone", coalesce(p.focus_touched, 0) as "focusTouched"
from member m left join teams t on t.id = m.team_id left join summed p on p.user_id = m.id`,

  PARTICIPANT_CELLS: `select lp.user_id as "userId", lp.course_id as "courseId", count(*) as touched, count(lp.completed_at) as completed,
  sum(((lp.lesson_id || '#' || lp.completed_revision) in (select jsonb_array_elements_text(:outdated::jsonb)))::int) as outdated,
  max(lp.last_visited_at) as "lastActivity"
from lesson_progress lp
where lp.user_id in (select (jsonb_array_elements_text(:users::jsonb))::int) and lp.agency_id = :agency::int
  and lp.lesson_id in (select jsonb_array_elements_text(:lessons::jsonb))
group by lp.user_id, lp.course_id`,

  ACTIVITY: `select d.day as at, d.completions as n
from agency_daily_completions d
where d.agency_id = $1 and d.day >= $2`,

  TEAM_ACTIVITY: `select substr(lp.completed_at, 1, 10) as at, count(*) as n
from users u join lesson_progress lp on lp.user_id = u.id
where lp.agency_id = $1 and lp.completed_at >= $2 and u.team_id = $3
group by 1`,

  FUNNEL: `with ${MEMBER}, ${CURRENT}
select lp.lesson_id as "lessonId", count(*) as started, sum((lp.completed_at is not null)::int) as completed,
  sum((lp.completed_revision < cur.revision)::int) as outdated
from lesson_progress lp join cur on cur.lesson_id = lp.lesson_id and cur.course_id = lp.course_id
where lp.agency_id = :agency::int and lp.course_id = :course::text and lp.user_id in (select id from member)
group by lp.lesson_id`,

  QUIZ: `with ${MEMBER}
select lp.lesson_id as "lessonId", count(*) as attempts, sum(lp.passed::int) as passed,
  count(distinct lp.user_id) as people, sum(lp."right") as "rightAnswers", sum(lp.total) as questions
from quiz_attempts lp
where lp.agency_id = :agency::int and lp.course_id = :course::text and lp.user_id in (select id from member)
group by lp.lesson_id`,
};
