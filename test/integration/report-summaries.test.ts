/**
 * The report summaries (course_progress_summary, agency_daily_completions)
 * are kept by SQL triggers (migration 0006): after every kind of write to
 * lesson_progress — visits, completions, re-completions on a new revision,
 * knowledge checks, demo seeding, odd direct updates, single deletes and
 * cascaded user deletions (GDPR) — they equal the aggregate computed from
 * lesson_progress itself; the migration backfills an existing database; and
 * the dashboard's aggregates built on them equal the per-lesson computation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { migrate as runMigrations } from 'drizzle-orm/better-sqlite3/migrator';
import { memoryDb, row, rows, TEST_ENGINE } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import { migrate, openDatabase, type Db } from '#db/client.ts';
import { lessonProgress, users } from '#db/schema.ts';
import { completeLesson, recordAttempt, recordVisit, type CourseRef, type LessonRef } from '#lib/progress/progress.ts';
import { seedDemoProgress } from '#lib/demo/demo-progress.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { fail, pass } from '../helpers/grades.ts';
import {
  courseAggregates,
  completionsPerDay,
  resolveReportScope,
  teamDashboard,
  teamOverview,
  type ReportScope,
} from '#lib/team-report/team-report.ts';
import { PAGE_SIZE, selectRows, type TeamQuery } from '#lib/team-report/team-query.ts';
import { participantProgress, type CourseAggregate, type ReportCourse } from '#lib/team-report/team-progress.ts';
import { seededRandom } from '#lib/seeded-random.ts';

const SUMMARY =
  'select agency_id, user_id, course_id, lessons_started, lessons_completed, last_activity_at from course_progress_summary order by 1, 2, 3';
const SUMMARY_FROM_ROWS = `select agency_id, user_id, course_id, count(*) as lessons_started, count(completed_at) as lessons_completed,
  max(last_visited_at) as last_activity_at from lesson_progress group by 1, 2, 3 order by 1, 2, 3`;
const DAILY = 'select agency_id, day, completions from agency_daily_completions order by 1, 2';
const DAILY_FROM_ROWS = `select agency_id, substr(completed_at, 1, 10) as day, count(*) as completions from lesson_progress
  where completed_at is not null group by 1, 2 order by 1, 2`;

/** The summaries equal what they summarise (and are not trivially empty unless lesson_progress is). */
async function expectSummariesExact(db: Db): Promise<void> {
  expect(await rows(db, SUMMARY)).toEqual(await rows(db, SUMMARY_FROM_ROWS));
  expect(await rows(db, DAILY)).toEqual(await rows(db, DAILY_FROM_ROWS));
}

const lesson = (slug: string, revision = 1, hasQuiz = false): LessonRef => ({
  courseId: 'k',
  lessonId: `k/${slug}`,
  revision,
  hasQuiz,
});
const course: CourseRef = { courseId: 'k', revision: 1, lessonIds: ['k/a', 'k/b', 'k/c'] };
const day = (d: number, h = 8) => new Date(Date.UTC(2026, 10, d, h));

let db: Db;
let f: Fixture;
beforeEach(async () => {
  db = memoryDb();
  f = await seedAccounts(db);
});

