/**
 * Renewing a recurring required course over HTTP against the built server:
 * a learner whose completion is inside the renewal window sees what to do,
 * the old lessons and passes no longer count, taking the course again gives
 * a new completion date and certificate code, and the old certificate is
 * still verifiable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, request } from '../helpers/http.ts';
import { takeCheck } from '../helpers/quiz.ts';
import { testHash, TEST_PASSWORD } from '../helpers/accounts.ts';
import { catalogFromFiles, type FileCatalogCourse } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { newCertificateCode } from '#lib/progress/certificate-code.ts';

let server: RunningServer;
let db: Database.Database;
let cookie: string;
let userId: number;
const OLD_CODE = newCertificateCode();
const course: FileCatalogCourse = catalogFromFiles(process.cwd()).find((c) => c.id === 'incidenter-och-kontinuitet')!;
const DAY = 86_400_000;
/** Completed 345 days ago: a 12-month renewal is open (30 days before expiry) but not yet due. */
const done = new Date(Date.now() - 345 * DAY).toISOString();

beforeAll(async () => {
  server = await startServer({ QUIZ_ATTEMPTS_PER_MINUTE: '100', REMINDERS: 'off' });
  db = new Database(server.databasePath);
  db.pragma('busy_timeout = 5000');
  const agencyId = (db.prepare("select id from agencies where code = 'FK'").get() as { id: number }).id;
  const email = 'fornyelse@test.example';
  userId = Number(
    db
      .prepare("insert into users (name, email, agency_id, role, password_hash) values (?, ?, ?, 'learner', ?)")
      .run('Frida Förnyare', email, agencyId, await testHash()).lastInsertRowid,
  );
  // The course taken a year ago: every lesson, every pass, the case and the certificate.
  const lesson = db.prepare(
    'insert into lesson_progress (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at, ' +
      'completed_at, completed_revision) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const pass = db.prepare(
    'insert into quiz_attempts (user_id, agency_id, course_id, lesson_id, revision, attempted_at, answers, right, ' +
      "total, passed) values (?, ?, ?, ?, ?, ?, '[]', 1, 1, 1)",
  );
  for (const l of [...course.lessons, course.finalCase!]) {
    lesson.run(userId, agencyId, course.id, l.id, done, done, done, l.revision);
    pass.run(userId, agencyId, course.id, l.id, l.revision, done);
  }
  db.prepare(
    'insert into course_completions (user_id, agency_id, course_id, course_revision, completed_at, certificate_code) values (?, ?, ?, ?, ?, ?)',
  ).run(userId, agencyId, course.id, course.revision, done, OLD_CODE);
  db.prepare(
    'insert into assignments (agency_id, target_type, target_user_id, course_ids, due_date, recurrence_months, ' +
      "created_at, updated_at) values (?, 'person', ?, ?, ?, 12, ?, ?)",
  ).run(agencyId, userId, JSON.stringify([course.id]), done.slice(0, 10), done, done);
  cookie = await login(server.url, email, TEST_PASSWORD);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const json = (path: string, body: unknown) =>
  request(server.url, path, {
    method: 'POST',
    cookie,
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });
const current = () =>
  db
    .prepare('select certificate_code as code, completed_at as at from course_completions where user_id = ?')
    .get(userId) as {
    code: string;
    at: string;
  };

describe('renewing a recurring required course', () => {
  it('tells the learner in Swedish that the course is to be taken again, and by when', async () => {
    const mine = await request(server.url, '/mina-kurser/', { cookie });
    expect(mine.body).toContain('Dags att förnya: gå igenom kursen igen senast');
    expect(mine.body).toContain('det gamla gäller till dess');
    expect(mine.body).toContain('Förnya kursen');
  });

  it('counts the lessons from the start again: old completions and passes do not count', async () => {
    const first = course.lessons[0];
    const visit = JSON.parse((await json('/api/framsteg', { lektion: first.id })).body);
    expect(visit).toMatchObject({ status: 'started', fornyas: true, kurs: { klara: 0 } });
    const klar = JSON.parse((await json(`${lessonHref(first.id)}klar/`, {})).body);
    expect(klar).toMatchObject({ klar: false, kravKunskapskoll: true });
    expect(current().code).toBe(OLD_CODE);
  });

  it('taking the course again records a new completion and certificate; the old one stays verifiable', async () => {
    for (const lesson of course.lessons)
      expect((await takeCheck(server.url, `${lessonHref(lesson.id)}kunskapskoll/`, cookie)).status).toBe(200);
    expect(current().code).toBe(OLD_CODE);
    const finalCase = await takeCheck(server.url, `/kurser/${course.id}/slutfall/kunskapskoll/`, cookie);
    expect(finalCase.status).toBe(200);
    const renewed = current();
    expect(renewed.code).not.toBe(OLD_CODE);
    expect(renewed.at > done).toBe(true);
    expect(
      db.prepare('select certificate_code as code from earlier_completions where user_id = ?').all(userId),
    ).toEqual([{ code: OLD_CODE }]);
    for (const code of [OLD_CODE, renewed.code]) {
      const reply = await request(server.url, `/intyg/${code}/`);
      expect(reply.status, code).toBe(200);
      expect(reply.body).toContain('Intyget är giltigt');
    }
    const certificate = await request(server.url, `/mina-kurser/intyg/${course.id}/`, { cookie });
    expect(certificate.body).toContain(renewed.code);
    const mine = await request(server.url, '/mina-kurser/', { cookie });
    expect(mine.body).not.toContain('Dags att förnya');
    expect(mine.body).toContain('Klar i tid');
  });
});
