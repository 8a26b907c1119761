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
 * BENCH_PEOPLE tunes the size. Not part of `npm test`. The machine's load
 * average is printed with the figures (they are wall-clock times).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrate, openDatabase } from '#db/client.ts';
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

try {
  const db = openDatabase(join(dir, 'bench.db'));
  migrate(db);
  const c = db.$client;
  const t0 = performance.now();
  const rnd = random(17);
  c.transaction(() => {
    const agency = Number(
      c.prepare("insert into agencies (name, code) values ('Stora myndigheten', 'SM')").run().lastInsertRowid,
    );
    const insTeam = c.prepare('insert into teams (agency_id, name) values (?, ?)');
    const teams = Array.from({ length: TEAMS }, (_, i) => Number(insTeam.run(agency, `Team ${i + 1}`).lastInsertRowid));
    const insUser = c.prepare(
      'insert into users (name, email, agency_id, team_id, role, manager_scope) values (?, ?, ?, ?, ?, ?)',
    );
    const insDone = c.prepare(
      'insert into course_completions (user_id, agency_id, course_id, course_revision, completed_at, certificate_code) values (?, ?, ?, 1, ?, ?)',
    );
    insUser.run('Chef', 'chef@sm.example', agency, null, 'manager', 'agency');
    for (const [i, team] of teams.entries())
      insUser.run(`Teamchef ${i}`, `teamchef${i}@sm.example`, agency, team, 'manager', 'team');
    for (let i = 0; i < PEOPLE; i++) {
      const id = Number(
        insUser.run(`Person ${i}`, `p${i}@sm.example`, agency, teams[i % TEAMS], 'learner', null).lastInsertRowid,
      );
      if (rnd() < 0.33) {
        const day = new Date(Date.now() - Math.floor(rnd() * 200) * 86_400_000).toISOString();
        insDone.run(id, agency, COURSE, day, `B${String(i).padStart(4, '0')}-${id}`);
      }
    }
  })();
  c.exec('analyze');
  console.log(
    `Databas: 1 myndighet, ${PEOPLE.toLocaleString('sv-SE')} personer i ${TEAMS} team, skapad på ${seconds(t0)}`,
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
  c.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `Belastning (load average 1/5/15 min): ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} på ${cpus().length} kärnor`,
);
if (failed) process.exitCode = 1;
