/**
 * The data of `npm run bench:dashboard`, made the same way on both engines:
 * 50 agencies (agency 1 has BIG_AGENCY participants), 10 teams each, one
 * agency manager each, 40 courses × 10 lessons and ~100 lesson rows per
 * participant from one seeded random sequence, so SQLite and PostgreSQL
 * measure the same rows.
 *
 * SQLite: inserted through prepared statements in big transactions; the
 * summary triggers keep the report summaries as rows arrive, as in
 * production. PostgreSQL: loaded in multi-row statements with the triggers
 * off (session_replication_role = replica, as a bulk load or a restore
 * does), then the summaries are computed in one pass from the rows, exactly
 * as the migrations' backfill does; tests prove the triggers keep the same
 * sums row by row (report-summaries.test.ts on both engines).
 */
import pg from 'pg';
import type { Db } from '#db/client.ts';
import type { ReportCourse } from '#lib/team-report/team-progress.ts';
import { seededRandom as random } from '#lib/seeded-random.ts';

export const AGENCIES = 50;
export const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 50_000);
export const BIG_AGENCY = Math.min(2_000, PARTICIPANTS);
const TEAMS_PER_AGENCY = 10;
export const COURSES = 40;
export const LESSONS = 10;

/** 40 courses × 10 lessons; every fifth lesson is on revision 2, so old completions show as outdated. */
export const catalogue: ReportCourse[] = Array.from({ length: COURSES }, (_, c) => ({
  id: `kurs-${c + 1}`,
  title: `Kurs ${c + 1}`,
  lessons: Array.from({ length: LESSONS }, (_, l) => ({
    id: `kurs-${c + 1}/lektion-${l + 1}`,
    title: `Lektion ${l + 1}`,
    revision: l % 5 === 4 ? 2 : 1,
  })),
}));

/** The measured agency's manager (agency 1, whole-agency scope). */
export const MANAGER_EMAIL = 'chef@m1.example';

function progressBar(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const text = `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / total) * 100)} % (${done.toLocaleString('sv-SE')}/${total.toLocaleString('sv-SE')})`;
  if (process.stdout.isTTY || done === total) process.stdout.write(text + (done === total ? '\n' : ''));
}

/** One agency's people: its participants' numbers (for names and addresses) and how many. */
function agencyPlan(): { agency: number; first: number; count: number }[] {
  const rest = Math.ceil((PARTICIPANTS - BIG_AGENCY) / (AGENCIES - 1));
  const plan = [];
  let made = 0;
  for (let a = 1; a <= AGENCIES; a++) {
    const count = a === 1 ? BIG_AGENCY : Math.max(0, Math.min(rest, PARTICIPANTS - made));
    plan.push({ agency: a, first: made, count });
    made += count;
  }
  return plan;
}

/** A lesson_progress row: user, agency, course, lesson, started, last visited, completed, revision. */
type ProgressRow = [number, number, string, string, string, string, string | null, number | null];

/** ~18 courses per participant, each reached to a random lesson, over the last 120 days. */
function* progressRows(people: { id: number; agencyId: number }[], rnd: () => number): Generator<ProgressRow> {
  const now = Date.now();
  for (const p of people) {
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
        yield [p.id, p.agencyId, course.id, lesson.id, started, at, completed ? at : null, revision];
      }
    }
  }
}

const BATCH = 2_000;

/** SQLite: the people, then the progress rows (the triggers keep the summaries). */
export function generateSqlite(db: Db): number {
  const c = db.$client;
  const insAgency = c.prepare('insert into agencies (name, code) values (?, ?)');
  const insTeam = c.prepare('insert into teams (agency_id, name) values (?, ?)');
  const insUser = c.prepare(
    'insert into users (name, email, agency_id, team_id, role, manager_scope) values (?, ?, ?, ?, ?, ?)',
  );
  c.transaction(() => {
    for (const { agency: a, first, count } of agencyPlan()) {
      const agencyId = Number(insAgency.run(`Myndighet ${a}`, `M${a}`).lastInsertRowid);
      const teams = Array.from({ length: TEAMS_PER_AGENCY }, (_, t) =>
        Number(insTeam.run(agencyId, `Team ${t + 1}`).lastInsertRowid),
      );
      for (let i = 0; i < count; i++)
        insUser.run(
          `Deltagare ${first + i}`,
          `d${first + i}@m${a}.example`,
          agencyId,
          teams[i % teams.length],
          'learner',
          null,
        );
      insUser.run(`Chef ${a}`, `chef@m${a}.example`, agencyId, null, 'manager', 'agency');
    }
  })();
  const ins = c.prepare(
    'insert into lesson_progress (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at, completed_at, completed_revision) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const people = c.prepare("select id, agency_id as agencyId from users where role = 'learner' order by id").all() as {
    id: number;
    agencyId: number;
  }[];
  const rnd = random(7);
  let rows = 0;
  for (let start = 0; start < people.length; start += BATCH) {
    c.transaction(() => {
      for (const row of progressRows(people.slice(start, start + BATCH), rnd)) {
        ins.run(...row);
        rows++;
      }
    })();
    progressBar('Framsteg', Math.min(start + BATCH, people.length), people.length);
  }
  return rows;
}

