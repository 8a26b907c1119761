/**
 * `npm run bench:assignments`: required courses at scale. Generates one
 * agency of 50,000 people in 50 teams (a third of them with the course
 * completed, some late) in a temporary SQLite database and measures, through
 * the same functions the pages and the scheduler call:
 *
 * - assigning a course to the whole agency (insert + audit in one
 *   transaction, then the set-based member count the page shows): ≤ 2 s;
 * - the compliance rows of that assignment (the page and the exports);
 * - one reminder run over the 50,000 (first run: every "assigned" and
 *   overdue mail and the digests queued; second run: all deduplicated): ≤ 30 s;
 * - the .xlsx export of all rows.
 *
 * BENCH_PEOPLE tunes the size. With DATABASE_URL=postgres://… (an empty
 * database) it runs on PostgreSQL. Not part of `npm test`. The machine's
 * load average and this process's CPU time are printed with the figures
 * (wall-clock times; on a shared machine the two differ).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDatabase, migrate, openDatabase, openPostgresDatabase, type Db } from '#db/client.ts';
import { isPostgresUrl } from '#db/postgres/open.ts';
import { rawAll } from '#db/sql.ts';
import { agencies, courseCompletions, teams, users } from '#db/schema.ts';
import { createAssignment } from '#lib/assignments/assignments.ts';
import { complianceRows, memberCounts } from '#lib/assignments/compliance-rows.ts';
import { countStates, utcDay } from '#lib/assignments/compliance.ts';
import { runReminders } from '#lib/assignments/reminder-run.ts';
import { complianceXlsx } from '#lib/assignments/assignment-export.ts';
import { seededRandom as random } from '#lib/seeded-random.ts';

process.env.KOMPETENSNAV_QUIET_LOG ??= '1';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50_000);
const TEAMS = 50;
const COURSE = 'saker-it-drift';
const titles = new Map([
  [COURSE, 'Säker it-drift'],
  ['teknikplattformen', 'Teknikplattformen'],
]);

const dir = mkdtempSync(join(tmpdir(), 'kompetensnav-bench-assignments-'));
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(2)} s`;
let failed = false;
let cpuFrom = process.cpuUsage();
/** Starts a measurement: wall clock and this process's CPU time (on a shared machine the two differ). */
const start = () => {
  cpuFrom = process.cpuUsage();
  return performance.now();
};
const check = (label: string, ms: number, limitMs: number) => {
  const ok = ms <= limitMs;
  if (!ok) failed = true;
  const cpu = process.cpuUsage(cpuFrom);
  console.log(
    `${label}: ${(ms / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; mål ≤ ${limitMs / 1000} s) ${ok ? 'uppfyllt' : 'EJ uppfyllt'}`,
  );
};

const postgresUrl = isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;

/** A person of the generated agency: a third have completed the course (some late). */
function person(i: number, rnd: () => number) {
  const completedAt = rnd() < 0.33 ? new Date(Date.now() - Math.floor(rnd() * 200) * 86_400_000).toISOString() : null;
  return { name: `Person ${i}`, email: `p${i}@sm.example`, completedAt, code: `B${String(i).padStart(4, '0')}` };
}

/** The SQLite file, seeded through its own prepared statements in one transaction. */
function seedSqlite(db: Db): void {
  const c = db.$client;
  const rnd = random(17);
  c.transaction(() => {
    const agency = Number(
      c.prepare("insert into agencies (name, code) values ('Stora myndigheten', 'SM')").run().lastInsertRowid,
    );
    const insTeam = c.prepare('insert into teams (agency_id, name) values (?, ?)');
    const teamIds = Array.from({ length: TEAMS }, (_, i) =>
      Number(insTeam.run(agency, `Team ${i + 1}`).lastInsertRowid),
    );
    const insUser = c.prepare(
      'insert into users (name, email, agency_id, team_id, role, manager_scope) values (?, ?, ?, ?, ?, ?)',
    );
    const insDone = c.prepare(
      'insert into course_completions (user_id, agency_id, course_id, course_revision, completed_at, certificate_code) values (?, ?, ?, 1, ?, ?)',
    );
    insUser.run('Chef', 'chef@sm.example', agency, null, 'manager', 'agency');
    for (const [i, team] of teamIds.entries())
      insUser.run(`Teamchef ${i}`, `teamchef${i}@sm.example`, agency, team, 'manager', 'team');
    for (let i = 0; i < PEOPLE; i++) {
      const p = person(i, rnd);
      const id = Number(insUser.run(p.name, p.email, agency, teamIds[i % TEAMS], 'learner', null).lastInsertRowid);
      if (p.completedAt) insDone.run(id, agency, COURSE, p.completedAt, `${p.code}-${id}`);
    }
  })();
  c.exec('analyze');
}

