/**
 * PostgreSQL going away mid-run (issue 15): the built server on a database
 * server of the test's own (src/tooling/pg-cluster.ts, so the machine's shared
 * server is never stopped). While the database is down, pages and the
 * completion route answer 503 with a Swedish message and nothing is written;
 * once it is back the server recovers by itself (the pool reconnects), and a
 * retried completion is stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openPostgresDatabase, type Db } from '#db/client.ts';
import { quizAttempts } from '#db/schema.ts';
import { createSession } from '#lib/auth/session.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { createPgCluster, type PgCluster } from '#tooling/pg-cluster.ts';
import { freePort } from '#tooling/tls-proxy.ts';
import { rows } from '../helpers/db.ts';
import { seedAccounts } from '../helpers/accounts.ts';

let cluster: PgCluster;
let server: RunningServer;
let token: string;
let userId: number;
const course = catalogFromFiles(process.cwd())[0];
const lesson = course.lessons[0];

beforeAll(async () => {
  cluster = createPgCluster(await freePort());
  const db = openPostgresDatabase(cluster.url);
  const f = await seedAccounts(db);
  userId = f.users.learnerA.id;
  token = (await createSession(db, userId)).token;
  // A lesson with a knowledge check completes only after a passed attempt.
  await db.insert(quizAttempts).values({
    userId,
    agencyId: f.agencyA,
    courseId: course.id,
    lessonId: lesson.id,
    revision: lesson.revision,
    attemptedAt: new Date().toISOString(),
    answers: '[]',
    right: 1,
    total: 1,
    passed: true,
  });
  await closeDatabase(db);
  server = await startServer({ DATABASE_URL: cluster.url, KOMPETENSNAV_MODE: 'production', REMINDERS: 'off' });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  cluster?.destroy();
});

const account = () => fetch(`${server.url}/konto`, { headers: { cookie: `session=${token}` } });
const complete = () =>
  fetch(`${server.url}${lessonHref(lesson.id)}klar/`, {
    method: 'POST',
    headers: {
      cookie: `session=${token}`,
      accept: 'application/json',
      'sec-fetch-site': 'same-origin',
      origin: server.url,
    },
  });

async function completedRows(): Promise<number> {
  const db: Db = openPostgresDatabase(cluster.url);
  try {
    const [row] = await rows<{ n: number }>(
      db,
      `select count(*) as n from lesson_progress where user_id = ${userId} and completed_at is not null`,
    );
    return Number(row.n);
  } finally {
    await closeDatabase(db);
  }
}

describe('the database going away and coming back', () => {
  it('answers 503 with a Swedish message while it is down, and recovers when it returns', async () => {
    expect((await account()).status).toBe(200);

    cluster.stop();
    const page = await account();
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(await page.text()).toMatch(/tillfälligt otillgänglig: databasen svarar inte/);
    const write = await complete();
    expect(write.status).toBe(503);
    expect(await write.text()).toMatch(/databasen svarar inte/);

    cluster.start();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await account()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    // Nothing was written while it was down; the retried completion is stored, once.
    expect(await completedRows()).toBe(0);
    const retried = await complete();
    expect(retried.status).toBe(200);
    expect(await completedRows()).toBe(1);
    expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
  }, 120_000);
});
