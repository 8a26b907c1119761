/**
 * Sign-in over HTTP: cookie attributes, return paths, logout, password change
 * and reset links, throttling that kicks in and resets, no user enumeration
 * through messages, structured log lines without secrets, and the headers of
 * a personal page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, openReadOnly, postForm, request, sessionCookie } from '../helpers/http.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import { LOGIN_FAILED_MESSAGE } from '#lib/auth/login.ts';

let server: RunningServer;
let db: Database.Database;

beforeAll(async () => {
  // Refill quickly so "resets" can be seen in a test: 5 tries per account, then one per second.
  server = await startServer({ LOGIN_ACCOUNT_PER_MINUTE: '60', LOGIN_IP_BURST: '60', LOGIN_IP_PER_MINUTE: '600' });
  db = openReadOnly(server.databasePath);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const escaped = (s: string) => s.replace(/&/g, '&amp;');
/** The e-mail of the n-th demo participant at FK: each test uses its own account. */
const learner = (n: number): string =>
  (
    db
      .prepare(
        "select email from users where role = 'learner' and agency_id = (select id from agencies where code = 'FK') order by id limit 1 offset ?",
      )
      .get(n) as { email: string }
  ).email;

describe('login flow', () => {
  it('sets an HttpOnly, SameSite=Lax, Path=/ session cookie that expires, and a new token at every login', async () => {
    const first = await postForm(server.url, '/logga-in', {
      email: 'anna.andersson@fk.example',
      password: DEMO_PASSWORDS.learner,
    });
    expect(first.status).toBe(303);
    const line = first.headers.getSetCookie().find((l) => l.startsWith('session='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).toMatch(/Path=\//);
    expect(line).toMatch(/Expires=/);
    expect(line).not.toMatch(/Secure/); // http here; Secure + __Host- over https is tested below
    const second = await login(server.url, 'anna.andersson@fk.example', DEMO_PASSWORDS.learner);
    expect(second).not.toBe(sessionCookie(first));
    const token = sessionCookie(first)!.split('=')[1];
    const stored = JSON.stringify(db.prepare('select * from sessions').all());
    expect(stored).not.toContain(token.split('.')[1]);
  });

  it('goes back to a local ?till= path only, otherwise to the role’s page', async () => {
    const local = await postForm(server.url, '/logga-in?till=%2Fstatistik', {
      email: 'utbildare@fk.example',
      password: DEMO_PASSWORDS.trainer,
      till: '/statistik',
    });
    expect(local.headers.get('location')).toBe('/statistik');
    for (const evil of ['//evil.example', 'https://evil.example', '/\\evil.example', '/%2F%2Fevil.example']) {
      const reply = await postForm(server.url, '/logga-in', {
        email: 'utbildare@fk.example',
        password: DEMO_PASSWORDS.trainer,
        till: evil,
      });
      expect(reply.headers.get('location'), evil).toBe('/statistik');
    }
    const page = await request(server.url, '/logga-in?till=//evil.example');
    expect(page.body).not.toContain('evil.example');
  });

  it('logout deletes the session server-side; GET does not log out', async () => {
    const cookie = await login(server.url, 'chef.plattform@af.example', DEMO_PASSWORDS.manager);
    const sessionsBefore = (db.prepare('select count(*) as n from sessions').get() as { n: number }).n;
    const get = await request(server.url, '/logga-ut', { cookie });
    expect(get.status).toBe(200);
    expect((await request(server.url, '/konto', { cookie })).status).toBe(200);
    const out = await postForm(server.url, '/logga-ut', {}, cookie);
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join()).toMatch(/session=;.*Max-Age=0/);
    expect((db.prepare('select count(*) as n from sessions').get() as { n: number }).n).toBe(sessionsBefore - 1);
    expect((await request(server.url, '/konto', { cookie })).status).toBe(303);
  });

  it('says the same thing for an unknown e-mail and a wrong password, in similar time', async () => {
    const time = async (email: string) => {
      const start = performance.now();
      const reply = await postForm(server.url, '/logga-in', { email, password: 'inte-rätt-lösenord' });
      return { ms: performance.now() - start, reply };
    };
    const unknown = await time('finns.inte@fk.example');
    const wrong = await time(learner(1));
    expect(unknown.reply.status).toBe(401);
    expect(wrong.reply.status).toBe(401);
    expect(unknown.reply.body).toContain(escaped(LOGIN_FAILED_MESSAGE));
    expect(wrong.reply.body).toContain(escaped(LOGIN_FAILED_MESSAGE));
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(unknown.reply.body)).toBe(strip(wrong.reply.body));
    // Both run argon2 (a dummy hash for unknown accounts): neither is an order of magnitude faster.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 5);
  });

  it('throttles an account after 5 failures with the same message, logs the lockout, and lets it in again after the refill', async () => {
    const email = learner(2);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await postForm(server.url, '/logga-in', { email, password: 'fel' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await postForm(server.url, '/logga-in', { email, password: DEMO_PASSWORDS.learner });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain(escaped(LOGIN_FAILED_MESSAGE));
    const lockouts = db.prepare("select * from audit_log where action = 'login.lockout' and target_id = ?").all(email);
    expect(lockouts.length).toBeGreaterThan(0);
    expect(server.output()).toMatch(/"event":"login.lockout".*"outcome":"locked"/);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await postForm(server.url, '/logga-in', { email, password: DEMO_PASSWORDS.learner })).status).toBe(303);
  });

  it('never writes a password or a token to the log or the audit table', async () => {
    const cookie = await login(server.url, learner(3), DEMO_PASSWORDS.learner);
    const output = server.output();
    for (const secret of Object.values(DEMO_PASSWORDS)) {
      // start.ts prints the demo passwords once at start-up (demo mode); nothing else may.
      const afterStart = output.slice(output.indexOf('körs på'));
      expect(afterStart).not.toContain(secret);
    }
    expect(output).not.toContain(cookie.split('=')[1].split('.')[1]);
    const audit = JSON.stringify(db.prepare('select * from audit_log').all());
    for (const secret of Object.values(DEMO_PASSWORDS)) expect(audit).not.toContain(secret);
    expect(output).toMatch(/^\{"time":"\d{4}-\d\d-\d\dT[\d:.]+Z","event":"login"/m);
  });

  it('changes the password: checks the current one and the policy, then ends every other session', async () => {
    const email = learner(4);
    const other = await login(server.url, email, DEMO_PASSWORDS.learner);
    const cookie = await login(server.url, email, DEMO_PASSWORDS.learner);
    const wrongCurrent = await postForm(
      server.url,
      '/konto/losenord',
      {
        currentPassword: 'fel',
        newPassword: 'en helt ny fras att minnas',
        repeatPassword: 'en helt ny fras att minnas',
      },
      cookie,
    );
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body).toContain('nuvarande lösenordet stämmer inte');
    const common = await postForm(
      server.url,
      '/konto/losenord',
      { currentPassword: DEMO_PASSWORDS.learner, newPassword: 'Sommar2024', repeatPassword: 'Sommar2024' },
      cookie,
    );
    expect(common.status).toBe(400);
    expect(common.body).toContain('för vanligt');
    expect(common.body).toContain('href="#f-newPassword"');
    const mismatch = await postForm(
      server.url,
      '/konto/losenord',
      {
        currentPassword: DEMO_PASSWORDS.learner,
        newPassword: 'en helt ny fras att minnas',
        repeatPassword: 'en annan fras',
      },
      cookie,
    );
    expect(mismatch.status).toBe(400);
    const ok = await postForm(
      server.url,
      '/konto/losenord',
      {
        currentPassword: DEMO_PASSWORDS.learner,
        newPassword: 'en helt ny fras att minnas',
        repeatPassword: 'en helt ny fras att minnas',
      },
      cookie,
    );
    expect(ok.status).toBe(303);
    const fresh = sessionCookie(ok)!;
    expect((await request(server.url, '/konto', { cookie: fresh })).status).toBe(200);
    expect((await request(server.url, '/konto', { cookie: other })).status).toBe(303);
    expect((await request(server.url, '/konto', { cookie })).status).toBe(303);
    expect((await postForm(server.url, '/logga-in', { email, password: DEMO_PASSWORDS.learner })).status).toBe(401);
    await login(server.url, email, 'en helt ny fras att minnas');
  });

  it('a reset link works once, ends old sessions, and a used or bogus link is 404', async () => {
    const admin = await login(server.url, 'admin@fk.example', DEMO_PASSWORDS.admin);
    const victim = db.prepare('select id, email from users where email = ?').get(learner(5)) as {
      id: number;
      email: string;
    };
    const old = await login(server.url, victim.email, DEMO_PASSWORDS.learner);
    const made = await postForm(server.url, `/admin/anvandare/${victim.id}`, { action: 'aterstallningslank' }, admin);
    expect(made.status).toBe(200);
    const path = new URL(/https?:\/\/[^<"]+\/konto\/aterstall\/[a-z2-7.]+/.exec(made.body)![0]).pathname;
    const token = path.split('/').pop()!;
    expect(JSON.stringify(db.prepare('select * from password_resets').all())).not.toContain(token.split('.')[1]);
    expect(server.output()).not.toContain(token);
    const page = await request(server.url, path);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    const set = await postForm(server.url, path, {
      newPassword: 'nytt lösenord via länk',
      repeatPassword: 'nytt lösenord via länk',
    });
    expect(set.status).toBe(200);
    expect((await request(server.url, '/konto', { cookie: old })).status).toBe(303);
    await login(server.url, victim.email, 'nytt lösenord via länk');
    expect((await request(server.url, path)).status).toBe(404);
    expect(
      (
        await postForm(server.url, path, {
          newPassword: 'ännu ett nytt lösenord',
          repeatPassword: 'ännu ett nytt lösenord',
        })
      ).status,
    ).toBe(404);
    expect((await request(server.url, '/konto/aterstall/abc.def')).status).toBe(404);
  });

  it('personal pages carry no-store and the security headers', async () => {
    const cookie = await login(server.url, 'admin@fk.example', DEMO_PASSWORDS.admin);
    const page = await request(server.url, '/konto', { cookie });
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBeTruthy();
  });
});

describe('login flow in other modes', () => {
  it('uses a __Host- cookie with Secure when PUBLIC_ORIGIN is https', async () => {
    const tls = await startServer({ PUBLIC_ORIGIN: 'https://kompetensnav.example' });
    try {
      // A trainer: no second step, so the password alone starts the session.
      const reply = await postForm(tls.url, '/logga-in', {
        email: 'utbildare@fk.example',
        password: DEMO_PASSWORDS.trainer,
      });
      const line = reply.headers.getSetCookie().find((l) => l.startsWith('__Host-session='))!;
      expect(line).toMatch(/Secure/);
      expect(line).toMatch(/Path=\//);
      expect(line).not.toMatch(/Domain=/i);
      expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=/);
    } finally {
      await tls.stop();
    }
  });

  it('production mode seeds no demo accounts and prints no demo passwords', async () => {
    const prod = await startServer({ KOMPETENSNAV_MODE: 'production' });
    try {
      for (const secret of Object.values(DEMO_PASSWORDS)) expect(prod.output()).not.toContain(secret);
      expect(
        (await postForm(prod.url, '/logga-in', { email: 'admin@fk.example', password: DEMO_PASSWORDS.admin })).status,
      ).toBe(401);
    } finally {
      await prod.stop();
    }
  });
});
