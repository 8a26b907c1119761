/**
 * Trainer statistics and lesson feedback over HTTP against the built server
 * with its demo data: role scope (only trainers and admins, 403 for managers
 * and learners), small-group suppression on the page and in the CSV, and
 * feedback posts — saved once per participant, editable, hostile input
 * refused with a 4xx and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, postForm, request } from '../helpers/http.ts';
import { testHash, TEST_PASSWORD } from '../helpers/accounts.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';

const COURSE = 'samordnad-it-drift';
const LESSON = `${COURSE}/servicenivaer`;
const LESSON_PATH = '/kurser/samordnad-it-drift/servicenivaer/';
const FEEDBACK = `${LESSON_PATH}aterkoppling/`;
const PAGE = `/statistik/${COURSE}/`;
const CSV = `/statistik/${COURSE}/kursstatistik.csv`;

let server: RunningServer;
let db: Database.Database;
const cookies: Record<string, string> = {};
const smallAgencyUsers: number[] = [];
let learnerId = 0;

beforeAll(async () => {
  server = await startServer();
  db = new Database(server.databasePath);
  db.pragma('busy_timeout = 5000');
  const hash = await testHash();
  // A small agency of two participants who started the course: never shown by name.
  const agencyId = Number(
    db.prepare("insert into agencies (name, code) values ('Liten testmyndighet', 'LTM')").run().lastInsertRowid,
  );
  for (const n of [1, 2]) {
    const id = Number(
      db
        .prepare("insert into users (name, email, agency_id, role, password_hash) values (?, ?, ?, 'learner', ?)")
        .run(`Hemliga Hanna ${n}`, `hanna${n}@ltm.example`, agencyId, hash).lastInsertRowid,
    );
    db.prepare(
      'insert into lesson_progress (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at) values (?, ?, ?, ?, ?, ?)',
    ).run(
      id,
      agencyId,
      COURSE,
      `${COURSE}/beslutet-att-flytta-driften`,
      '2026-11-01T00:00:00Z',
      '2026-11-01T00:00:00Z',
    );
    smallAgencyUsers.push(id);
  }
  const fk = (db.prepare("select id from agencies where code = 'FK'").get() as { id: number }).id;
  learnerId = Number(
    db
      .prepare(
        "insert into users (name, email, agency_id, role, password_hash) values ('Fia Feedback', 'fia@test.example', ?, 'learner', ?)",
      )
      .run(fk, hash).lastInsertRowid,
  );
  cookies.learner = await login(server.url, 'fia@test.example', TEST_PASSWORD);
  cookies.trainer = await login(server.url, 'utbildare@fk.example', DEMO_PASSWORDS.trainer);
  cookies.admin = await login(server.url, 'admin@fk.example', DEMO_PASSWORDS.admin);
  cookies.agencyManager = await login(server.url, 'myndighetschef@pm.example', DEMO_PASSWORDS.manager);
  cookies.teamManager = await login(server.url, 'chef.it-drift@fk.example', DEMO_PASSWORDS.manager);
  cookies.demoLearner = await login(server.url, 'anna.andersson@fk.example', DEMO_PASSWORDS.learner);
  // The lesson's demo feedback is cleared so the test controls how many answered.
  db.prepare('delete from lesson_feedback where lesson_id = ?').run(LESSON);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const feedbackRows = () =>
  db.prepare('select user_id, helpful, comment from lesson_feedback where lesson_id = ? order by id').all(LESSON) as {
    user_id: number;
    helpful: number;
    comment: string | null;
  }[];

describe('role scope of the trainer pages', () => {
  it('gives trainers and admins the page and the CSV, managers and learners 403, visitors the login page', async () => {
    for (const path of [PAGE, CSV]) {
      expect((await request(server.url, path, { cookie: cookies.trainer })).status, path).toBe(200);
      expect((await request(server.url, path, { cookie: cookies.admin })).status, path).toBe(200);
      for (const role of ['agencyManager', 'teamManager', 'demoLearner', 'learner']) {
        const reply = await request(server.url, path, { cookie: cookies[role] });
        expect(reply.status, `${role} ${path}`).toBe(403);
        expect(reply.body).not.toContain('Påbörjat;');
      }
      const anonymous = await request(server.url, path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toMatch(/^\/logga-in\?till=/);
    }
  });

  it('answers 404 for courses that do not exist or malformed names', async () => {
    for (const path of [
      '/statistik/finns-inte/',
      '/statistik/%2e%2e%2fadmin/',
      '/statistik/finns-inte/kursstatistik.csv',
      `/statistik/${'a'.repeat(10_000)}/`,
    ]) {
      expect((await request(server.url, path, { cookie: cookies.trainer })).status, path.slice(0, 40)).toBe(404);
    }
  });

  it('audits the export', async () => {
    await request(server.url, CSV, { cookie: cookies.trainer });
    const row = db
      .prepare("select outcome, target_id from audit_log where action = 'statistics.export' order by id desc limit 1")
      .get() as { outcome: string; target_id: string };
    expect(row).toEqual({ outcome: 'ok', target_id: COURSE });
  });
});

describe('small groups', () => {
  it('pools a small agency into "Övriga myndigheter", shown as "färre än 5", on the page and in the CSV', async () => {
    const page = await request(server.url, PAGE, { cookie: cookies.trainer });
    expect(page.body).not.toContain('Liten testmyndighet');
    expect(page.body).not.toContain('Hemliga Hanna');
    expect(page.body).toMatch(/<th scope="row">Övriga myndigheter<\/th><td>färre än 5<\/td>/);
    const csv = await request(server.url, CSV, { cookie: cookies.trainer });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // fetch's text() drops the BOM; the bytes keep it.
    expect(csv.body.startsWith('Avsnitt;Gäller;Mått;Värde\r\n')).toBe(true);
    const bytes = new Uint8Array(
      await (await fetch(new URL(CSV, server.url), { headers: { cookie: cookies.trainer } })).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain('Deltagare;Övriga myndigheter;Påbörjat;färre än 5\r\n');
    expect(csv.body).not.toContain('Liten testmyndighet');
  });

  it('never shows names or e-mails of participants', async () => {
    const page = await request(server.url, PAGE, { cookie: cookies.trainer });
    const csv = await request(server.url, CSV, { cookie: cookies.trainer });
    const people = db.prepare("select name, email from users where role = 'learner'").all() as {
      name: string;
      email: string;
    }[];
    for (const p of people) {
      for (const body of [page.body, csv.body]) {
        expect(body).not.toContain(p.email);
        expect(body).not.toContain(p.name);
      }
    }
  });
});

describe('lesson feedback', () => {
  it('saves one answer per participant and lets them change it', async () => {
    const first = await postForm(
      server.url,
      FEEDBACK,
      { hjalpte: 'nej', kommentar: 'Ska\u0308rpt exempel' },
      cookies.learner,
    );
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`${LESSON_PATH}#aterkoppling-sparad`);
    const second = await postForm(
      server.url,
      FEEDBACK,
      { hjalpte: 'ja', kommentar: '<script>alert(1)</script> "><svg onload=alert(1)>' },
      cookies.learner,
    );
    expect(second.status).toBe(303);
    const rows = feedbackRows().filter((r) => r.user_id === learnerId);
    expect(rows).toEqual([
      { user_id: learnerId, helpful: 1, comment: '<script>alert(1)</script> "><svg onload=alert(1)>' },
    ]);
    // NFD is stored as NFC.
    await postForm(server.url, FEEDBACK, { hjalpte: 'ja', kommentar: 'Ska\u0308rpt' }, cookies.learner);
    expect(feedbackRows().find((r) => r.user_id === learnerId)?.comment).toBe('Skärpt');
    await postForm(server.url, FEEDBACK, { hjalpte: 'ja', kommentar: '<script>alert(1)</script>' }, cookies.learner);
  });

  it('refuses hostile and malformed posts with a 4xx and writes nothing', async () => {
    const before = JSON.stringify(feedbackRows());
    const cases: [string, Promise<{ status: number }>, number][] = [
      [
        'RTL override',
        postForm(server.url, FEEDBACK, { hjalpte: 'ja', kommentar: 'abc\u202edef' }, cookies.learner),
        400,
      ],
      ['zero-width', postForm(server.url, FEEDBACK, { hjalpte: 'ja', kommentar: 'a\u200bb' }, cookies.learner), 400],
      ['NUL', postForm(server.url, FEEDBACK, { hjalpte: 'ja', kommentar: 'a\u0000b' }, cookies.learner), 400],
      [
        '501 characters',
        postForm(server.url, FEEDBACK, { hjalpte: 'ja', kommentar: 'x'.repeat(501) }, cookies.learner),
        400,
      ],
      ['wrong value', postForm(server.url, FEEDBACK, { hjalpte: 'kanske' }, cookies.learner), 400],
      ['missing answer', postForm(server.url, FEEDBACK, { kommentar: 'hej' }, cookies.learner), 400],
      ['extra field', postForm(server.url, FEEDBACK, { hjalpte: 'ja', userId: '1' }, cookies.learner), 400],
      [
        'other user id',
        postForm(server.url, FEEDBACK, { hjalpte: 'ja', user_id: String(smallAgencyUsers[0]) }, cookies.learner),
        400,
      ],
      [
        'JSON body',
        request(server.url, FEEDBACK, {
          method: 'POST',
          cookie: cookies.learner,
          headers: { 'content-type': 'application/json', origin: server.url },
          body: '{"hjalpte":"ja"',
        }),
        415,
      ],
      [
        '10 MB',
        postForm(server.url, FEEDBACK, { hjalpte: 'ja', kommentar: 'x'.repeat(10 * 1024 * 1024) }, cookies.learner),
        413,
      ],
      ['other origin', postForm(server.url, FEEDBACK, { hjalpte: 'ja' }, cookies.learner, 'https://evil.example'), 403],
      [
        'unknown lesson',
        postForm(server.url, '/kurser/samordnad-it-drift/finns-inte/aterkoppling/', { hjalpte: 'ja' }, cookies.learner),
        404,
      ],
      [
        'path traversal',
        postForm(server.url, '/kurser/samordnad-it-drift/%2e%2e/aterkoppling/', { hjalpte: 'ja' }, cookies.learner),
        404,
      ],
    ];
    for (const [label, reply, status] of cases) expect((await reply).status, label).toBe(status);
    const anonymous = await postForm(server.url, FEEDBACK, { hjalpte: 'ja' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/logga-in\?till=/);
    expect(JSON.stringify(feedbackRows())).toBe(before);
  });

  it('shows trainers comments without names only once 5 have answered, encoded', async () => {
    const stmt = db.prepare(
      'insert into lesson_feedback (user_id, agency_id, course_id, lesson_id, helpful, comment, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const others = db
      .prepare(
        "select id, agency_id from users where role = 'learner' and id <> ? and email like '%@fk.example' limit 4",
      )
      .all(learnerId) as { id: number; agency_id: number }[];
    others
      .slice(0, 3)
      .forEach((u, i) =>
        stmt.run(
          u.id,
          u.agency_id,
          COURSE,
          LESSON,
          1,
          i === 0 ? 'Kommentar i liten grupp' : null,
          '2026-11-02T00:00:00Z',
        ),
      );
    let page = await request(server.url, PAGE, { cookie: cookies.trainer });
    expect(page.body).not.toContain('Kommentar i liten grupp');
    expect(page.body).not.toContain('alert(1)');
    const four = others[3];
    stmt.run(four.id, four.agency_id, COURSE, LESSON, 0, null, '2026-11-02T00:00:00Z');
    page = await request(server.url, PAGE, { cookie: cookies.trainer });
    expect(page.body).toContain('Kommentar i liten grupp');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    const csv = await request(server.url, CSV, { cookie: cookies.trainer });
    expect(csv.body).toContain('Hjälpte lektionen?;Servicenivåer och hur du läser dem;Svar;5\r\n');
    expect(csv.body).not.toContain('Kommentar i liten grupp');
  });
});
