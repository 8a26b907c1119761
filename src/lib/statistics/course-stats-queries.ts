/**
 * Database reads behind the trainer's course statistics: one query per
 * section, counted in SQL where possible. Nothing here returns a name, an
 * e-mail or a user id: quiz attempts carry an opaque participant number
 * (a rank, not the id), feedback only its answer and comment. Suppression
 * of small groups happens in the pure functions of reports/course-stats.ts.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { rawAll, type DialectSql } from '#db/sql.ts';
import { courseCompletions, lessonFeedback, lessonProgress, quizAttempts } from '#db/schema.ts';
import {
  agencySummary,
  attemptsToPass,
  completionsByMonth,
  feedbackSummary,
  lessonFunnel,
  parseStoredAnswers,
  parseStoredShown,
  questionStats,
  type AgencyCounts,
  type AttemptRow,
  type CourseStatistics,
} from './course-stats.ts';

/** A lesson as the statistics need it: id and current revision. */
export interface StatsLesson {
  id: string;
  revision: number;
}

/** The agency counts, per engine; :lessons is a JSON array of [lesson id, current revision]. */
const agencyCountsSql = (current: string): string => `with cur(lesson_id, revision) as (${current})
select a.name as agency,
  count(distinct lp.user_id) as started,
  count(distinct case when lp.completed_revision < cur.revision then lp.user_id end) as outdated,
  (select count(*) from course_completions cc where cc.course_id = :course and cc.agency_id = lp.agency_id) as completed
from lesson_progress lp
join cur on cur.lesson_id = lp.lesson_id
join agencies a on a.id = lp.agency_id
where lp.course_id = :course
group by lp.agency_id, a.name`;

const AGENCY_COUNTS: DialectSql = {
  sqlite: agencyCountsSql('select value ->> 0, value ->> 1 from json_each(:lessons)'),
  postgres: agencyCountsSql(
    'select e ->> 0, cast(e ->> 1 as integer) from jsonb_array_elements(cast(:lessons as jsonb)) e',
  ),
};

/** Per agency: participants who started the course, completed it, and hold a completion on an older lesson revision. */
export async function agencyCounts(db: Db, courseId: string, lessons: StatsLesson[]): Promise<AgencyCounts[]> {
  if (lessons.length === 0) return [];
  const rows = await rawAll<{ agency: string; started: number; outdated: number; completed: number }>(
    db,
    AGENCY_COUNTS,
    { course: courseId, lessons: JSON.stringify(lessons.map((l) => [l.id, l.revision])) },
  );
  return rows.map((r) => ({
    agency: r.agency,
    started: Number(r.started),
    completed: Number(r.completed),
    outdated: Number(r.outdated),
  }));
}

/** Per lesson: participants who started and who completed it (any revision). */
export async function lessonCounts(
  db: Db,
  courseId: string,
): Promise<{ lessonId: string; started: number; completed: number }[]> {
  return await db
    .select({
      lessonId: lessonProgress.lessonId,
      started: sql<number>`count(*)`,
      completed: sql<number>`count(${lessonProgress.completedAt})`,
    })
    .from(lessonProgress)
    .where(eq(lessonProgress.courseId, courseId))
    .groupBy(lessonProgress.lessonId);
}

/** Course completions per calendar month (UTC). */
export async function completionMonths(db: Db, courseId: string): Promise<{ month: string; n: number }[]> {
  return await db
    .select({ month: sql<string>`substr(${courseCompletions.completedAt}, 1, 7)`, n: sql<number>`count(*)` })
    .from(courseCompletions)
    .where(eq(courseCompletions.courseId, courseId))
    .groupBy(sql`1`);
}

/**
 * Every attempt at the course's knowledge checks (the end-of-course case's
 * included, as `<kurs>/slutfall`) on each check's current revision, by
 * lesson, with the pool positions each attempt showed.
 */
