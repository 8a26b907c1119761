/**
 * `npm run bench:dashboard`: generates (with a progress bar) a database of
 * 50 agencies, 50,000 participants, 40 courses × 10 lessons and ~5 million
 * lesson-progress rows (./dashboard-data.ts), then measures the manager
 * dashboard and the CSV export for an agency of 2,000 participants (p50/p95
 * over repeated runs, calling the same server functions the pages call),
 * counts the queries per dashboard render, and prints each query's plan. A
 * full-table scan of a big table fails the run. Not part of `npm test`.
 *
 * SQLite by default (a file in a temporary folder); DATABASE_URL=postgres://…
 * measures PostgreSQL (an empty database is filled; a database filled by an
 * earlier run is measured again as it is).
 *
 * With required courses in place (#17): two assignments in the measured
 * agency, and the dashboard filtered by one of them measured too.
 *
 * BENCH_PARTICIPANTS, BENCH_RUNS and BENCH_KEEP=1 (keep the SQLite file)
 * tune it; BENCH_DB=<path> measures a kept SQLite file again without
 * generating one (migrating it first, so a file kept before a migration is
 * upgraded).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { closeDatabase, migrate, openDatabase, openPostgresDatabase, type Db } from '#db/client.ts';
import { isPostgresUrl, migratePostgres, type PgRouter } from '#db/postgres/open.ts';
import { rawAll } from '#db/sql.ts';
import { users } from '#db/schema.ts';
import type { SessionUser } from '#lib/auth/session.ts';
import {
  completedPairs,
  completionsPerDay,
  courseStarted,
  FUNNEL_SQL,
  OUTDATED_SQL,
  participantAggregates,
  participantSums,
  QUIZ_SQL,
  RECOUNT_SQL,
  resolveReportScope,
  SUMMARY_SQL,
  teamDashboard,
  teamMatrix,
} from '#lib/team-report/team-report.ts';
import { selectRows, type TeamQuery } from '#lib/team-report/team-query.ts';
import { teamCsv } from '#lib/team-report/team-csv.ts';
import { activityStart, progressFromSums } from '#lib/team-report/team-progress.ts';
import { createAssignment } from '#lib/assignments/assignments.ts';
import { complianceRows } from '#lib/assignments/compliance-rows.ts';
import { utcDay } from '#lib/assignments/compliance.ts';
import {
  AGENCIES,
  catalogue,
  COURSES,
  generatePostgres,
  generateSqlite,
  LESSONS,
  MANAGER_EMAIL,
  PARTICIPANTS,
} from './dashboard-data.ts';

process.env.KOMPETENSNAV_QUIET_LOG ??= '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BIG_TABLES = [
  'lesson_progress',
  'course_progress_summary',
  'users',
  'quiz_attempts',
  'course_completions',
  'audit_log',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(label: string, runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up: statement preparation, page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const result = { p50: percentile(times, 50), p95: percentile(times, 95) };
  console.log(`${label}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (${runs} körningar)`);
  return result;
}

/** A statement the measured connection ran, with its parameters (PostgreSQL; SQLite binds nulls for its plan). */
interface Executed {
  text: string;
  values: unknown[];
}

