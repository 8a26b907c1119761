/**
 * `npm run bench:progress`: starts the built server on a database seeded
 * with 10,000 signed-in participants, then drives the lesson-completion
 * endpoint with authenticated requests from many concurrent connections
 * (autocannon), and prints completions per second and p50/p99 latency, with
 * the same server's throughput on a trivial endpoint as the ceiling.
 * With DATABASE_URL=postgres://… (an empty database) it runs on PostgreSQL;
 * BENCH_SERVERS=2 then also runs the completions against two app processes
 * on that database (connections split between them), after the run with one.
 */
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, migrate, openDatabase, openPostgresDatabase } from '#db/client.ts';
import { isPostgresUrl } from '#db/postgres/open.ts';
import { rawAll } from '#db/sql.ts';
import { agencies, quizAttempts, users } from '#db/schema.ts';
import { createSession } from '#lib/auth/session.ts';
import { hashPassword } from '#lib/auth/password.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { startServer } from '#tooling/server.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'kompetensnav-bench-'));
const path = join(dir, 'bench.db');
/** DATABASE_URL=postgres://… benchmarks PostgreSQL (an empty database, migrated here); otherwise a new SQLite file. */
const postgresUrl = isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;
const course = catalogFromFiles(process.cwd())[0];
process.stdout.write(`Skapar ${PARTICIPANTS} deltagare med sessioner och godkända kunskapskontroller … `);
const hash = await hashPassword('bänkmärke-lösenord-123');
const tokens = postgresUrl ? await seedPostgres(postgresUrl) : await seedSqlite();
console.log('klart');

/** The SQLite file, seeded through its own prepared statements in one transaction (fast). */
async function seedSqlite(): Promise<string[]> {
  const db = openDatabase(path);
  migrate(db);
  const agency = Number(
    db.$client.prepare("insert into agencies (name, code) values ('Bänkmyndigheten', 'BM')").run().lastInsertRowid,
  );
  const insertUser = db.$client.prepare(
    "insert into users (name, email, agency_id, role, password_hash) values (?, ?, ?, 'learner', ?)",
  );
  const insertAttempt = db.$client.prepare(
    "insert into quiz_attempts (user_id, agency_id, course_id, lesson_id, revision, attempted_at, answers, right, total, passed) values (?, ?, ?, ?, ?, ?, '[]', 1, 1, 1)",
  );
  const ids: number[] = [];
  db.$client.transaction(() => {
    const now = new Date().toISOString();
    for (let i = 0; i < PARTICIPANTS; i++) {
      const id = Number(insertUser.run(`Deltagare ${i}`, `deltagare${i}@bank.example`, agency, hash).lastInsertRowid);
      ids.push(id);
      // The check is passed, so "Markera som klar" really completes the lesson.
      for (const lesson of course.lessons) insertAttempt.run(id, agency, course.id, lesson.id, lesson.revision, now);
    }
  })();
  const made: string[] = [];
  for (const id of ids) made.push((await createSession(db, id)).token);
  db.$client.close();
  return made;
}

/** The PostgreSQL database (must hold no agencies yet), seeded in batches through Drizzle. */
async function seedPostgres(url: string): Promise<string[]> {
  const db = openPostgresDatabase(url);
  try {
    if ((await db.select({ id: agencies.id }).from(agencies).limit(1)).length > 0)
      throw new Error('databasen i DATABASE_URL är inte tom: ange en ny, tom databas för bänkmärket.');
    const [{ id: agency }] = await db
      .insert(agencies)
      .values({ name: 'Bänkmyndigheten', code: 'BM' })
      .returning({ id: agencies.id });
    const now = new Date().toISOString();
    const made: string[] = [];
    for (let from = 0; from < PARTICIPANTS; from += 1000) {
      const people = Array.from({ length: Math.min(1000, PARTICIPANTS - from) }, (_, k) => ({
        name: `Deltagare ${from + k}`,
        email: `deltagare${from + k}@bank.example`,
        agencyId: agency,
        role: 'learner' as const,
        passwordHash: hash,
      }));
      const ids = (await db.insert(users).values(people).returning({ id: users.id })).map((r) => r.id);
      const attempts = ids.flatMap((userId) =>
        course.lessons.map((l) => ({
          userId,
          agencyId: agency,
          courseId: course.id,
          lessonId: l.id,
          revision: l.revision,
          attemptedAt: now,
          answers: '[]',
          right: 1,
          total: 1,
          passed: true,
        })),
      );
      for (let a = 0; a < attempts.length; a += 2000) await db.insert(quizAttempts).values(attempts.slice(a, a + 2000));
      for (let b = 0; b < ids.length; b += 50)
        made.push(...(await Promise.all(ids.slice(b, b + 50).map(async (id) => (await createSession(db, id)).token))));
    }
    return made;
  } finally {
    await closeDatabase(db);
  }
}