export async function quizAttemptsByLesson(
  db: Db,
  courseId: string,
  lessons: StatsLesson[],
): Promise<Map<string, AttemptRow[]>> {
  const current = new Map(lessons.map((l) => [l.id, l.revision]));
  const rows = await db
    .select({
      userId: quizAttempts.userId,
      lessonId: quizAttempts.lessonId,
      revision: quizAttempts.revision,
      at: quizAttempts.attemptedAt,
      id: quizAttempts.id,
      answers: quizAttempts.answers,
      passed: quizAttempts.passed,
      shown: quizAttempts.shown,
    })
    .from(quizAttempts)
    .where(eq(quizAttempts.courseId, courseId));
  // Opaque participant numbers: the order of first appearance, never the user id.
  const opaque = new Map<number, number>();
  const byLesson = new Map<string, AttemptRow[]>();
  for (const r of rows) {
    if (current.get(r.lessonId) !== r.revision) continue;
    if (!opaque.has(r.userId)) opaque.set(r.userId, opaque.size + 1);
    const list = byLesson.get(r.lessonId) ?? [];
    list.push({
      participant: opaque.get(r.userId)!,
      at: r.at,
      id: r.id,
      answers: parseStoredAnswers(r.answers),
      passed: r.passed,
      shown: parseStoredShown(r.shown),
    });
    byLesson.set(r.lessonId, list);
  }
  return byLesson;
}

/** Every feedback answer in the course, by lesson: yes/no and comment only. */
export async function feedbackByLesson(
  db: Db,
  courseId: string,
): Promise<Map<string, { helpful: boolean; comment: string | null }[]>> {
  const rows = await db
    .select({ lessonId: lessonFeedback.lessonId, helpful: lessonFeedback.helpful, comment: lessonFeedback.comment })
    .from(lessonFeedback)
    .where(eq(lessonFeedback.courseId, courseId));
  const byLesson = new Map<string, { helpful: boolean; comment: string | null }[]>();
  for (const r of rows)
    byLesson.set(r.lessonId, [...(byLesson.get(r.lessonId) ?? []), { helpful: r.helpful, comment: r.comment }]);
  return byLesson;
}

/** Per course id: participants who started it and who completed it (two grouped queries). */
export async function courseTotals(db: Db): Promise<Map<string, { started: number; completed: number }>> {
  const started = await db
    .select({ courseId: lessonProgress.courseId, n: sql<number>`count(distinct ${lessonProgress.userId})` })
    .from(lessonProgress)
    .groupBy(lessonProgress.courseId);
  const completed = await db
    .select({ courseId: courseCompletions.courseId, n: sql<number>`count(*)` })
    .from(courseCompletions)
    .groupBy(courseCompletions.courseId);
  const totals = new Map(started.map((r) => [r.courseId, { started: r.n, completed: 0 }]));
  for (const r of completed) totals.set(r.courseId, { started: totals.get(r.courseId)?.started ?? 0, completed: r.n });
  return totals;
}

/** A course as the statistics read it from the catalogue. */
export interface StatsCourse {
  id: string;
  title: string;
  lessons: {
    id: string;
    title: string;
    revision: number;
    quiz: { question: string; options: { text: string }[]; answer: number }[];
  }[];
}

/** Every section of a course's statistics, suppressed and ready for the page and the CSV. */
export async function courseStatistics(db: Db, course: StatsCourse, now = new Date()): Promise<CourseStatistics> {
  const lessons = course.lessons.map((l) => ({ id: l.id, revision: l.revision }));
  const [agencies, lessonRows, months, attempts, feedback] = await Promise.all([
    agencyCounts(db, course.id, lessons),
    lessonCounts(db, course.id),
    completionMonths(db, course.id),
    quizAttemptsByLesson(db, course.id, lessons),
    feedbackByLesson(db, course.id),
  ]);
  return {
    courseId: course.id,
    title: course.title,
    participants: agencySummary(agencies),
    funnel: lessonFunnel(course.lessons, lessonRows),
    months: completionsByMonth(months, now),
    quizzes: course.lessons
      .filter((l) => l.quiz.length > 0)
      .map((l) => {
        const list = attempts.get(l.id) ?? [];
        const quiz = l.quiz.map((q) => ({
          question: q.question,
          options: q.options.map((o) => o.text),
          answer: q.answer,
        }));
        return { lessonId: l.id, title: l.title, questions: questionStats(quiz, list), attempts: attemptsToPass(list) };
      }),
    feedback: course.lessons.map((l) => ({
      lessonId: l.id,
      title: l.title,
      ...feedbackSummary(feedback.get(l.id) ?? []),
    })),
  };
}