describe('report summaries kept by triggers', () => {
  it('follow visits, completions, knowledge checks and re-completions on a new revision', async () => {
    const [lena, bo] = [f.users.learnerA, f.users.learnerB];
    await recordVisit(db, lena, lesson('a'), day(1));
    await expectSummariesExact(db);
    await recordVisit(db, lena, lesson('a'), day(2));
    await completeLesson(db, lena, lesson('a'), course, day(3));
    await completeLesson(db, lena, lesson('a'), course, day(4)); // idempotent: stays on day 3
    await recordVisit(db, bo, lesson('b'), day(3));
    await completeLesson(db, lena, lesson('b', 1, true), course, day(5)); // a check not yet passed: only a visit
    await recordAttempt(db, lena, lesson('b', 1, true), course, [0], fail, day(6));
    await recordAttempt(db, lena, lesson('b', 1, true), course, [1], pass, day(7));
    await completeLesson(db, lena, lesson('c'), course, day(8)); // completes the course
    await expectSummariesExact(db);
    await completeLesson(db, lena, lesson('a', 2), course, day(20)); // lesson a changed: re-completed, moves to day 20
    await expectSummariesExact(db);
    const daily = await rows(
      db,
      `select day, completions from agency_daily_completions where agency_id = ${f.agencyA} order by day`,
    );
    expect(daily).toEqual([
      { day: '2026-11-07', completions: 1 },
      { day: '2026-11-08', completions: 1 },
      { day: '2026-11-20', completions: 1 },
    ]);
    expect(
      await row(
        db,
        `select lessons_started, lessons_completed from course_progress_summary where user_id = ${lena.id}`,
      ),
    ).toEqual({ lessons_started: 3, lessons_completed: 3 });
  });

  it('follow direct updates: an undone completion, a visit time going back, a row moved to another agency or participant', async () => {
    const lena = f.users.learnerA;
    for (const [i, slug] of ['a', 'b', 'c'].entries())
      await completeLesson(db, lena, lesson(slug), course, day(10 + i));
    const set = (values: Partial<typeof lessonProgress.$inferInsert>, slug: string) =>
      db
        .update(lessonProgress)
        .set(values)
        .where(eq(lessonProgress.lessonId, `k/${slug}`));
    await set({ completedAt: null, completedRevision: null }, 'a');
    await expectSummariesExact(db);
    await set({ lastVisitedAt: '2026-10-01T00:00:00.000Z' }, 'c'); // was the latest visit: the latest is now b's
    await expectSummariesExact(db);
    await set({ agencyId: f.agencyB }, 'b');
    await expectSummariesExact(db);
    await set({ userId: f.users.learnerB.id, courseId: 'm' }, 'b');
    await expectSummariesExact(db);
    await set({ completedAt: '2026-11-30T00:00:00.000Z', completedRevision: 1 }, 'a');
    await expectSummariesExact(db);
  });

  it('follow deletions: one lesson row, and every row of a deleted participant (GDPR)', async () => {
    const [lena, bo] = [f.users.learnerA, f.users.learnerB];
    for (const who of [lena, bo])
      for (const [i, slug] of ['a', 'b'].entries()) await completeLesson(db, who, lesson(slug), course, day(10 + i));
    await recordVisit(db, lena, lesson('c'), day(12));
    await db.delete(lessonProgress).where(eq(lessonProgress.lessonId, 'k/c'));
    await expectSummariesExact(db);
    await db.delete(users).where(eq(users.id, lena.id));
    await expectSummariesExact(db);
    const left = (table: string) => row(db, `select count(*) as n from ${table} where agency_id = ${f.agencyA}`);
    expect(await left('course_progress_summary')).toEqual({ n: 0 });
    expect(await left('agency_daily_completions')).toEqual({ n: 0 });
    await db.delete(lessonProgress);
    await expectSummariesExact(db);
  });

  it('follow the demo seeding of the real catalogue', async () => {
    const catalog = catalogFromFiles(process.cwd());
    const { lessons } = await seedDemoProgress(db, catalog, day(28));
    expect(lessons).toBeGreaterThan(0);
    await expectSummariesExact(db);
  });
});

// SQLite's history: PostgreSQL starts from its own first migration with the triggers in place.
describe.skipIf(TEST_ENGINE === 'postgres')('migration 0006 on an existing database (SQLite)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of db/migrations holding only the first `count` migrations. */
  function migrationsUpTo(count: number): string {
    dir = mkdtempSync(join(tmpdir(), 'kompetensnav-migrations-'));
    cpSync('db/migrations', dir, { recursive: true });
    const journalPath = join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    expect(journal.entries[count - 1].tag).toBe('0004_dashboard_indexes');
    journal.entries = journal.entries.slice(0, count);
    writeFileSync(journalPath, JSON.stringify(journal));
    return dir;
  }

  it('fills the summaries from the lesson rows already there', async () => {
    const old = openDatabase(':memory:');
    runMigrations(old, { migrationsFolder: migrationsUpTo(5) });
    const g = await seedAccounts(old);
    const insert = old.$client.prepare(
      'insert into lesson_progress (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at, completed_at, completed_revision) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(
      g.users.learnerA.id,
      g.agencyA,
      'k',
      'k/a',
      '2026-11-01T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
      1,
    );
    insert.run(
      g.users.learnerA.id,
      g.agencyA,
      'k',
      'k/b',
      '2026-11-03T08:00:00.000Z',
      '2026-11-04T08:00:00.000Z',
      null,
      null,
    );
    insert.run(
      g.users.learnerB.id,
      g.agencyB,
      'k',
      'k/a',
      '2026-11-01T08:00:00.000Z',
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T09:00:00.000Z',
      1,
    );
    migrate(old);
    expect(old.$client.prepare('select count(*) as n from course_progress_summary').get()).toEqual({ n: 2 });
    await expectSummariesExact(old);
    await recordVisit(old, g.users.learnerA, lesson('c'), day(20)); // and the triggers run from then on
    await expectSummariesExact(old);
  });
});

