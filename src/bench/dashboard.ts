/**
 * `npm run bench:dashboard`: generates (with a progress bar) a SQLite
 * database of 50 agencies, 50,000 participants, 40 courses × 10 lessons and
 * ~5 million lesson-progress rows in a temporary folder, then measures the
 * manager dashboard and the CSV export for an agency of 2,000 participants
 * (p50/p95 server time over repeated runs, calling the same server
 * functions the pages call), counts the queries per dashboard render, and
 * prints EXPLAIN QUERY PLAN for each. A full-table SCAN of a big table fails
 * the run. Not part of `npm test`.
 *
 * With required courses in place (#17): two assignments in the measured
 * agency, and the dashboard filtered by one of them measured too.
 *
 * BENCH_PARTICIPANTS, BENCH_RUNS and BENCH_KEEP=1 (keep the database) tune it;
 * BENCH_DB=<path> measures a kept database again without generating one
 * (migrating it first, so a database kept before a migration is upgraded).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrate, openDatabase, type Db } from '#db/client.ts';
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
import { activityStart, progressFromSums, type ReportCourse } from '#lib/team-report/team-progress.ts';
import { seededRandom as random } from '#lib/seeded-random.ts';
import { createAssignment } from '#lib/assignments/assignments.ts';
import { complianceRows } from '#lib/assignments/compliance-rows.ts';
import { utcDay } from '#lib/assignments/compliance.ts';

process.env.KOMPETENSNAV_QUIET_LOG ??= '1';
const AGENCIES = 50;
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 50_000);
const BIG_AGENCY = Math.min(2_000, PARTICIPANTS);
const TEAMS_PER_AGENCY = 10;
const COURSES = 40;
const LESSONS = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BIG_TABLES = [
  'lesson_progress',
  'course_progress_summary',
  'users',
  'quiz_attempts',
  'course_completions',
  'audit_log',
];

/** 40 courses × 10 lessons; every fifth lesson is on revision 2, so old completions show as outdated. */
const catalogue: ReportCourse[] = Array.from({ length: COURSES }, (_, c) => ({
  id: `kurs-${c + 1}`,
  title: `Kurs ${c + 1}`,
  lessons: Array.from({ length: LESSONS }, (_, l) => ({
    id: `kurs-${c + 1}/lektion-${l + 1}`,
    title: `Lektion ${l + 1}`,
    revision: l % 5 === 4 ? 2 : 1,
  })),
}));

function progressBar(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const text = `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / total) * 100)} % (${done.toLocaleString('sv-SE')}/${total.toLocaleString('sv-SE')})`;
  if (process.stdout.isTTY || done === total) process.stdout.write(text + (done === total ? '\n' : ''));
}

/** Agencies, teams, participants (agency 1 has BIG_AGENCY of them) and one agency manager per agency. */
function seedPeople(db: Db): { managerOfBig: SessionUser } {
  const c = db.$client;
  const insAgency = c.prepare('insert into agencies (name, code) values (?, ?)');
  const insTeam = c.prepare('insert into teams (agency_id, name) values (?, ?)');
  const insUser = c.prepare(
    'insert into users (name, email, agency_id, team_id, role, manager_scope) values (?, ?, ?, ?, ?, ?)',
  );
  let manager: SessionUser | null = null;
  c.transaction(() => {
    const rest = Math.ceil((PARTICIPANTS - BIG_AGENCY) / (AGENCIES - 1));
    let made = 0;
    for (let a = 1; a <= AGENCIES; a++) {
      const agencyId = Number(insAgency.run(`Myndighet ${a}`, `M${a}`).lastInsertRowid);
      const teams = Array.from({ length: TEAMS_PER_AGENCY }, (_, t) =>
        Number(insTeam.run(agencyId, `Team ${t + 1}`).lastInsertRowid),
      );
      const count = a === 1 ? BIG_AGENCY : Math.min(rest, PARTICIPANTS - made);
      for (let i = 0; i < count; i++, made++)
        insUser.run(`Deltagare ${made}`, `d${made}@m${a}.example`, agencyId, teams[i % teams.length], 'learner', null);
      const id = Number(
        insUser.run(`Chef ${a}`, `chef@m${a}.example`, agencyId, null, 'manager', 'agency').lastInsertRowid,
      );
      if (a === 1)
        manager = {
          id,
          name: `Chef ${a}`,
          email: `chef@m${a}.example`,
          agencyId,
          teamId: null,
          role: 'manager',
          managerScope: 'agency',
        };
    }
  })();
  return { managerOfBig: manager! };
}

/** ~100 lesson rows per participant: ~18 courses each, reaching a random lesson; big transactions. */
function seedProgress(db: Db): number {
  const c = db.$client;
  const ins = c.prepare(
    'insert into lesson_progress (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at, completed_at, completed_revision) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const people = c.prepare("select id, agency_id as agencyId from users where role = 'learner' order by id").all() as {
    id: number;
    agencyId: number;
  }[];
  const rnd = random(7);
  const now = Date.now();
  let rows = 0;
  const BATCH = 2_000;
  for (let start = 0; start < people.length; start += BATCH) {
    c.transaction(() => {
      for (const p of people.slice(start, start + BATCH)) {
        for (const course of catalogue) {
          if (rnd() > 0.45) continue;
          const reach = 1 + Math.floor(rnd() * LESSONS);
          let day = now - Math.floor(rnd() * 120 + 1) * 86_400_000;
          for (let l = 0; l < reach; l++) {
            const lesson = course.lessons[l];
            const started = new Date(day).toISOString();
            day = Math.min(now, day + Math.floor(rnd() * 2 * 86_400_000));
            const completed = l < reach - 1 || rnd() < 0.5;
            const at = new Date(day).toISOString();
            const revision = completed ? (lesson.revision > 1 && rnd() < 0.4 ? 1 : lesson.revision) : null;
            ins.run(p.id, p.agencyId, course.id, lesson.id, started, at, completed ? at : null, revision);
            rows++;
          }
        }
      }
    })();
    progressBar('Framsteg', Math.min(start + BATCH, people.length), people.length);
  }
  return rows;
}

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

