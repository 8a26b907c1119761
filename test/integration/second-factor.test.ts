/**
 * The second factor and the session list over HTTP against the built server
 * in demo mode: the demo admin signs in with the code the page shows; a new
 * manager must enrol (QR code, manual key, first code, ten recovery codes);
 * wrong and replayed codes are refused and throttled; /konto lists the
 * person's sessions and ends one or all others, never someone else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, openReadOnly, pendingCookie, postForm, request, sessionCookie } from '../helpers/http.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import { totpCode, totpStep } from '#lib/auth/totp.ts';

let server: RunningServer;
let db: Database.Database;

beforeAll(async () => {
  server = await startServer();
  db = openReadOnly(server.databasePath);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const demoCodeOn = (body: string) => /data-demo-code="(\d{6})"/.exec(body)?.[1];

async function passwordStep(email: string, password: string): Promise<string> {
  const reply = await postForm(server.url, '/logga-in', { email, password });
  expect(reply.status).toBe(303);
  expect(reply.headers.get('location')).toBe('/logga-in/tva-steg');
  expect(sessionCookie(reply)).toBeNull(); // no session before the second factor
  const line = reply.headers.getSetCookie().find((l) => l.startsWith('inloggning-steg2='))!;
  expect(line).toMatch(/HttpOnly/);
  expect(line).toMatch(/Path=\/logga-in/);
  return pendingCookie(reply);
}

describe('second factor at sign-in', () => {
  it('the demo admin types the code the page shows; a wrong or replayed code is refused', async () => {
    const pending = await passwordStep('admin@fk.example', DEMO_PASSWORDS.admin);
    const page = await request(server.url, '/logga-in/tva-steg', { cookie: pending });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Demoläge: demokontona delar en känd nyckel');
    const code = demoCodeOn(page.body)!;
    const wrong = await postForm(
      server.url,
      '/logga-in/tva-steg',
      { code: code === '000000' ? '111111' : '000000' },
      pending,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Koden stämmer inte, eller är redan använd.');
    expect(sessionCookie(wrong)).toBeNull();
    const right = await postForm(server.url, '/logga-in/tva-steg', { code }, pending);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/admin'); // the admin's own landing page (issue 13);
    expect(sessionCookie(right)).not.toBeNull();
    // The pending sign-in is used up, and the same code does not work twice.
    expect((await postForm(server.url, '/logga-in/tva-steg', { code }, pending)).status).toBe(401);
    const again = await passwordStep('admin@fk.example', DEMO_PASSWORDS.admin);
    expect((await postForm(server.url, '/logga-in/tva-steg', { code }, again)).status).toBe(400);
    const audit = db
      .prepare(
        "select action, outcome, detail from audit_log where action like 'login%' and actor_email = 'admin@fk.example'",
      )
      .all();
    expect(audit).toContainEqual({ action: 'login.second-factor', outcome: 'failed', detail: null });
    expect(audit).toContainEqual({ action: 'login', outcome: 'ok', detail: 'med tvåstegskod' });
  });

  it('throttles guessing: after 5 wrong codes the 6th try is refused even when right', async () => {
    const pending = await passwordStep('chef.plattform@af.example', DEMO_PASSWORDS.manager);
    for (let i = 0; i < 5; i++)
      expect((await postForm(server.url, '/logga-in/tva-steg', { code: `00000${i}` }, pending)).status).toBe(400);
    const code = demoCodeOn((await request(server.url, '/logga-in/tva-steg', { cookie: pending })).body)!;
    const refused = await postForm(server.url, '/logga-in/tva-steg', { code }, pending);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('För många felaktiga koder.');
  });

  it('a new manager must enrol: QR code, first code, ten recovery codes shown once; then cannot turn it off', async () => {
    const admin = await login(server.url, 'admin@fk.example', DEMO_PASSWORDS.admin);
    const agency = (db.prepare("select id from agencies where code = 'AF'").get() as { id: number }).id;
    const made = await postForm(
      server.url,
      '/admin/anvandare',
      {
        name: 'Nya Chefen',
        email: 'nya.chefen@af.example',
        agencyId: String(agency),
        teamId: '',
        role: 'manager',
        managerScope: 'agency',
      },
      admin,
    );
    expect(made.status).toBe(200);
    const link = /\/konto\/aterstall\/[a-z2-7.]+/.exec(made.body)![0];
    expect(
      (await postForm(server.url, link, { newPassword: 'chefens egen fras', repeatPassword: 'chefens egen fras' }))
        .status,
    ).toBe(200);

    const pending = await passwordStep('nya.chefen@af.example', 'chefens egen fras');
    const page = await request(server.url, '/logga-in/tva-steg', { cookie: pending });
    expect(page.body).toContain('<svg');
    expect(demoCodeOn(page.body)).toBeUndefined(); // not a demo account: no code shown
    const key = decodeBase32IgnorePadding(
      /nyckeln för hand: <code>([A-Z2-7 ]+)<\/code>/.exec(page.body)![1].replace(/ /g, ''),
    );
    const done = await postForm(
      server.url,
      '/logga-in/tva-steg',
      { code: totpCode(key, totpStep(new Date())) },
      pending,
    );
    expect(done.status).toBe(200);
    const codes = [...done.body.matchAll(/<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    const cookie = sessionCookie(done)!;
    expect((await request(server.url, '/konto', { cookie })).body).toContain('Tvåstegsverifiering</a> – påslagen');

    // A recovery code signs in once.
    const next = await passwordStep('nya.chefen@af.example', 'chefens egen fras');
    expect((await postForm(server.url, '/logga-in/tva-steg', { code: codes[0] }, next)).status).toBe(303);
    const replay = await passwordStep('nya.chefen@af.example', 'chefens egen fras');
    expect((await postForm(server.url, '/logga-in/tva-steg', { code: codes[0] }, replay)).status).toBe(400);

    const off = await postForm(server.url, '/konto/tvastegs', { action: 'stang-av', code: codes[1] }, cookie);
    expect(off.status).toBe(403);
    expect(off.body).toContain('Din roll kräver tvåstegsverifiering');
    const mails = db
      .prepare("select kind from mail_outbox where to_address = 'nya.chefen@af.example' order by id")
      .all();
    expect(mails).toEqual([{ kind: 'invitation' }, { kind: 'notice.second-factor-on' }]);
  });
});

describe('sessions on /konto', () => {
  it('lists the person’s sessions with device and last use; ends one, refuses another person’s, ends all others', async () => {
    const email = 'anna.andersson@fk.example';
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const signIn = async (ua: string) =>
      sessionCookie(
        await request(server.url, '/logga-in', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'user-agent': ua },
          body: new URLSearchParams({ email, password: DEMO_PASSWORDS.learner }).toString(),
        }),
      )!;
    const here = await signIn('Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36');
    await signIn(firefox);
    await signIn(firefox);
    const page = await request(server.url, '/konto', { cookie: here });
    expect(page.body).toContain('Firefox på Windows');
    expect(page.body).toContain('Den här webbläsaren');
    const ids = [...page.body.matchAll(/name="sessionId" value="([a-z2-7]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(2);

    const ended = await postForm(server.url, '/konto', { action: 'avsluta', sessionId: ids[0] }, here);
    expect(ended.status).toBe(200);
    expect(ended.body).toContain('Inloggningen är avslutad.');

    // Another person's session id: nothing happens.
    const other = await login(server.url, 'utbildare@fk.example', DEMO_PASSWORDS.trainer);
    const otherId = other.split('=')[1].split('.')[0];
    const refused = await postForm(server.url, '/konto', { action: 'avsluta', sessionId: otherId }, here);
    expect(refused.status).toBe(404);
    expect((await request(server.url, '/konto', { cookie: other })).status).toBe(200);

    const all = await postForm(server.url, '/konto', { action: 'avsluta-andra' }, here);
    expect(all.status).toBe(200);
    const userId = (db.prepare('select id from users where email = ?').get(email) as { id: number }).id;
    expect((db.prepare('select count(*) as n from sessions where user_id = ?').get(userId) as { n: number }).n).toBe(1);
    expect((await request(server.url, '/konto', { cookie: here })).status).toBe(200);
  });
});
