/**
 * Two app servers (the real build, src/cli/start.ts) on one PostgreSQL
 * database: a session made on A works on B, sign-in throttling counts
 * across both, concurrent completions on both lose nothing, and killing one
 * mid-load loses no acknowledged write. Needs `astro build` (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { lessonProgress, quizAttempts, users } from '#db/schema.ts';
import { createSession } from '#lib/auth/session.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { startServer, type RunningServer } from '#tooling/server.ts';
import type { Db } from '#db/client.ts';
import type { PgRouter } from '#db/postgres/open.ts';
import { postgresDb, rows } from '../helpers/db.ts';
import { seedAccounts, TEST_PASSWORD, type Fixture } from '../helpers/accounts.ts';

let db: Db;
let f: Fixture;
let a: RunningServer;
let b: RunningServer;
const course = catalogFromFiles(process.cwd())[0];
const tokens: { id: number; token: string }[] = [];

beforeAll(async () => {
  const made = postgresDb();
  db = made.db;
  await (db.$client as unknown as PgRouter).ready;
  f = await seedAccounts(db);
  const people = await db
    .insert(users)
    .values(Array.from({ length: 30 }, (_, i) => ({ name: `D ${i}`, email: `d${i}@a.example`, agencyId: f.agencyA })))
    .returning({ id: users.id });
  const now = new Date().toISOString();
  for (const { id } of people) {
    tokens.push({ id, token: (await createSession(db, id)).token });
    await db.insert(quizAttempts).values(
      course.lessons.map((l) => ({
        userId: id,
        agencyId: f.agencyA,
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
  }
  const env = { DATABASE_URL: made.url, KOMPETENSNAV_MODE: 'production' };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
}, 300_000);

let aKilled = false;
afterAll(async () => {
  // A killed server has no process left to stop (RunningServer.stop waits for an exit).
  if (!aKilled) await a?.stop();
  await b?.stop();
});

const signIn = (server: RunningServer, password: string) =>
  fetch(`${server.url}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'lena@a.example', password, till: '/' }),
  });

const complete = (server: RunningServer, token: string, lessonId: string) =>
  fetch(`${server.url}${lessonHref(lessonId)}klar/`, {
    method: 'POST',
    headers: {
      cookie: `session=${token}`,
      accept: 'application/json',
      'sec-fetch-site': 'same-origin',
      origin: server.url,
    },
  });

describe('two app servers on one PostgreSQL database', () => {
  it('a session made on A works on B', async () => {
    const res = await signIn(a, TEST_PASSWORD);
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const konto = await fetch(`${b.url}/konto`, { headers: { cookie } });
    expect(konto.status).toBe(200);
    expect(await konto.text()).toContain('lena@a.example');
  });

  it('counts sign-in attempts across both servers', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn(i % 2 ? a : b, 'fel-lösenord')).status);
    // Five tries per account in all (the session test's success reset the bucket), then refused on either server.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('loses no completion made concurrently on both, nor any acknowledged when one is killed mid-load', async () => {
    const acknowledged = new Set<string>();
    const jobs = tokens.flatMap(({ id, token }, i) =>
      course.lessons.map((l, j) => ({ id, token, lessonId: l.id, server: (i + j) % 2 ? a : b })),
    );
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        if (next === Math.floor(jobs.length / 2) && !killed) {
          killed = true;
          aKilled = true;
          process.kill(a.pid, 'SIGKILL');
        }
        const res = await complete(job.server, job.token, job.lessonId).catch(() => null);
        if (res?.status === 200 && (await res.json()).klar) acknowledged.add(`${job.id} ${job.lessonId}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(jobs.length / 2);
    const stored = await db
      .select({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.agencyId, f.agencyA), isNotNull(lessonProgress.completedAt)));
    const have = new Set(stored.map((r) => `${r.userId} ${r.lessonId}`));
    for (const key of acknowledged) expect(have.has(key), key).toBe(true);
    // Everything sent to B (never killed) is acknowledged and stored.
    const toB = jobs.filter((j) => j.server === b).map((j) => `${j.id} ${j.lessonId}`);
    for (const key of toB) expect(have.has(key), key).toBe(true);
    expect(await rows(db, 'select count(*) as n from course_progress_summary')).toEqual([
      { n: (await rows(db, 'select distinct agency_id, user_id, course_id from lesson_progress')).length },
    ]);
  });
});
