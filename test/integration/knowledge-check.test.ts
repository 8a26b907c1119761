/**
 * Knowledge checks over HTTP against the real built server: each attempt is
 * drawn from the pool on the server and stays the same on reload; grading
 * maps displayed positions back; the result never gives away the right
 * option of a failed attempt; blind retries meet the cool-down; bad input
 * gets a clear Swedish 400/404/409 and writes nothing; hostile requests a 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, postForm, request } from '../helpers/http.ts';
import { testHash, TEST_PASSWORD } from '../helpers/accounts.ts';
import { answerFields, openAttempt, rightPosition, takeCheck, type ShownAttempt } from '../helpers/quiz.ts';
import { readContentTree } from '#lib/content/files.ts';
import { splitSource } from '#lib/content/frontmatter.ts';
import type { CaseData, LessonData } from '#lib/content/schema.ts';

let server: RunningServer;
let db: Database.Database;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const { files } = readContentTree(process.cwd(), 'content');
const source = (path: string) => splitSource(files.find((f) => f.path === path)!.source).doc!.toJS() as unknown;
const lesson = source('content/samordnad-it-drift/04-servicenivaer.mdx') as LessonData;
const finalCase = source('content/samordnad-it-drift/slutfall.mdx') as CaseData;
const lessonId = 'samordnad-it-drift/servicenivaer';
const action = '/kurser/samordnad-it-drift/servicenivaer/kunskapskoll/';
const caseAction = '/kurser/samordnad-it-drift/slutfall/kunskapskoll/';
const PEOPLE = ['pass', 'fail', 'bad', 'other', 'blind', 'case', 'hostile'] as const;

beforeAll(async () => {
  server = await startServer();
  db = new Database(server.databasePath);
  db.pragma('busy_timeout = 5000');
  const hash = await testHash();
  const agencyId = (db.prepare("select id from agencies where code = 'FK'").get() as { id: number }).id;
  for (const key of PEOPLE) {
    const email = `kontroll-${key}@test.example`;
    ids[key] = Number(
      db
        .prepare("insert into users (name, email, agency_id, role, password_hash) values (?, ?, ?, 'learner', ?)")
        .run(`Testa Kontroll ${key}`, email, agencyId, hash).lastInsertRowid,
    );
    cookies[key] = await login(server.url, email, TEST_PASSWORD);
  }
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const count = (table: string, key: string) =>
  (db.prepare(`select count(*) as n from ${table} where user_id = ?`).get(ids[key]) as { n: number }).n;
const openDraws = (key: string) =>
  (
    db.prepare('select count(*) as n from quiz_draws where user_id = ? and answered_at is null').get(ids[key]) as {
      n: number;
    }
  ).n;

async function attempt(key: string, path = action): Promise<ShownAttempt> {
  const a = await openAttempt(server.url, path, cookies[key]);
  if (!a) throw new Error(`inget försök på ${path}`);
  return a;
}

describe('a drawn attempt', () => {
  it('asks a signed-out visitor to sign in instead of showing questions', async () => {
    const page = await request(server.url, action);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Logga in för att göra kontrollen');
    expect(page.body).not.toContain('name="forsok"');
    expect((await postForm(server.url, action, { forsok: 'a'.repeat(26), q0: '0' })).status).toBe(401);
  });

  it('shows quizShown questions of the pool, the same on reload, and no key or explanation', async () => {
    const first = await attempt('pass');
    expect(first.shown).toHaveLength(lesson.quizShown!);
    expect(lesson.quiz.length).toBeGreaterThan(lesson.quizShown!);
    const again = await attempt('pass');
    expect(again.attemptId).toBe(first.attemptId);
    expect(again.shown.map((q) => q.options)).toEqual(first.shown.map((q) => q.options));
    expect(first.page.headers.get('cache-control')).toBe('no-store');
    for (const q of lesson.quiz) for (const o of q.options) expect(first.page.body).not.toContain(o.explanation);
    expect(openDraws('pass')).toBe(1);
  });

  it('passes all-right answers given by displayed position, and stores what was shown', async () => {
    const a = await attempt('pass');
    const res = await postForm(server.url, action, answerFields(a), cookies.pass);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toContain('Godkänt!');
    expect(res.body).toContain(`Du hade ${lesson.quizShown} av ${lesson.quizShown} rätt.`);
    const row = db.prepare('select shown, answers, passed from quiz_attempts where user_id = ?').get(ids.pass) as {
      shown: string;
      answers: string;
      passed: number;
    };
    const shown = JSON.parse(row.shown) as number[];
    expect(shown.map((i) => lesson.quiz[i].question)).toEqual(a.shown.map((q) => q.question.question));
    expect(JSON.parse(row.answers)).toEqual(lesson.quiz.map((q, i) => (shown.includes(i) ? q.answer : null)));
    expect(row.passed).toBe(1);
  });

  it("explains only the chosen wrong option, says 'Obesvarad' and nothing more, and never the right option", async () => {
    const a = await attempt('fail');
    const fields = answerFields(a, true);
    delete fields.q1;
    const res = await postForm(server.url, action, fields, cookies.fail);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Inte godkänt än.');
    expect(res.body).toContain('Fel.');
    expect(res.body).toContain('Obesvarad.');
    const [wrong, unanswered] = a.shown;
    const chosen = wrong.question.options.find((o) => o.text === wrong.options[Number(fields.q0)])!;
    expect(res.body).toContain(escapeHtml(chosen.explanation));
    for (const q of [wrong, unanswered]) {
      const right = q.question.options[q.question.answer];
      expect(res.body).not.toContain(escapeHtml(right.explanation));
      expect(res.body).not.toContain('Rätt svar:');
    }
    for (const o of unanswered.question.options) expect(res.body).not.toContain(escapeHtml(o.explanation));
    expect(res.body).toContain('Gör ett nytt försök');
  });
});

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('bad input is refused with a clear message, and nothing is written', () => {
  it('unknown attempt, another person’s attempt, out-of-range answer, missing answers or id', async () => {
    const mine = await attempt('bad');
    const theirs = await attempt('other');
    const right = answerFields(mine);
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['unknown id', { ...right, forsok: 'a'.repeat(26) }, 404, /Försöket finns inte/],
      ['malformed id', { ...right, forsok: '../../x' }, 404, /Försöket finns inte/],
      ["another person's attempt", answerFields(theirs), 404, /Försöket finns inte/],
      ['answer out of range', { ...right, q0: '9' }, 400, /finns inte bland alternativen/],
      ['garbled answer', { ...right, q0: '0&q0=1' }, 400, /finns inte bland alternativen/],
      ['no answers', { forsok: mine.attemptId }, 400, /inte svarat på någon fråga/],
      ['no attempt id', { q0: '0' }, 400, /saknar försökets nummer/],
    ];
    for (const [what, fields, status, message] of cases) {
      const res = await postForm(server.url, action, fields, cookies.bad);
      expect(res.status, what).toBe(status);
      expect(res.body, what).toMatch(message);
      expect(res.body, what).toContain('lang="sv"');
    }
    expect(count('quiz_attempts', 'bad')).toBe(0);
    expect(count('lesson_progress', 'bad')).toBe(0);
    expect(count('quiz_attempts', 'other')).toBe(0);
    expect(openDraws('bad')).toBe(1);
    expect(openDraws('other')).toBe(1);
  });

  it('shows the same attempt again with the error summary after an out-of-range answer', async () => {
    const a = await attempt('bad');
    const res = await postForm(server.url, action, { ...answerFields(a), q1: '7' }, cookies.bad);
    expect(res.status).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain(`value="${a.attemptId}"`);
  });

  it('refuses a replayed attempt with 409 and stores it once', async () => {
    const a = await attempt('bad');
    const fields = answerFields(a);
    expect((await postForm(server.url, action, fields, cookies.bad)).status).toBe(200);
    const replay = await postForm(server.url, action, fields, cookies.bad);
    expect(replay.status).toBe(409);
    expect(replay.body).toContain('redan rättat');
    expect(count('quiz_attempts', 'bad')).toBe(1);
  });
});

describe('a script that retries blindly', () => {
  it('is stopped by the cool-down after three failed attempts', async () => {
    const graded: number[] = [];
    let stopped = '';
    for (let i = 0; i < 8; i++) {
      const a = await openAttempt(server.url, action, cookies.blind);
      if (!a) {
        const page = await request(server.url, action, { cookie: cookies.blind });
        stopped = page.body;
        // It also tries to post a made-up attempt: refused, nothing written.
        const forged = await postForm(server.url, action, { forsok: 'a'.repeat(26), q0: '0' }, cookies.blind);
        expect(forged.status).toBe(404);
        continue;
      }
      // Blind: a wrong answer to the first question, every time.
      const fields = answerFields(a, true);
      const res = await postForm(server.url, action, fields, cookies.blind);
      graded.push(res.status);
    }
    expect(graded).toEqual([200, 200, 200]);
    expect(stopped).toContain('fel 3 gånger i rad');
    expect(stopped).toMatch(/Du kan försöka igen kl\. \d{2}:\d{2} \(om 10 minuter\)/);
    expect(count('quiz_attempts', 'blind')).toBe(3);
    const done = db
      .prepare('select completed_at from lesson_progress where user_id = ? and lesson_id = ?')
      .get(ids.blind, lessonId) as { completed_at: string | null };
    expect(done.completed_at).toBeNull();
  });
});

describe('the end-of-course case', () => {
  it('has a public prerendered page linked from the course page and the last lesson', async () => {
    const page = await request(server.url, '/kurser/samordnad-it-drift/slutfall/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(escapeHtml(finalCase.title));
    expect(page.body).toContain(caseAction);
    const course = await request(server.url, '/kurser/samordnad-it-drift/');
    expect(course.body).toContain('/kurser/samordnad-it-drift/slutfall/');
  });

  it('shows every question of the case with the scenario, and a pass stores the case as completed', async () => {
    const a = await attempt('case', caseAction);
    expect(a.shown).toHaveLength(finalCase.questions.length);
    expect(a.page.body).toContain('Servicenivåer första kvartalet');
    expect(a.shown.every((q) => rightPosition(q) >= 0)).toBe(true);
    const res = await takeCheck(server.url, caseAction, cookies.case);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Slutfallet är godkänt');
    const row = db
      .prepare('select completed_at from lesson_progress where user_id = ? and lesson_id = ?')
      .get(ids.case, 'samordnad-it-drift/slutfall') as { completed_at: string | null };
    expect(row.completed_at).toBeTruthy();
    expect(count('course_completions', 'case')).toBe(0);
  });
});

describe('hostile requests', () => {
  it('answers 404 for unknown or hostile lesson paths', async () => {
    for (const path of [
      '/kurser/finns-inte/servicenivaer/kunskapskoll/',
      '/kurser/finns-inte/slutfall/kunskapskoll/',
      '/kurser/samordnad-it-drift/%2e%2e%2fadmin/kunskapskoll/',
      '/kurser/..%2f..%2fetc/passwd/kunskapskoll/',
      `/kurser/samordnad-it-drift/${'a'.repeat(10_000)}/kunskapskoll/`,
      '/kurser/samordnad-it-drift/servicenivaer%00/kunskapskoll/',
    ]) {
      const res = await postForm(server.url, path, { forsok: 'a'.repeat(26), q0: '0' }, cookies.hostile);
      expect([400, 404, 414, 431], path).toContain(res.status);
    }
  });

  it('refuses a cross-site form post', async () => {
    const a = await attempt('hostile');
    const res = await postForm(server.url, action, answerFields(a), cookies.hostile, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(count('quiz_attempts', 'hostile')).toBe(0);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await request(server.url, action, {
      method: 'POST',
      cookie: cookies.hostile,
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `q0=${'1'.repeat(10 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
  });

  it('answers a malformed multipart body with 400', async () => {
    const res = await request(server.url, action, {
      method: 'POST',
      cookie: cookies.hostile,
      headers: { origin: server.url, 'content-type': 'multipart/form-data; boundary=y' },
      body: '--x\r\nnot really multipart',
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Formuläret kunde inte läsas');
  });

  it('never shows a hostile answer value back', async () => {
    const a = await attempt('hostile');
    const res = await postForm(
      server.url,
      action,
      { forsok: a.attemptId, q0: '<script>alert(1)</script>' },
      cookies.hostile,
    );
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)</script>');
  });
});