/** Completed lessons stored after the run (and SQLite's integrity check). */
async function reportStored(): Promise<void> {
  const check = postgresUrl ? openPostgresDatabase(postgresUrl) : openDatabase(path);
  const [{ n }] = await rawAll<{ n: number }>(
    check,
    'select count(*) as n from lesson_progress where completed_at is not null',
    [],
  );
  const integrity = postgresUrl
    ? ''
    : `; integrity_check: ${check.$client.pragma('integrity_check', { simple: true })}`;
  console.log(`\nKlara lektioner i databasen efter körningen: ${Number(n)}${integrity}`);
  await closeDatabase(check);
}

const startOne = () =>
  startServer({
    ...(postgresUrl ? { DATABASE_URL: postgresUrl } : { DATABASE_PATH: path }),
    KOMPETENSNAV_MODE: 'production',
    KOMPETENSNAV_QUIET_LOG: '1',
    REMINDERS: 'off',
    NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
  });
const server = await startOne();
/** The app processes the load goes to: the first alone, then (BENCH_SERVERS=2, PostgreSQL) both. */
const servers = [server];
console.log(`Databas: ${postgresUrl ? 'PostgreSQL' : 'SQLite'}`);
const cookie = (i: number) => `session=${tokens[i % tokens.length]}`;

/** CPU time (user + system) the server processes have used so far, in ms, from /proc (Linux). */
function serverCpuMs(): number {
  let ms = 0;
  for (const { pid } of servers) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat; after the ") " split they sit at 11 and 12.
    ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  }
  return ms;
}
const CLOCK_TICKS = 100;
/** Requests made so far: the completion runs go on through the lessons, never repeating one. */
let n = 0;

async function run(
  title: string,
  request: (i: number) => { method: 'GET' | 'POST'; path: string; headers: Record<string, string> },
): Promise<autocannon.Result> {
  const cpuBefore = serverCpuMs();
  const result = await autocannon({
    // autocannon takes a list of URLs and spreads the connections over them (its types say one string).
    url: (servers.length === 1 ? server.url : servers.map((s) => s.url)) as string,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...request(n++) }) }],
  });
  const ok = result['2xx'];
  console.log(`\n${title}`);
  console.log(
    `  ${(ok / SECONDS).toFixed(0)} lyckade svar/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${CONNECTIONS} samtidiga anslutningar, ${SECONDS} s)`,
  );
  console.log(`  svar: ${ok} 2xx, ${result.non2xx} andra, ${result.errors} fel, ${result.timeouts} tidsgränser`);
  const cpuMs = serverCpuMs() - cpuBefore;
  console.log(
    `  serverns CPU-tid: ${((cpuMs * 1000) / Math.max(ok, 1)).toFixed(0)} µs per lyckat svar (en kärna räcker då till ${Math.round((ok * 1000) / Math.max(cpuMs, 1))} svar/s)`,
  );
  return result;
}

try {
  await run('Takvärde: GET /api/halsa (samma server och HTTP-front, ingen databas)', (i) => ({
    method: 'GET',
    path: '/api/halsa',
    headers: { cookie: cookie(i) },
  }));
  const lessons = course.lessons.map((l) => `${lessonHref(l.id)}klar/`);
  // One request by hand first: a benchmark of error answers measures nothing.
  const probe = await fetch(server.url + lessons[0], {
    method: 'POST',
    headers: {
      cookie: cookie(tokens.length - 1),
      accept: 'application/json',
      'sec-fetch-site': 'same-origin',
      origin: server.url,
    },
  });
  const probeBody = await probe.text();
  if (probe.status !== 200 || !JSON.parse(probeBody).klar)
    throw new Error(`kontrollanropet misslyckades: ${probe.status} ${probeBody.slice(0, 200)}`);
  n = 0;
  const complete = (i: number) => ({
    method: 'POST' as const,
    path: lessons[Math.floor(i / tokens.length) % lessons.length],
    headers: { cookie: cookie(i), accept: 'application/json', 'sec-fetch-site': 'same-origin', origin: server.url },
  });
  await run(`Markera som klar: POST /kurser/…/klar/ (${course.id}, ${PARTICIPANTS} deltagare)`, complete);
  if (postgresUrl && SERVERS > 1) {
    servers.push(await startOne());
    await run(`Markera som klar med TVÅ serverprocesser mot samma PostgreSQL (CPU-tiden är bådas)`, complete);
  }
  await reportStored();
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}
