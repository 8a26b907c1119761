/**
 * Progress over HTTP against the real built server: a participant's whole
 * journey to a certificate, idempotency under 50 parallel posts, forged and
 * hostile requests (nothing written), and what the public verification shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, postForm, request } from '../helpers/http.ts';
import { takeCheck } from '../helpers/quiz.ts';
import { testHash, TEST_PASSWORD } from '../helpers/accounts.ts';
import { catalogFromFiles, type FileCatalogCourse } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';

let server: RunningServer;
let db: Database.Database;
const cookies: Record<string, string> = {};
const userIds: Record<string, number> = {};
const course: FileCatalogCourse = catalogFromFiles(process.cwd()).find((c) => c.id === 'incidenter-och-kontinuitet')!;

beforeAll(async () => {
  // More attempts a minute than a person makes: this test takes a whole course in seconds.
  server = await startServer({ QUIZ_ATTEMPTS_PER_MINUTE: '100' });
  db = new Database(server.databasePath);
  db.pragma('busy_timeout = 5000');
  const hash = await testHash();
  for (const [key, agency] of [
    ['a', 'FK'],
    ['b', 'PM'],
    ['c', 'FK'],
  ] as const) {
    const agencyId = (db.prepare('select id from agencies where code = ?').get(agency) as { id: number }).id;
    const email = `progress-${key}@test.example`;
    userIds[key] = Number(
      db
        .prepare("insert into users (name, email, agency_id, role, password_hash) values (?, ?, ?, 'learner', ?)")
        .run(`Testa Framsteg ${key.toUpperCase()}`, email, agencyId, hash).lastInsertRowid,
    );
    cookies[key] = await login(server.url, email, TEST_PASSWORD);
  }
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const rows = (table: string, userId: number) =>
  (db.prepare(`select count(*) as n from ${table} where user_id = ?`).get(userId) as { n: number }).n;
const json = (path: string, body: unknown, cookie?: string, origin = server.url) =>
  request(server.url, path, {
    method: 'POST',
    cookie,
    headers: { 'content-type': 'application/json', accept: 'application/json', origin },
    body: JSON.stringify(body),
  });
const check = (lessonId: string) => `${lessonHref(lessonId)}kunskapskoll/`;
const shownOf = (lesson: FileCatalogCourse['lessons'][number]) =>
  Math.min(lesson.shown ?? Infinity, lesson.questions.length);

describe('a participant takes a course', () => {
  it('records the first visit and answers with the state', async () => {
    const first = course.lessons[0];
    const reply = await json('/api/framsteg', { lektion: first.id }, cookies.a);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      inloggad: true,
      status: 'started',
      kurs: { klara: 0, totalt: course.lessons.length },
    });
    const row = db
      .prepare(
        'select started_at, last_visited_at, completed_at from lesson_progress where user_id = ? and lesson_id = ?',
      )
      .get(userIds.a, first.id) as Record<string, string | null>;
    expect(row.started_at).toBeTruthy();
    expect(row.completed_at).toBeNull();
  });

  it('does not complete a lesson with a knowledge check before the check is passed', async () => {
    const first = course.lessons[0];
    const reply = await postForm(server.url, `${lessonHref(first.id)}klar/`, {}, cookies.a);
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe(`${lessonHref(first.id)}#klar-kraver-kunskapskoll`);
    expect(
      db
        .prepare('select completed_at from lesson_progress where user_id = ? and lesson_id = ?')
        .get(userIds.a, first.id),
    ).toEqual({ completed_at: null });
  });

  it('stores a failed attempt, then a pass completes the lesson', async () => {
    const first = course.lessons[0];
    const failed = await takeCheck(server.url, check(first.id), cookies.a, true);
    expect(failed.body).toContain('Försöket är sparat');
    const passed = await takeCheck(server.url, check(first.id), cookies.a);
    expect(passed.body).toContain('Lektionen är klar');
    const attempts = db
      .prepare(
        'select passed, right, total, revision from quiz_attempts where user_id = ? and lesson_id = ? order by id',
      )
      .all(userIds.a, first.id);
    expect(attempts).toEqual([
      { passed: 0, right: shownOf(first) - 1, total: shownOf(first), revision: first.revision },
      { passed: 1, right: shownOf(first), total: shownOf(first), revision: first.revision },
    ]);
    expect(
      db
        .prepare('select completed_revision from lesson_progress where user_id = ? and lesson_id = ?')
        .get(userIds.a, first.id),
    ).toEqual({ completed_revision: first.revision });
  });

  it('makes exactly one row from 50 parallel "klar" posts, and every reply is a success', async () => {
    const first = course.lessons[0];
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => json(`${lessonHref(first.id)}klar/`, {}, cookies.a)),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(replies.every((r) => JSON.parse(r.body).klar === true)).toBe(true);
    expect(
      (
        db
          .prepare('select count(*) as n from lesson_progress where user_id = ? and lesson_id = ?')
          .get(userIds.a, first.id) as { n: number }
      ).n,
    ).toBe(1);
  });

  it('completes the course with a certificate when every check and the end-of-course case are passed', async () => {
    for (const lesson of course.lessons.slice(1)) {
      const reply = await takeCheck(server.url, check(lesson.id), cookies.a);
      expect(reply.status).toBe(200);
    }
    // Every lesson done, but the certificate needs the case too.
    expect(rows('course_completions', userIds.a)).toBe(0);
    const finalCase = await takeCheck(server.url, `/kurser/${course.id}/slutfall/kunskapskoll/`, cookies.a);
    expect(finalCase.status).toBe(200);
    expect(finalCase.body).toContain('Visa ditt intyg');
    const completion = db
      .prepare('select certificate_code, course_revision from course_completions where user_id = ? and course_id = ?')
      .get(userIds.a, course.id) as { certificate_code: string };
    expect(completion.certificate_code).toMatch(/^KN-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const mine = await request(server.url, '/mina-kurser/', { cookie: cookies.a });
    expect(mine.body).toContain(`/mina-kurser/intyg/${course.id}/`);
    const certificate = await request(server.url, `/mina-kurser/intyg/${course.id}/`, { cookie: cookies.a });
    expect(certificate.status).toBe(200);
    expect(certificate.body).toContain('Testa Framsteg A');
    expect(certificate.body).toContain('Försäkringskassan');
    expect(certificate.body).toContain(completion.certificate_code);
    // Passing again neither duplicates the completion nor changes the code.
    await takeCheck(server.url, check(course.lessons[0].id), cookies.a);
    expect(rows('course_completions', userIds.a)).toBe(1);
    expect(
      (
        db.prepare('select certificate_code from course_completions where user_id = ?').get(userIds.a) as {
          certificate_code: string;
        }
      ).certificate_code,
    ).toBe(completion.certificate_code);
  });

  it('lets anyone verify the certificate, showing only name, course and date', async () => {
    const { certificate_code: code } = db
      .prepare('select certificate_code from course_completions where user_id = ?')
      .get(userIds.a) as { certificate_code: string };
    for (const cookie of [undefined, cookies.b]) {
      const reply = await request(server.url, `/intyg/${code}/`, { cookie });
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('Intyget är giltigt');
      const shown = /<div class="verify-result"[\s\S]*?<\/div>/.exec(reply.body)?.[0] ?? '';
      expect(shown).toContain('Testa Framsteg A');
      expect(shown).toContain('Incidenter och kontinuitet');
      expect(shown).not.toContain('Försäkringskassan');
      expect(reply.body).not.toMatch(/progress-a@test\.example|rätt|kunskapskontroll/i);
    }
    expect((await request(server.url, '/intyg/KN-0000-0000-0000/')).status).toBe(404);
    expect((await request(server.url, '/intyg/..%2f..%2fetc%2fpasswd/')).status).toBe(404);
    expect((await request(server.url, `/intyg/${code.toLowerCase()}/`)).headers.get('location')).toBe(
      `/intyg/${code}/`,
    );
  });

  it('does not show another participant their certificate page', async () => {
    expect((await request(server.url, `/mina-kurser/intyg/${course.id}/`, { cookie: cookies.b })).status).toBe(404);
    expect((await request(server.url, `/mina-kurser/intyg/${course.id}/`)).status).toBe(303);
  });

  it('exports everything stored about the participant, and nothing secret', async () => {
    const reply = await request(server.url, '/mina-kurser/mina-uppgifter.json', { cookie: cookies.a });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toMatch(
      /attachment; filename="kompetensnav-mina-uppgifter-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const data = JSON.parse(reply.body);
    expect(data.account).toMatchObject({
      name: 'Testa Framsteg A',
      email: 'progress-a@test.example',
      agency: 'Försäkringskassan',
    });
    // Every lesson's row and the end-of-course case's (its pass is stored as a completed row).
    expect(data.lessons).toHaveLength(course.lessons.length + 1);
    expect(data.knowledgeChecks.length).toBeGreaterThanOrEqual(course.lessons.length + 1);
    expect(data.certificates).toHaveLength(1);
    expect(reply.body).not.toMatch(/password|secret|hash|argon2/i);
  });
});

describe('forged and hostile progress requests write nothing', () => {
  it('ignores a user id in the body: identity comes only from the session', async () => {
    const before = rows('lesson_progress', userIds.b);
    const reply = await json('/api/framsteg', { lektion: course.lessons[1].id, userId: userIds.b }, cookies.c);
    expect(reply.status).toBe(400);
    expect(rows('lesson_progress', userIds.b)).toBe(before);
    expect(rows('lesson_progress', userIds.c)).toBe(0);
  });

  it('answers 404 for unknown courses and lessons, and 400 for malformed ones', async () => {
    expect((await json('/api/framsteg', { lektion: 'finns-inte/alls' }, cookies.c)).status).toBe(404);
    for (const lektion of [
      '../../etc',
      'a'.repeat(10_000),
      '<script>',
      42,
      null,
      'incidenter-och-kontinuitet/forsta-timmen\u0000',
    ]) {
      expect((await json('/api/framsteg', { lektion }, cookies.c)).status, String(lektion).slice(0, 20)).toBe(400);
    }
    expect((await postForm(server.url, '/kurser/finns-inte/alls/klar/', {}, cookies.c)).status).toBe(404);
    expect((await postForm(server.url, '/kurser/finns-inte/alls/kunskapskoll/', {}, cookies.c)).status).toBe(404);
    expect(rows('lesson_progress', userIds.c)).toBe(0);
    expect(rows('quiz_attempts', userIds.c)).toBe(0);
  });

  it('refuses malformed JSON, wrong content types and oversized bodies', async () => {
    const raw = (body: string, type = 'application/json') =>
      request(server.url, '/api/framsteg', {
        method: 'POST',
        cookie: cookies.c,
        headers: { 'content-type': type, origin: server.url },
        body,
      });
    expect((await raw('{"lektion": ')).status).toBe(400);
    expect((await raw('lektion=x', 'text/plain')).status).toBe(415);
    expect((await raw(JSON.stringify({ lektion: 'x'.repeat(10 * 1024 * 1024) }))).status).toBe(413);
    expect(rows('lesson_progress', userIds.c)).toBe(0);
  });

  it('refuses cross-site requests', async () => {
    expect(
      (await json('/api/framsteg', { lektion: course.lessons[1].id }, cookies.c, 'https://evil.example')).status,
    ).toBe(403);
    expect((await json(`${lessonHref(course.lessons[1].id)}klar/`, {}, cookies.c, 'https://evil.example')).status).toBe(
      403,
    );
    expect(rows('lesson_progress', userIds.c)).toBe(0);
  });

  it('records nothing for a signed-out visitor and sends the form post to the login page', async () => {
    const before = (db.prepare('select count(*) as n from lesson_progress').get() as { n: number }).n;
    expect(JSON.parse((await json('/api/framsteg', { lektion: course.lessons[1].id })).body)).toEqual({
      inloggad: false,
    });
    const form = await postForm(server.url, `${lessonHref(course.lessons[1].id)}klar/`, {});
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/logga-in?till=${encodeURIComponent(lessonHref(course.lessons[1].id))}`);
    expect((db.prepare('select count(*) as n from lesson_progress').get() as { n: number }).n).toBe(before);
  });
});