/** Columns of `rows` as arrays, for `insert … select * from unnest($1::type[], …)`. */
function columns<T extends unknown[]>(rows: T[], width: number): unknown[][] {
  return Array.from({ length: width }, (_, i) => rows.map((r) => r[i]));
}

/** PostgreSQL (an empty, migrated database): the same people and rows, loaded in bulk, then the summaries. */
export async function generatePostgres(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if ((await client.query('select 1 from agencies limit 1')).rowCount)
      throw new Error('databasen i DATABASE_URL är inte tom: ange en ny, tom databas för bänkmärket.');
    // A bulk load, as a restore does it: no row triggers (the summaries are computed once at the end).
    await client.query('set session_replication_role = replica');
    await client.query('set synchronous_commit = off');
    const people: { id: number; agencyId: number }[] = [];
    for (const { agency: a, first, count } of agencyPlan()) {
      const [{ id: agencyId }] = (
        await client.query('insert into agencies (name, code) values ($1, $2) returning id', [
          `Myndighet ${a}`,
          `M${a}`,
        ])
      ).rows as { id: number }[];
      const teams = (
        await client.query(
          'insert into teams (agency_id, name) select $1, name from unnest($2::text[]) with ordinality as t(name, n) order by n returning id',
          [agencyId, Array.from({ length: TEAMS_PER_AGENCY }, (_, t) => `Team ${t + 1}`)],
        )
      ).rows.map((r: { id: number }) => r.id);
      const users = Array.from({ length: count }, (_, i) => [
        `Deltagare ${first + i}`,
        `d${first + i}@m${a}.example`,
        teams[i % teams.length],
      ]);
      const ids = (
        await client.query(
          `insert into users (name, email, agency_id, team_id, role)
           select name, email, $1, team_id, 'learner' from unnest($2::text[], $3::text[], $4::int[]) with ordinality as u(name, email, team_id, n)
           order by n returning id`,
          [agencyId, ...columns(users, 3)],
        )
      ).rows.map((r: { id: number }) => r.id);
      for (const id of ids) people.push({ id, agencyId });
      await client.query(
        "insert into users (name, email, agency_id, role, manager_scope) values ($1, $2, $3, 'manager', 'agency')",
        [`Chef ${a}`, `chef@m${a}.example`, agencyId],
      );
    }
    people.sort((x, y) => x.id - y.id);
    const rnd = random(7);
    let rows = 0;
    for (let start = 0; start < people.length; start += BATCH) {
      const batch = [...progressRows(people.slice(start, start + BATCH), rnd)];
      await client.query(
        `insert into lesson_progress (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at, completed_at, completed_revision)
         select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
        columns(batch, 8),
      );
      rows += batch.length;
      progressBar('Framsteg', Math.min(start + BATCH, people.length), people.length);
    }
    process.stdout.write('Sammanfattningar och statistik … ');
    await client.query(`insert into course_progress_summary (agency_id, user_id, course_id, lessons_started, lessons_completed, last_activity_at)
      select agency_id, user_id, course_id, count(*), count(completed_at), max(last_visited_at) from lesson_progress
      group by agency_id, user_id, course_id`);
    await client.query(`insert into agency_daily_completions (agency_id, day, completions)
      select agency_id, substr(completed_at, 1, 10), count(*) from lesson_progress where completed_at is not null
      group by agency_id, substr(completed_at, 1, 10)`);
    await client.query('set session_replication_role = origin');
    await client.query('vacuum analyze');
    console.log('klart');
    return rows;
  } finally {
    await client.end();
  }
}
