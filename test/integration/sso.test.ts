/**
 * Sign-in with an agency's own OpenID provider, against a real provider
 * (oidc-provider) started here and the built server. The admin configures AF
 * for the provider (secret never shown again); then: the happy path with a
 * just-in-time learner in the team the claim names, linking an existing
 * account, and every refusal with its Swedish message, its status, its audit
 * row and nothing created: wrong state, replayed callback, wrong nonce,
 * email_verified false, an e-mail of another agency's domain, a disabled
 * account, a provider that is down. Logout ends the session at the provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, postForm, request, sessionCookie } from '../helpers/http.ts';
import { startProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import { SSO_MESSAGES } from '#lib/auth/sso.ts';

let server: RunningServer;
let idp: TestProvider;
let db: Database.Database;
let admin: string;
let af: number;

const ACCOUNTS = {
  'ny.person@af.example': {
    email: 'ny.person@af.example',
    email_verified: true,
    name: 'Ny Person',
    department: 'Plattform',
  },
  'chef.plattform@af.example': { email: 'chef.plattform@af.example', email_verified: true, name: 'Chef Plattform' },
  'overifierad@af.example': { email: 'overifierad@af.example', email_verified: false, name: 'Overifierad' },
  'byter@af.example': { email: 'anna.andersson@fk.example', email_verified: true, name: 'Anna från FK' },
  'avstangd@af.example': { email: 'avstangd@af.example', email_verified: true, name: 'Avstängd Person' },
  'nonce@af.example': { email: 'nonce@af.example', email_verified: true, name: 'Nonce Test' },
};

const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;

beforeAll(async () => {
  server = await startServer();
  db = new Database(server.databasePath); // read-write: the nonce test tampers with a stored nonce
  // Links and the redirect URI come from the public origin: http://localhost:<port> when PUBLIC_ORIGIN is unset.
  idp = await startProvider(server.url.replace('//127.0.0.1', '//localhost'), ACCOUNTS);
  admin = await login(server.url, 'admin@fk.example', DEMO_PASSWORDS.admin);
  af = one<{ id: number }>("select id from agencies where code = 'AF'").id;
  const saved = await postForm(
    server.url,
    '/admin/sso',
    {
      action: 'spara',
      agencyId: String(af),
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      emailDomains: 'af.example',
      teamClaim: 'department',
    },
    admin,
  );
  expect(saved.status).toBe(200);
  expect(saved.body).toContain('Inställningarna är sparade. Hemligheten visas inte igen.');
  expect(saved.body).not.toContain(idp.clientSecret);
  expect((await request(server.url, '/admin/sso', { cookie: admin })).body).not.toContain(idp.clientSecret);
  // Disabled account for the refusal test.
  const disabled = await postForm(
    server.url,
    '/admin/anvandare',
    {
      name: 'Avstängd Person',
      email: 'avstangd@af.example',
      agencyId: String(af),
      teamId: '',
      role: 'learner',
      managerScope: '',
    },
    admin,
  );
  expect(disabled.status).toBe(200);
  const id = one<{ id: number }>("select id from users where email = 'avstangd@af.example'").id;
  expect((await postForm(server.url, `/admin/anvandare/${id}`, { action: 'inaktivera' }, admin)).status).toBe(200);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
  await idp?.stop();
});

/** The provider URL a page sends the browser on to (its link; the meta refresh names the same). */
const providerLink = (body: string): string =>
  (/data-sso-url="([^"]+)"/.exec(body)?.[1] ?? '').replace(/&amp;/g, '&').replace(/&#39;/g, "'");

/** Types the e-mail on the sign-in page; returns the provider URL and the state cookie. */
async function start(email: string): Promise<{ to: string; cookie: string }> {
  const reply = await postForm(server.url, '/logga-in', { email, password: '' });
  // A page that moves on to the provider by itself (CSP form-action would stop a 303 after the form post).
  expect(reply.status).toBe(200);
  const to = providerLink(reply.body);
  expect(reply.body).toContain(`<meta http-equiv="refresh" content="0;url=${to.replace(/&/g, '&amp;')}"`);
  expect(to.startsWith(idp.issuer)).toBe(true);
  const params = new URL(to).searchParams;
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('nonce')).toBeTruthy();
  expect(params.get('login_hint')).toBe(email);
  const line = reply.headers.getSetCookie().find((l) => l.startsWith('sso-tillstand='))!;
  expect(line).toMatch(/HttpOnly/);
  return { to, cookie: line.split(';')[0] };
}

async function signInVia(
  email: string,
): Promise<{ reply: Awaited<ReturnType<typeof request>>; back: string; cookie: string }> {
  const { to, cookie } = await start(email);
  const back = await idp.browse(to);
  const reply = await request(server.url, new URL(back).pathname + new URL(back).search, { cookie });
  return { reply, back, cookie };
}