/** EXPLAIN QUERY PLAN for a statement (parameters bound as null: the plan does not depend on them). */
function plan(client: Database.Database, sql: string): string[] {
  const named = [...sql.matchAll(/[:@$]([a-z_]+)/gi)].map((m) => m[1]);
  const params =
    named.length > 0 ? [Object.fromEntries(named.map((n) => [n, null]))] : (sql.match(/\?/g) ?? []).map(() => null);
  return (client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** Generates the database (the triggers keep the report summaries as rows arrive, as in production). */
function generate(path: string): { managerOfBig: SessionUser; rows: number } {
  const gen = openDatabase(path);
  migrate(gen);
  gen.$client.pragma('synchronous = OFF');
  const { managerOfBig } = seedPeople(gen);
  const rows = seedProgress(gen);
  gen.$client.pragma('analysis_limit = 1000');
  gen.$client.exec('analyze');
  gen.$client.pragma('wal_checkpoint(TRUNCATE)');
  gen.$client.close();
  return { managerOfBig, rows };
}

/** Opens a database kept by an earlier run (BENCH_DB), applying any newer migrations first. */
function reuse(path: string): { managerOfBig: SessionUser; rows: number } {
  const old = openDatabase(path);
  const t = performance.now();
  migrate(old);
  console.log(`Migrering av befintlig databas: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const c = old.$client;
  const manager = c
    .prepare(
      "select id, name, email, agency_id as agencyId, team_id as teamId, role, manager_scope as managerScope from users where email = 'chef@m1.example'",
    )
    .get() as SessionUser;
  const rows = (c.prepare('select count(*) as n from lesson_progress').get() as { n: number }).n;
  c.pragma('wal_checkpoint(TRUNCATE)');
  c.close();
  return { managerOfBig: manager, rows };
}

const reused = process.env.BENCH_DB;
const dir = reused ? null : mkdtempSync(join(tmpdir(), 'kompetensnav-bench-dashboard-'));
const path = reused ?? join(dir!, 'bench.db');
let failed = false;
try {
  const t0 = performance.now();
  const { managerOfBig, rows } = reused ? reuse(path) : generate(path);
  const size = statSync(path).size;
  console.log(
    `Databas: ${AGENCIES} myndigheter, ${PARTICIPANTS.toLocaleString('sv-SE')} deltagare, ${COURSES}×${LESSONS} lektioner, ${rows.toLocaleString('sv-SE')} framstegsrader, ${(size / 1024 / 1024).toFixed(0)} MB, ${reused ? 'återanvänd' : 'skapad'} på ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const sizes = new Database(path, { readonly: true });
  const count = (table: string) =>
    (sizes.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n.toLocaleString('sv-SE');
  console.log(
    `Sammanfattningar (hålls av triggrar): ${count('course_progress_summary')} rader deltagare × kurs, ${count('agency_daily_completions')} rader myndighet × dag`,
  );
  sizes.close();

  // Measure through a connection set up as the server's (openDatabase's pragmas) that also counts every statement it runs.
  const executed: string[] = [];
  const db = openDatabase(path, { verbose: (sql) => executed.push(String(sql)) });
  const client = db.$client;
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

  console.log('\nFrågeplaner (EXPLAIN QUERY PLAN):');
  // The export's full-matrix queries, and the course page's funnel and knowledge-check queries too (agency first, like the dashboard's).
  for (const sql of new Set([...queries, SUMMARY_SQL, OUTDATED_SQL, RECOUNT_SQL, FUNNEL_SQL, QUIZ_SQL])) {
    const lines = plan(client, sql);
    console.log(`- ${sql.replace(/\s+/g, ' ').slice(0, 110)}…`);
    for (const l of lines) {
      const full = new RegExp(`^SCAN (${BIG_TABLES.join('|')}|lp|cur|s|u)\\b(?!.*USING)`).test(l);
      if (full) failed = true;
      console.log(`    ${full ? 'FEL: hel tabell läses ' : ''}${l}`);
    }
  }
  client.close();
  const targets = [views.every((v) => v.p95 <= 100), csv.p95 <= 500];
  console.log(
    `\nMål: översikt ≤ 100 ms p95 ${targets[0] ? 'uppfyllt' : 'EJ uppfyllt'}; CSV ≤ 500 ms p95 ${targets[1] ? 'uppfyllt' : 'EJ uppfyllt'}; inga helscanningar ${failed ? 'EJ uppfyllt' : 'uppfyllt'}.`,
  );
  if (failed || targets.includes(false)) process.exitCode = 1;
} finally {
  if (dir && process.env.BENCH_KEEP === '1') console.log(`Databasen sparad: ${path}`);
  else if (dir) rmSync(dir, { recursive: true, force: true });
}