/** The PostgreSQL database (must hold no agencies yet), seeded in batches through Drizzle. */
async function seedPostgres(db: Db): Promise<void> {
  if ((await db.select({ id: agencies.id }).from(agencies).limit(1)).length > 0)
    throw new Error('databasen i DATABASE_URL är inte tom: ange en ny, tom databas för bänkmärket.');
  const rnd = random(17);
  const [{ id: agency }] = await db
    .insert(agencies)
    .values({ name: 'Stora myndigheten', code: 'SM' })
    .returning({ id: agencies.id });
  const teamIds = (
    await db
      .insert(teams)
      .values(Array.from({ length: TEAMS }, (_, i) => ({ agencyId: agency, name: `Team ${i + 1}` })))
      .returning({ id: teams.id })
  ).map((t) => t.id);
  await db.insert(users).values([
    { name: 'Chef', email: 'chef@sm.example', agencyId: agency, role: 'manager', managerScope: 'agency' },
    ...teamIds.map((teamId, i) => ({
      name: `Teamchef ${i}`,
      email: `teamchef${i}@sm.example`,
      agencyId: agency,
      teamId,
      role: 'manager' as const,
      managerScope: 'team' as const,
    })),
  ]);
  for (let from = 0; from < PEOPLE; from += 2000) {
    const people = Array.from({ length: Math.min(2000, PEOPLE - from) }, (_, k) => person(from + k, rnd));
    const ids = await db
      .insert(users)
      .values(
        people.map((p, k) => ({
          name: p.name,
          email: p.email,
          agencyId: agency,
          teamId: teamIds[(from + k) % TEAMS],
          role: 'learner' as const,
        })),
      )
      .returning({ id: users.id });
    const done = people.flatMap((p, k) =>
      p.completedAt
        ? [
            {
              userId: ids[k].id,
              agencyId: agency,
              courseId: COURSE,
              courseRevision: 1,
              completedAt: p.completedAt,
              certificateCode: `${p.code}-${ids[k].id}`,
            },
          ]
        : [],
    );
    if (done.length > 0) await db.insert(courseCompletions).values(done);
  }
  await rawAll(db, 'analyze', []);
}

try {
  const db = postgresUrl ? openPostgresDatabase(postgresUrl) : openDatabase(join(dir, 'bench.db'));
  if (!postgresUrl) migrate(db);
  const t0 = performance.now();
  if (postgresUrl) await seedPostgres(db);
  else seedSqlite(db);
  console.log(
    `Databas (${postgresUrl ? 'PostgreSQL' : 'SQLite'}): 1 myndighet, ${PEOPLE.toLocaleString('sv-SE')} personer i ${TEAMS} team, skapad på ${seconds(t0)}`,
  );
  const admin = { id: 1, email: 'chef@sm.example' };

  // A due date that has passed for most, so the run queues overdue reminders and digests too.
  const due = utcDay(new Date(Date.now() - 30 * 86_400_000));
  let t = start();
  const id = await createAssignment(
    db,
    { user: admin, ip: null },
    { type: 'agency', agencyId: 1 },
    {
      courseIds: [COURSE],
      dueDate: due,
      recurrenceMonths: 12,
    },
  );
  const members = (await memberCounts(db, { agencyId: 1, assignmentId: id })).get(id) ?? 0;
  check(
    `Tilldela en kurs till hela myndigheten (${members.toLocaleString('sv-SE')} personer)`,
    performance.now() - t,
    2000,
  );

  t = performance.now();
  const rows = await complianceRows(db, { agencyId: 1, assignmentId: id }, new Set(titles.keys()), utcDay(new Date()));
  console.log(`Status per person för uppdraget (${rows.length.toLocaleString('sv-SE')} rader): ${seconds(t)}`);
  console.log(
    `  ${Object.entries(countStates(rows.map((r) => r.state)))
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}`,
  );

  t = performance.now();
  await complianceRows(db, { agencyId: null }, new Set(titles.keys()), utcDay(new Date()), false);
  console.log(`  läsa alla rader för en körning (oordnade): ${seconds(t)}`);
  const origin = 'https://kompetensnav.example';
  t = start();
  const first = await runReminders(db, { titles, origin });
  check(
    `Påminnelsekörning samma dag (${first.rows.toLocaleString('sv-SE')} rader, ${first.queued.toLocaleString('sv-SE')} brev köade)`,
    performance.now() - t,
    30_000,
  );
  t = start();
  const again = await runReminders(db, { titles, origin });
  check(`Nästa körning samma dag (${again.queued} nya brev: allt redan köat)`, performance.now() - t, 30_000);
  if (again.queued !== 0) failed = true;
  const nextWeek = new Date(Date.now() + 8 * 86_400_000);
  t = start();
  const week = await runReminders(db, { titles, origin, now: nextWeek });
  check(
    `Påminnelsekörning en vecka senare (${week.queued.toLocaleString('sv-SE')} brev om försenade kurser och sammanfattningar köade)`,
    performance.now() - t,
    30_000,
  );
  t = performance.now();
  const xlsx = await complianceXlsx(rows, titles);
  console.log(
    `Excel-export (${rows.length.toLocaleString('sv-SE')} rader, ${(xlsx.byteLength / 1024 / 1024).toFixed(1)} MB): ${seconds(t)}`,
  );
  await closeDatabase(db);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `Belastning (load average 1/5/15 min): ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} på ${cpus().length} kärnor`,
);
if (failed) process.exitCode = 1;
