/**
 * The HTTP front's hot routes (completion-route.ts, health-route.ts) on a
 * real node:http server in front of a stand-in for Astro, over a migrated
 * database file: what they answer, what they write, and what they leave to
 * Astro.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createFrontServer } from '#server/http.ts';
import { completionRoute } from '#server/completion-route.ts';
import { healthRoute } from '#server/health-route.ts';
import type { ProgressCatalog } from '#lib/content/progress-catalog.ts';
import { getDb, type Db } from '#db/client.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import { createSession } from '#lib/auth/session.ts';
import { request, type Reply } from '../helpers/http.ts';

const catalog: ProgressCatalog = [
  {
    id: 'kurs',
    revision: 1,
    lessons: [
      { id: 'kurs/forsta', revision: 1, hasQuiz: false },
      { id: 'kurs/andra', revision: 2, hasQuiz: true },
    ],
  },
];
const dir = mkdtempSync(join(tmpdir(), 'kompetensnav-front-'));
process.env.DATABASE_PATH = join(dir, 'front.db');

let server: Server;
let base: string;
let db: Db;
let f: Fixture;
let cookie: string;

beforeAll(async () => {
  db = getDb();
  f = await seedAccounts(db);
  cookie = `session=${(await createSession(db, f.users.learnerA.id)).token}`;
  const astro = (_req: unknown, res: import('node:http').ServerResponse) => {
    res.statusCode = 418;
    res.end('astro');
  };
  server = createFrontServer(astro, { https: false, routes: [healthRoute, completionRoute(catalog)] });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, headers: Record<string, string> = {}): Promise<Reply> =>
  request(base, path, {
    method: 'POST',
    headers: { 'sec-fetch-site': 'same-origin', accept: 'application/json', ...headers },
  });
const rows = () =>
  db.$client.prepare('select user_id, lesson_id, completed_revision from lesson_progress order by lesson_id').all();

describe('completion route in the HTTP front', () => {
  it('completes a lesson for the session user, with the front headers and no caching', async () => {
    const reply = await post('/kurser/kurs/forsta/klar/', { cookie });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      klar: true,
      status: 'completed',
      statusText: 'Klar',
      kravKunskapskoll: false,
      intyg: false,
    });
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(rows()).toEqual([{ user_id: f.users.learnerA.id, lesson_id: 'kurs/forsta', completed_revision: 1 }]);
  });

  it('does not complete a lesson whose check is not passed, and says so', async () => {
    const reply = await post('/kurser/kurs/andra/klar', { cookie });
    expect(JSON.parse(reply.body)).toMatchObject({ klar: false, kravKunskapskoll: true, status: 'started' });
    const form = await request(base, '/kurser/kurs/andra/klar/', {
      method: 'POST',
      cookie,
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/kurser/kurs/andra/#klar-kraver-kunskapskoll');
  });

  it('sends a plain form post back to the lesson, and a signed-out one to the login with the way back', async () => {
    const signedIn = await request(base, '/kurser/kurs/forsta/klar/?x=1', {
      method: 'POST',
      cookie,
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, '/kurser/kurs/forsta/#markerad-klar']);
    const signedOut = await request(base, '/kurser/kurs/forsta/klar/', { method: 'POST', headers: { origin: base } });
    expect([signedOut.status, signedOut.headers.get('location')]).toEqual([
      303,
      '/logga-in?till=%2Fkurser%2Fkurs%2Fforsta%2F',
    ]);
  });

  it('refuses other sites, unknown lessons and unknown sessions without writing, and clears a dead cookie', async () => {
    const before = rows();
    expect((await post('/kurser/kurs/forsta/klar/', { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(
      (
        await request(base, '/kurser/kurs/forsta/klar/', {
          method: 'POST',
          cookie,
          headers: { origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(403);
    expect((await request(base, '/kurser/kurs/forsta/klar/', { method: 'POST', cookie })).status).toBe(403);
    expect((await post('/kurser/kurs/finns-inte/klar/', { cookie })).status).toBe(404);
    const dead = await post('/kurser/kurs/forsta/klar/', { cookie: 'session=abc.def' });
    expect(dead.status).toBe(401);
    expect(dead.headers.getSetCookie()).toEqual(['session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
    expect(rows()).toEqual(before);
  });

  it('treats malformed cookies as signed out, refuses oversized bodies, and writes nothing for either', async () => {
    const before = rows();
    for (const bad of [
      'session=',
      'session=' + 'a'.repeat(5000),
      'session=ÅÄÖ.<script>',
      'session=a.b.c; session=x',
      '=;;;session',
      'other=1',
    ]) {
      const reply = await post('/kurser/kurs/forsta/klar/', { cookie: bad });
      expect([bad.slice(0, 30), reply.status, JSON.parse(reply.body).fel]).toEqual([
        bad.slice(0, 30),
        401,
        'Logga in för att spara dina framsteg.',
      ]);
    }
    const big = await request(base, '/kurser/kurs/forsta/klar/', {
      method: 'POST',
      cookie,
      headers: { 'sec-fetch-site': 'same-origin' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatch(/för stor/);
    expect(rows()).toEqual(before);
  });

  it('re-sends the cookie with the new expiry when the session slid', async () => {
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const slid = `session=${(await createSession(db, f.users.learnerB.id, old)).token}`;
    const reply = await post('/kurser/kurs/forsta/klar/', { cookie: slid });
    expect(reply.status).toBe(200);
    const [set] = reply.headers.getSetCookie();
    expect(set).toMatch(new RegExp(`^${slid}; Expires=[^;]+ GMT; Path=/; HttpOnly; SameSite=Lax$`));
    expect(new Date(/Expires=([^;]+)/.exec(set)![1]).getTime()).toBeGreaterThan(Date.now());
  });

  it('leaves every other method and path to Astro', async () => {
    for (const [method, path] of [
      ['GET', '/kurser/kurs/forsta/klar/'],
      ['POST', '/kurser/kurs/forsta/'],
      ['POST', '/kurser/Kurs/forsta/klar/'],
      ['POST', '/kurser/kurs/forsta/klar/extra'],
      ['POST', '/api/halsa'],
    ]) {
      const reply = await request(base, path, { method, cookie, headers: { 'sec-fetch-site': 'same-origin' } });
      expect([method, path, reply.status, reply.body]).toEqual([method, path, 418, 'astro']);
    }
  });

  it('answers the health check without touching Astro', async () => {
    const reply = await request(base, '/api/halsa?probe=1');
    expect([reply.status, reply.body, reply.headers.get('cache-control')]).toEqual([200, 'ok', 'no-store']);
    expect((await request(base, '/api/halsa', { method: 'HEAD' })).status).toBe(200);
  });
});