/** SQLite's EXPLAIN QUERY PLAN for a statement (parameters bound as null: the plan does not depend on them). */
function sqlitePlan(client: Database.Database, sql: string): string[] {
  const named = [...sql.matchAll(/[:@$]([a-z_]+)/gi)].map((m) => m[1]);
  const params =
    named.length > 0 ? [Object.fromEntries(named.map((n) => [n, null]))] : (sql.match(/\?/g) ?? []).map(() => null);
  return (client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** PostgreSQL's EXPLAIN for a statement with the values it ran with. */
async function postgresPlan(router: PgRouter, statement: Executed): Promise<string[]> {
  const result = await router.pool.query(`explain ${statement.text}`, statement.values);
  return result.rows.map((r: Record<string, string>) => r['QUERY PLAN']);
}

/** A plan line that reads a whole big table. */
function fullScan(line: string, postgres: boolean): boolean {
  if (postgres) return new RegExp(`Seq Scan on (${BIG_TABLES.join('|')})\\b`).test(line);
  return new RegExp(`^SCAN (${BIG_TABLES.join('|')}|lp|cur|s|u)\\b(?!.*USING)`).test(line);
}

/** SQLite: generates the file (the triggers keep the report summaries as rows arrive, as in production). */
function generate(path: string): number {
  const gen = openDatabase(path);
  migrate(gen);
  gen.$client.pragma('synchronous = OFF');
  const rows = generateSqlite(gen);
  gen.$client.pragma('analysis_limit = 1000');
  gen.$client.exec('analyze');
  gen.$client.pragma('wal_checkpoint(TRUNCATE)');
  gen.$client.close();
  return rows;
}

/** SQLite: opens a database kept by an earlier run (BENCH_DB), applying any newer migrations first. */
function reuse(path: string): void {
  const old = openDatabase(path);
  const t = performance.now();
  migrate(old);
  console.log(`Migrering av befintlig databas: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  old.$client.pragma('wal_checkpoint(TRUNCATE)');
  old.$client.close();
}

/** The engine: DATABASE_URL=postgres://… (an empty database, or one an earlier run filled), else a SQLite file. */
const postgresUrl = isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;
const reused = postgresUrl ? null : process.env.BENCH_DB;
const dir = reused || postgresUrl ? null : mkdtempSync(join(tmpdir(), 'kompetensnav-bench-dashboard-'));
const path = reused ?? (dir ? join(dir, 'bench.db') : '');

/** Makes (or reuses) the data; returns a handle that records every statement it runs. */
async function prepare(): Promise<{ db: Db; executed: Executed[]; made: string }> {
  const t0 = performance.now();
  const executed: Executed[] = [];
  if (postgresUrl) {
    await migratePostgres(postgresUrl);
    const db = openPostgresDatabase(postgresUrl, { max: 4 });
    const [{ n }] = await rawAll<{ n: number }>(db, 'select count(*) as n from agencies', []);
    if (n === 0) await generatePostgres(postgresUrl);
    const router = db.$client as unknown as PgRouter;
    const query = router.query.bind(router);
    router.query = (config, values) => {
      const text = typeof config === 'string' ? config : config.text;
      executed.push({ text, values: values ?? (typeof config === 'string' ? [] : (config.values ?? [])) });
      return query(config, values);
    };
    const made = `${n === 0 ? 'skapad' : 'återanvänd'} på ${((performance.now() - t0) / 1000).toFixed(0)} s`;
    return { db, executed, made };
  }
  if (reused) reuse(path);
  else generate(path);
  const db = openDatabase(path, { verbose: (sql) => executed.push({ text: String(sql), values: [] }) });
  return {
    db,
    executed,
    made: `${reused ? 'återanvänd' : 'skapad'} på ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  };
}

let failed = false;
try {
  const { db, executed, made } = await prepare();
  const count = async (table: string) =>
    (await rawAll<{ n: number }>(db, `select count(*) as n from ${table}`, []))[0].n.toLocaleString('sv-SE');
  const [{ bytes }] = postgresUrl
    ? await rawAll<{ bytes: number }>(db, 'select pg_database_size(current_database()) as bytes', [])
    : [{ bytes: statSync(path).size }];
  console.log(
    `Databas (${postgresUrl ? 'PostgreSQL' : 'SQLite'}): ${AGENCIES} myndigheter, ${PARTICIPANTS.toLocaleString('sv-SE')} deltagare, ${COURSES}×${LESSONS} lektioner, ${await count('lesson_progress')} framstegsrader, ${(bytes / 1024 / 1024).toFixed(0)} MB, ${made}`,
  );
  console.log(
    `Sammanfattningar: ${await count('course_progress_summary')} rader deltagare × kurs, ${await count('agency_daily_completions')} rader myndighet × dag`,
  );
  const [manager] = await db
    .select({ id: users.id, name: users.name, email: users.email, agencyId: users.agencyId, teamId: users.teamId })
    .from(users)
    .where(eq(users.email, MANAGER_EMAIL));
  const managerOfBig: SessionUser = { ...manager, role: 'manager', managerScope: 'agency' };
  const now = new Date();

  // What the dashboard page does: resolve the scope, then the dashboard for the query.
  const render = async (query: TeamQuery = { sort: 'framsteg' }, ask: { team?: number } = {}) => {
    const scope = await resolveReportScope(db, managerOfBig, ask);
    if (scope.kind !== 'ok') throw new Error(`scope: ${scope.kind}`);
    return { scope: scope.scope, dashboard: await teamDashboard(db, scope.scope, catalogue, query, now) };
  };
  const first = await render();
  console.log(
    `Myndighet 1: ${first.dashboard.participants.toLocaleString('sv-SE')} deltagare, sida 1 av ${first.dashboard.page.pages} med ${first.dashboard.page.rows.length} rader × ${COURSES} kurser`,
  );
  // Required courses in place (#17): an agency-wide path and a team assignment in the measured agency.
  const assigner = { user: managerOfBig, ip: null };
  const required = await createAssignment(
    db,
    assigner,
    { type: 'agency', agencyId: managerOfBig.agencyId },
    { courseIds: [catalogue[0].id, catalogue[1].id], dueDate: utcDay(now), recurrenceMonths: 12 },
  );
  await createAssignment(
    db,
    assigner,
    { type: 'team', agencyId: managerOfBig.agencyId, teamId: first.scope.teams[0].id },
    { courseIds: [catalogue[2].id], dueDate: utcDay(now), recurrenceMonths: null },
  );
  executed.length = 0;
  await render();
  const queries = [...executed];
  console.log(`Frågor per visning av översikten: ${queries.length} (oberoende av antalet deltagare: inga N+1)`);

  console.log('Delarna var för sig:');
  const parts = first.scope;
  const sums = await participantSums(db, parts, catalogue);
  const completed = await completedPairs(db, parts, catalogue);
  const pageIds = first.dashboard.page.rows.map((r) => r.participant.id);
  await measure('  per deltagare, summerat (fråga)', RUNS, () => participantSums(db, parts, catalogue));
  await measure('  påbörjat per kurs (fråga)', RUNS, () => courseStarted(db, parts, catalogue));
  await measure(`  avklarade kurser, ${completed.length} par (fråga)`, RUNS, () =>
    completedPairs(db, parts, catalogue),
  );
  await measure('  aktivitet (fråga)', RUNS, () => completionsPerDay(db, parts, activityStart(now)));
  await measure('  filtrera, sortera och sidindela (JS)', RUNS, async () =>
    selectRows(progressFromSums(sums, completed, catalogue), { sort: 'framsteg' }, now),
  );
  await measure('  sidans 50 × 40 celler (fråga)', RUNS, () => participantAggregates(db, parts, catalogue, pageIds));
  const views = [
    await measure('Översikt + matris sorterad på framsteg (myndighet, 2 000 deltagare)', RUNS, () => render()),
  ];
  views.push(await measure('Översikt + matris, standardvisningen i namnordning', RUNS, () => render({})));
  const focus = catalogue[3].id;
  views.push(
    await measure('Översikt + matris filtrerad på kurs och status', RUNS, () =>
      render({ kurs: focus, status: 'started', sort: 'aktivitet' }),
    ),
  );
  views.push(
    await measure('Översikt + matris filtrerad på en obligatorisk kursväg (hela myndigheten)', RUNS, async () => {
      const ids = new Set(catalogue.map((c) => c.id));
      const rows = await complianceRows(db, { agencyId: parts.agencyId, assignmentId: required }, ids, utcDay(now));
      return teamDashboard(db, parts, catalogue, {}, now, new Set(rows.map((r) => r.userId)));
    }),
  );
  const teamId = first.scope.teams[0].id;
  executed.length = 0;
  await render({}, { team: teamId });
  queries.push(...executed);
  views.push(await measure('Översikt + matris (ett team, 200 deltagare)', RUNS, () => render({}, { team: teamId })));
  let csvBytes = 0;
  const csv = await measure('CSV-export (hela myndigheten)', Math.max(5, Math.floor(RUNS / 3)), async () => {
    const { rows } = await teamMatrix(db, parts, catalogue);
    csvBytes = Buffer.byteLength(teamCsv(rows, catalogue));
  });
  console.log(`CSV: ${(csvBytes / 1024 / 1024).toFixed(1)} MB`);
  executed.length = 0;
  await teamMatrix(db, parts, catalogue);
  queries.push(...executed);

  console.log(`\nFrågeplaner (${postgresUrl ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'}):`);
  const explained = new Set<string>();
  // SQLite: also the course page's funnel and knowledge-check queries (agency first, like the dashboard's).
  const extra = postgresUrl ? [] : [SUMMARY_SQL, OUTDATED_SQL, RECOUNT_SQL, FUNNEL_SQL, QUIZ_SQL];
  for (const statement of [...queries, ...extra.map((text) => ({ text, values: [] }))]) {
    if (explained.has(statement.text)) continue;
    explained.add(statement.text);
    const lines = postgresUrl
      ? await postgresPlan(db.$client as unknown as PgRouter, statement)
      : sqlitePlan(db.$client, statement.text);
    console.log(`- ${statement.text.replace(/\s+/g, ' ').slice(0, 110)}…`);
    for (const l of lines) {
      const full = fullScan(l, !!postgresUrl);
      if (full) failed = true;
      console.log(`    ${full ? 'FEL: hel tabell läses ' : ''}${l}`);
    }
  }
  await closeDatabase(db);
  const targets = [views.every((v) => v.p95 <= 100), csv.p95 <= 500];
  console.log(
    `\nMål: översikt ≤ 100 ms p95 ${targets[0] ? 'uppfyllt' : 'EJ uppfyllt'}; CSV ≤ 500 ms p95 ${targets[1] ? 'uppfyllt' : 'EJ uppfyllt'}; inga helscanningar ${failed ? 'EJ uppfyllt' : 'uppfyllt'}.`,
  );
  if (failed || targets.includes(false)) process.exitCode = 1;
} finally {
  if (dir && process.env.BENCH_KEEP === '1') console.log(`Databasen sparad: ${path}`);
  else if (dir) rmSync(dir, { recursive: true, force: true });
}