const refusals = (reason: string): number =>
  one<{ n: number }>(
    "select count(*) as n from audit_log where action = 'login.sso-refused' and detail like ?",
    `${reason}%`,
  ).n;

describe('sign-in with the agency provider', () => {
  it('happy path: a new person is created as a learner in the team the claim names and signed in', async () => {
    const { reply } = await signInVia('ny.person@af.example');
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/mina-kurser/'); // a learner's landing page
    const cookie = sessionCookie(reply)!;
    const page = await request(server.url, '/konto', { cookie });
    expect(page.body).toContain('Ny Person');
    const user = one<{ role: string; agency_id: number; team: string; password_hash: string | null }>(
      "select u.role, u.agency_id, t.name as team, u.password_hash from users u left join teams t on t.id = u.team_id where u.email = 'ny.person@af.example'",
    );
    expect(user).toEqual({ role: 'learner', agency_id: af, team: 'Plattform', password_hash: null });
  });

  it('links an existing account of the agency by its verified e-mail, without a second factor', async () => {
    const { reply } = await signInVia('chef.plattform@af.example');
    expect(reply.status).toBe(303);
    const cookie = sessionCookie(reply)!;
    expect((await request(server.url, '/team', { cookie })).status).toBe(200); // still the manager it was
    expect(one<{ n: number }>("select count(*) as n from users where email = 'chef.plattform@af.example'").n).toBe(1);

    // Logout also ends the session at the provider (RP-initiated logout).
    const out = await postForm(server.url, '/logga-ut', {}, cookie);
    expect(out.status).toBe(200);
    const end = new URL(providerLink(out.body));
    expect(end.href.startsWith(idp.issuer)).toBe(true);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(
      `${server.url.replace('//127.0.0.1', '//localhost')}/logga-in?utloggad=1`,
    );
    expect((await request(server.url, '/konto', { cookie })).status).toBe(303);
  });

  it('wrong state: refused, audited, nothing created', async () => {
    const { to, cookie } = await start('ny.person@af.example');
    const back = new URL(await idp.browse(to));
    back.searchParams.set('state', 'ett-annat-state');
    const reply = await request(server.url, back.pathname + back.search, { cookie });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(escaped(SSO_MESSAGES.state));
    expect(sessionCookie(reply)).toBeNull();
    expect(refusals('state')).toBeGreaterThanOrEqual(1);
  });

  it('a replayed callback (the same code and state again) is refused', async () => {
    const { reply, back, cookie } = await signInVia('ny.person@af.example');
    expect(reply.status).toBe(303);
    const again = await request(server.url, new URL(back).pathname + new URL(back).search, { cookie });
    expect(again.status).toBe(400);
    expect(again.body).toContain(escaped(SSO_MESSAGES.state));
    expect(sessionCookie(again)).toBeNull();
  });

  it('a wrong nonce in the ID token is refused', async () => {
    const { to, cookie } = await start('nonce@af.example');
    const state = new URL(to).searchParams.get('state')!;
    db.prepare("update sso_states set nonce = 'en-annan-nonce' where state = ?").run(state);
    const back = await idp.browse(to);
    const reply = await request(server.url, new URL(back).pathname + new URL(back).search, { cookie });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(escaped(SSO_MESSAGES.token));
    expect(one<{ n: number }>("select count(*) as n from users where email = 'nonce@af.example'").n).toBe(0);
    expect(refusals('token')).toBeGreaterThanOrEqual(1);
  });

  it('email_verified false is refused and nothing is created', async () => {
    const { reply } = await signInVia('overifierad@af.example');
    expect(reply.status).toBe(403);
    expect(reply.body).toContain(escaped(SSO_MESSAGES['email-unverified']));
    expect(one<{ n: number }>("select count(*) as n from users where email = 'overifierad@af.example'").n).toBe(0);
    expect(refusals('email-unverified')).toBe(1);
  });

  it('an e-mail of another agency’s domain is refused and never linked', async () => {
    const sessionsBefore = one<{ n: number }>(
      "select count(*) as n from sessions where user_id = (select id from users where email = 'anna.andersson@fk.example')",
    ).n;
    const { reply } = await signInVia('byter@af.example');
    expect(reply.status).toBe(403);
    expect(reply.body).toContain(escaped(SSO_MESSAGES['wrong-domain']));
    expect(
      one<{ n: number }>(
        "select count(*) as n from sessions where user_id = (select id from users where email = 'anna.andersson@fk.example')",
      ).n,
    ).toBe(sessionsBefore);
    expect(refusals('wrong-domain')).toBe(1);
  });

  it('a disabled account stays out', async () => {
    const { reply } = await signInVia('avstangd@af.example');
    expect(reply.status).toBe(403);
    expect(reply.body).toContain(escaped(SSO_MESSAGES.disabled));
    expect(sessionCookie(reply)).toBeNull();
  });

  it('a code issued to another client (audience) or an ID token from another issuer is refused', async () => {
    const save = (fields: Record<string, string>) =>
      postForm(
        server.url,
        '/admin/sso',
        {
          action: 'spara',
          agencyId: String(af),
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: '',
          emailDomains: 'af.example',
          teamClaim: 'department',
          ...fields,
        },
        admin,
      );
    // The code is issued to "kompetensnav"; by the callback the agency's client is another one.
    let flow = await start('nonce@af.example');
    let back = await idp.browse(flow.to);
    expect((await save({ clientId: 'annan-klient' })).status).toBe(200);
    let reply = await request(server.url, new URL(back).pathname + new URL(back).search, { cookie: flow.cookie });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(escaped(SSO_MESSAGES.token));
    expect((await save({})).status).toBe(200);
    // The issuer the agency trusts is not the one that answers (its metadata names another issuer).
    flow = await start('nonce@af.example');
    back = await idp.browse(flow.to);
    expect((await save({ issuer: idp.issuer.replace('127.0.0.1', 'localhost') })).status).toBe(200);
    reply = await request(server.url, new URL(back).pathname + new URL(back).search, { cookie: flow.cookie });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(escaped(SSO_MESSAGES.token));
    expect((await save({})).status).toBe(200);
    expect(one<{ n: number }>("select count(*) as n from users where email = 'nonce@af.example'").n).toBe(0);
    // Saving with an empty secret kept the stored one: the normal sign-in still works.
    expect((await signInVia('ny.person@af.example')).reply.status).toBe(303);
  });

  /** A whole sign-in whose ID token `tamper` rewrites (signed again by the provider's key); the callback's reply. */
  async function withTamperedIdToken(email: string, tamper: NonNullable<TestProvider['tamper']>) {
    const flow = await start(email);
    const back = await idp.browse(flow.to);
    idp.tamper = tamper;
    try {
      return await request(server.url, new URL(back).pathname + new URL(back).search, { cookie: flow.cookie });
    } finally {
      idp.tamper = null;
    }
  }

  it('an ID token past its expiry is refused, audited, nothing created', async () => {
    const before = refusals('token');
    const now = Math.floor(Date.now() / 1000);
    // An hour past expiry: well beyond any clock tolerance.
    const reply = await withTamperedIdToken('nonce@af.example', (c) => ({ ...c, iat: now - 7200, exp: now - 3600 }));
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(escaped(SSO_MESSAGES.token));
    expect(sessionCookie(reply)).toBeNull();
    expect(refusals('token')).toBe(before + 1);
    expect(one<{ n: number }>("select count(*) as n from users where email = 'nonce@af.example'").n).toBe(0);
  });

  it('an ID token for another audience is refused, audited, nothing created', async () => {
    const before = refusals('token');
    // Issued by the right provider and validly signed, but for another application.
    const reply = await withTamperedIdToken('nonce@af.example', (c) => ({
      ...c,
      aud: 'annan-klient',
      azp: 'annan-klient',
    }));
    expect(reply.status).toBe(400);
    expect(reply.body).toContain(escaped(SSO_MESSAGES.token));
    expect(sessionCookie(reply)).toBeNull();
    expect(refusals('token')).toBe(before + 1);
    expect(one<{ n: number }>("select count(*) as n from users where email = 'nonce@af.example'").n).toBe(0);
  });

  it('the same tampering with the claims unchanged still signs in (the re-signing itself is sound)', async () => {
    const reply = await withTamperedIdToken('ny.person@af.example', (c) => c);
    expect(reply.status).toBe(303);
    expect(sessionCookie(reply)).not.toBeNull();
  });

  it('a provider that is down: a clear message on the sign-in page, nothing created', async () => {
    const pm = one<{ id: number }>("select id from agencies where code = 'PM'").id;
    const saved = await postForm(
      server.url,
      '/admin/sso',
      {
        action: 'spara',
        agencyId: String(pm),
        issuer: 'http://127.0.0.1:9',
        clientId: 'x',
        clientSecret: 'y',
        emailDomains: 'pm.example',
        teamClaim: '',
      },
      admin,
    );
    expect(saved.status).toBe(200);
    const users = one<{ n: number }>('select count(*) as n from users').n;
    const reply = await postForm(server.url, '/logga-in', { email: 'nagon@pm.example', password: '' });
    expect(reply.status).toBe(503);
    expect(reply.body).toContain(escaped(SSO_MESSAGES['provider-down']));
    expect(one<{ n: number }>('select count(*) as n from users').n).toBe(users);
    expect(refusals('provider-down')).toBe(1);
    // A domain belongs to one agency only.
    const clash = await postForm(
      server.url,
      '/admin/sso',
      {
        action: 'spara',
        agencyId: String(pm),
        issuer: idp.issuer,
        clientId: 'x',
        clientSecret: 'y',
        emailDomains: 'af.example',
        teamClaim: '',
      },
      admin,
    );
    expect(clash.status).toBe(400);
    expect(clash.body).toContain('Domänen af.example hör redan till en annan myndighet.');
  });
});