describe('dashboard aggregates on the summaries', () => {
  // Lesson ids below, between and above the current ones stand for lessons since removed from the course.
  const catalogue: ReportCourse[] = [
    { id: 'k', title: 'K', lessons: ['k/b', 'k/d', 'k/f'].map((id, i) => ({ id, title: id, revision: i + 1 })) },
    { id: 'm', title: 'M', lessons: ['m/1', 'm/2'].map((id) => ({ id, title: id, revision: 2 })) },
  ];
  const written = { k: ['k/a', 'k/b', 'k/c', 'k/d', 'k/f', 'k/g'], m: ['m/1', 'm/2', 'm/3'], gone: ['gone/1'] };

  /** The report's aggregate computed the old way, lesson row by lesson row, against the current revisions, for the scope's participants (active learners and managers). */
  async function fromLessonRows(scope: ReportScope): Promise<CourseAggregate[]> {
    const revision = new Map(catalogue.flatMap((c) => c.lessons.map((l) => [l.id, l.revision] as const)));
    const members = new Set(
      (await db.select().from(users))
        .filter(
          (u) =>
            u.agencyId === scope.agencyId &&
            (scope.teamId === null || u.teamId === scope.teamId) &&
            u.active &&
            (u.role === 'learner' || u.role === 'manager'),
        )
        .map((u) => u.id),
    );
    const rows = (await db.select().from(lessonProgress)).filter(
      (r) => r.agencyId === scope.agencyId && revision.has(r.lessonId) && members.has(r.userId),
    );
    const groups = Map.groupBy(rows, (r) => `${r.userId} ${r.courseId}`);
    return [...groups.values()].map((g) => ({
      userId: g[0].userId,
      courseId: g[0].courseId,
      touched: g.length,
      completed: g.filter((r) => r.completedAt !== null).length,
      outdated: g.filter((r) => r.completedRevision !== null && r.completedRevision < revision.get(r.lessonId)!).length,
      lastActivity: g
        .map((r) => r.lastVisitedAt)
        .sort()
        .at(-1)!,
    }));
  }
  const sorted = (a: CourseAggregate[]) =>
    [...a].sort((x, y) => x.userId - y.userId || x.courseId.localeCompare(y.courseId));

  it('equal the per-lesson computation for an agency and a team, with removed lessons and old revisions', async () => {
    const rnd = seededRandom(11);
    const people = await db.select().from(users);
    for (const p of people) {
      for (const [courseId, lessons] of Object.entries(written)) {
        for (const lessonId of lessons) {
          if (rnd() < 0.35) continue;
          const at = day(1 + Math.floor(rnd() * 27), Math.floor(rnd() * 24)).toISOString();
          const done = rnd() < 0.6;
          await db.insert(lessonProgress).values({
            userId: p.id,
            agencyId: p.agencyId,
            courseId,
            lessonId,
            startedAt: at,
            lastVisitedAt: at,
            completedAt: done ? at : null,
            completedRevision: done ? 1 + Math.floor(rnd() * 3) : null,
          });
        }
      }
    }
    await expectSummariesExact(db);
    for (const ask of [{}, { team: f.teamA1 }, { team: f.teamA2 }]) {
      const r = await resolveReportScope(db, f.users.agencyManagerA, ask);
      if (r.kind !== 'ok') throw new Error(r.kind);
      const expected = await fromLessonRows(r.scope);
      if (r.scope.teamId === null) expect(expected.length).toBeGreaterThan(5);
      expect(sorted(await courseAggregates(db, r.scope, catalogue))).toEqual(sorted(expected));
      const perDay = (await completionsPerDay(db, r.scope, day(1, 0))).sort((a, b) => a.at.localeCompare(b.at));
      const completions = (await db.select().from(lessonProgress)).filter(
        (x) =>
          x.agencyId === r.scope.agencyId &&
          x.completedAt !== null &&
          (r.scope.teamId === null || people.find((p) => p.id === x.userId)?.teamId === r.scope.teamId),
      );
      const days = Map.groupBy(completions, (x) => x.completedAt!.slice(0, 10));
      expect(perDay).toEqual(
        [...days].map(([at, xs]) => ({ at, n: xs.length })).sort((a, b) => a.at.localeCompare(b.at)),
      );
    }
  });

  it("the dashboard (scope-wide sums in SQL, then the page's cells) equals the full matrix for every filter and sort", async () => {
    // 60 more participants over both teams of agency A, some inactive, so pages, states and ties all occur.
    const extra = Array.from({ length: 60 }, (_, i) => ({
      name: `Deltagare ${String(i).padStart(2, '0')}`,
      email: `d${i}@a.example`,
      agencyId: f.agencyA,
      teamId: i % 2 ? f.teamA1 : f.teamA2,
      active: i % 13 !== 0,
    }));
    await db.insert(users).values(extra);
    const rnd = seededRandom(23);
    const lessons = Object.entries(written).flatMap(([courseId, ids]) =>
      ids.map((lessonId) => ({ courseId, lessonId })),
    );
    for (const p of await db.select().from(users)) {
      for (const { courseId, lessonId } of lessons) {
        if (rnd() < 0.45) continue;
        const at = day(1 + Math.floor(rnd() * 27), Math.floor(rnd() * 24)).toISOString();
        const done = rnd() < 0.75;
        await db.insert(lessonProgress).values({
          userId: p.id,
          agencyId: p.agencyId,
          courseId,
          lessonId,
          startedAt: at,
          lastVisitedAt: at,
          completedAt: done ? at : null,
          completedRevision: done ? 1 + Math.floor(rnd() * 3) : null,
        });
      }
    }
    const now = day(28, 12);
    const queries: TeamQuery[] = [
      {},
      { sort: 'framsteg' },
      { sort: 'aktivitet', ordning: 'stigande', sida: 2 },
      { status: 'not-started' },
      { status: 'started', sort: 'framsteg', ordning: 'stigande' },
      { status: 'completed' },
      { status: 'outdated', sort: 'aktivitet' },
      { kurs: 'k', status: 'completed' },
      { kurs: 'k', status: 'outdated' },
      { kurs: 'm', sort: 'framsteg', sida: 2 },
      { kurs: 'm', status: 'not-started' },
      { inaktiv: '1' },
    ];
    const states = new Set<string>();
    for (const ask of [{}, { team: f.teamA1 }]) {
      const r = await resolveReportScope(db, f.users.agencyManagerA, ask);
      if (r.kind !== 'ok') throw new Error(r.kind);
      const full = await teamOverview(db, r.scope, catalogue, now);
      for (const query of queries) {
        const dashboard = await teamDashboard(db, r.scope, catalogue, query, now);
        const expected = selectRows(
          full.rows.map((row) => participantProgress(row, query.kurs)),
          query,
          now,
          PAGE_SIZE,
        );
        const label = JSON.stringify({ ask, query });
        expect(dashboard.participants, label).toBe(full.participants.length);
        expect(dashboard.courses, label).toEqual(full.courses);
        expect(dashboard.activity, label).toEqual(full.activity);
        expect(
          { ...dashboard.page, rows: dashboard.page.rows.map((row) => participantProgress(row, query.kurs)) },
          label,
        ).toEqual(expected);
        const byId = new Map(full.rows.map((row) => [row.participant.id, row]));
        for (const row of dashboard.page.rows) {
          expect(row.cells, label).toEqual(byId.get(row.participant.id)!.cells);
          for (const cell of row.cells.values()) states.add(cell.state);
        }
        if (query.status && !query.kurs) expect(expected.matching, label).toBeGreaterThan(0);
      }
    }
    expect([...states].sort()).toEqual(['completed', 'not-started', 'outdated', 'started']);
  });
});
