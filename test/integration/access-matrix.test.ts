/**
 * The access matrix over HTTP against the built server with its demo data:
 * every role × own/other agency × every on-demand route → the right status,
 * and denied posts write nothing. Also: a disabled user's old cookie, a
 * trainer asking for names, cross-site posts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, openReadOnly, postForm, request } from '../helpers/http.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';

let server: RunningServer;
let db: Database.Database;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

const ACCOUNTS = {
  admin: ['admin@fk.example', DEMO_PASSWORDS.admin],
  trainer: ['utbildare@fk.example', DEMO_PASSWORDS.trainer],
  pmAgencyManager: ['myndighetschef@pm.example', DEMO_PASSWORDS.manager],
  fkTeamManager: ['chef.it-drift@fk.example', DEMO_PASSWORDS.manager],
  fkLearner: ['anna.andersson@fk.example', DEMO_PASSWORDS.learner],
} as const;
type Role = keyof typeof ACCOUNTS | 'anonymous';

const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;
const countOf = (table: string): number => one<{ n: number }>(`select count(*) as n from ${table}`).n;

beforeAll(async () => {
  server = await startServer();
  db = openReadOnly(server.databasePath);
  for (const [role, [email, password]] of Object.entries(ACCOUNTS))
    cookies[role] = await login(server.url, email, password);
  const team = (agency: string, name: string) =>
    one<{ id: number }>(
      'select t.id from teams t join agencies a on a.id = t.agency_id where a.code = ? and t.name = ?',
      agency,
      name,
    ).id;
  ids.fkItDrift = team('FK', 'It-drift');
  ids.fkInfosak = team('FK', 'Informationssäkerhet');
  ids.pmKundservice = team('PM', 'Kundservice');
  ids.afPlattform = team('AF', 'Plattform');
  ids.fkLearner = one<{ id: number }>("select id from users where email = 'anna.andersson@fk.example'").id;
  ids.pmLearner = one<{ id: number }>(
    "select id from users where role = 'learner' and agency_id = (select id from agencies where code = 'PM') order by id limit 1",
  ).id;
  ids.pmTeamManager = one<{ id: number }>("select id from users where email = 'chef.kundservice@pm.example'").id;
  ids.admin = one<{ id: number }>("select id from users where email = 'admin@fk.example'").id;
  ids.fkAgency = one<{ id: number }>("select id from agencies where code = 'FK'").id;
  ids.fkOtherLearner = one<{ id: number }>(
    "select id from users where role = 'learner' and team_id = ? order by id limit 1",
    ids.fkInfosak,
  ).id;
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

// Expected status per route and role. 303 = sent to the login page.
const ROUTES: [string, (ids: Record<string, number>) => string, Record<Role, number>][] = [
  [
    'mitt konto',
    () => '/konto',
    { anonymous: 303, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'byt lösenord',
    () => '/konto/losenord',
    { anonymous: 303, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'glömt lösenord',
    () => '/konto/glomt-losenord',
    { anonymous: 200, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'tvåstegsverifiering',
    () => '/konto/tvastegs',
    { anonymous: 303, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'andra steget vid inloggning',
    () => '/logga-in/tva-steg',
    { anonymous: 200, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'inloggning via myndighetens idp',
    () => '/admin/sso',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'sso-återkomst utan state',
    () => '/logga-in/sso/callback',
    { anonymous: 400, fkLearner: 400, fkTeamManager: 400, pmAgencyManager: 400, trainer: 400, admin: 400 },
  ],
  [
    'demo-utkorg',
    () => '/admin/demo-utkorg',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'administration',
    () => '/admin',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'myndigheter',
    () => '/admin/myndigheter',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'team (admin)',
    () => '/admin/team',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'användare',
    () => '/admin/anvandare',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'användare FK-deltagare',
    (i) => `/admin/anvandare/${i.fkLearner}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'användare PM-deltagare',
    (i) => `/admin/anvandare/${i.pmLearner}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'användare admin',
    (i) => `/admin/anvandare/${i.admin}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'användare som inte finns',
    () => '/admin/anvandare/999999',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 404, trainer: 403, admin: 404 },
  ],
  [
    'import',
    () => '/admin/import',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'granskningslogg',
    () => '/admin/logg',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'mina team',
    () => '/team',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'FK It-drift',
    (i) => `/team/${i.fkItDrift}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'FK Informationssäkerhet',
    (i) => `/team/${i.fkInfosak}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'PM Kundservice',
    (i) => `/team/${i.pmKundservice}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'AF Plattform',
    (i) => `/team/${i.afPlattform}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'framsteg FK It-drift',
    (i) => `/team?team=${i.fkItDrift}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'framsteg FK Informationssäkerhet',
    (i) => `/team?team=${i.fkInfosak}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'framsteg PM Kundservice',
    (i) => `/team?team=${i.pmKundservice}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'framsteg myndighet FK',
    (i) => `/team?myndighet=${i.fkAgency}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'framsteg team som inte finns',
    () => '/team?team=999999',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 404, pmAgencyManager: 404, trainer: 403, admin: 404 },
  ],
  [
    'framsteg ogiltigt filter',
    () => '/team?team=abc&sort=email',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 400, pmAgencyManager: 400, trainer: 403, admin: 400 },
  ],
  [
    'deltagare FK It-drift',
    (i) => `/team/deltagare/${i.fkLearner}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'deltagare FK Informationssäkerhet',
    (i) => `/team/deltagare/${i.fkOtherLearner}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'deltagare PM',
    (i) => `/team/deltagare/${i.pmLearner}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'deltagare som inte finns',
    () => '/team/deltagare/999999',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 404, pmAgencyManager: 404, trainer: 403, admin: 404 },
  ],
  [
    'kurssida i teamet',
    () => '/team/kurs/samordnad-it-drift',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'kurssida FK It-drift',
    (i) => `/team/kurs/samordnad-it-drift?team=${i.fkItDrift}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'kurssida, kurs som inte finns',
    () => '/team/kurs/finns-inte',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 404, pmAgencyManager: 404, trainer: 403, admin: 404 },
  ],
  [
    'CSV-export',
    () => '/team/export.csv',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'CSV-export FK It-drift',
    (i) => `/team/export.csv?team=${i.fkItDrift}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'CSV-export myndighet FK',
    (i) => `/team/export.csv?myndighet=${i.fkAgency}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'rapport',
    () => '/team/rapport',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'rapport PM Kundservice',
    (i) => `/team/rapport?team=${i.pmKundservice}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'statistik',
    () => '/statistik',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 200, admin: 200 },
  ],
  [
    'kursstatistik',
    () => '/statistik/samordnad-it-drift/',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 200, admin: 200 },
  ],
  [
    'kursstatistik (CSV)',
    () => '/statistik/samordnad-it-drift/kursstatistik.csv',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 200, admin: 200 },
  ],
  [
    'kursstatistik, kurs som inte finns',
    () => '/statistik/finns-inte/',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 404, admin: 404 },
  ],
  [
    'mina kurser',
    () => '/mina-kurser/',
    { anonymous: 303, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'mina uppgifter (export)',
    () => '/mina-kurser/mina-uppgifter.json',
    { anonymous: 303, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'eget intyg, kurs som inte finns',
    () => '/mina-kurser/intyg/finns-inte/',
    { anonymous: 303, fkLearner: 404, fkTeamManager: 404, pmAgencyManager: 404, trainer: 404, admin: 404 },
  ],
  [
    'kontrollera intyg',
    () => '/intyg/',
    { anonymous: 200, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'obligatoriska kurser',
    () => '/team/obligatoriska',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'obligatoriska kurser FK Informationssäkerhet',
    (i) => `/team/obligatoriska?team=${i.fkInfosak}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'obligatoriska kurser (CSV)',
    () => '/team/obligatoriska/export.csv',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 200, trainer: 403, admin: 200 },
  ],
  [
    'obligatoriska kurser (xlsx)',
    (i) => `/team/obligatoriska/export.xlsx?myndighet=${i.fkAgency}`,
    { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
  ],
  [
    'uppdrag som inte finns',
    () => '/team/obligatoriska/999999',
    { anonymous: 303, fkLearner: 403, fkTeamManager: 404, pmAgencyManager: 404, trainer: 403, admin: 404 },
  ],
  [
    'påminnelser',
    () => '/konto/paminnelser',
    { anonymous: 303, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
  [
    'logga in',
    () => '/logga-in',
    { anonymous: 200, fkLearner: 200, fkTeamManager: 200, pmAgencyManager: 200, trainer: 200, admin: 200 },
  ],
];

describe('required courses (assignments)', () => {
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const fields = (mottagare: string, extra: Record<string, string> = {}) => ({
    mottagare,
    epost: '',
    kurs1: 'saker-it-drift',
    kurs2: '',
    kurs3: '',
    slutdatum: future,
    fornyelse: '',
    ...extra,
  });
  const created: Record<string, number> = {};

  it('a team manager assigns to their team, an agency manager to their agency', async () => {
    const fk = await postForm(
      server.url,
      '/team/obligatoriska',
      fields(`team-${ids.fkItDrift}`),
      cookies.fkTeamManager,
    );
    expect(fk.status).toBe(303);
    created.fk = Number(/\/team\/obligatoriska\/(\d+)/.exec(fk.headers.get('location') ?? '')?.[1]);
    const pm = await postForm(server.url, '/team/obligatoriska', fields('myndighet'), cookies.pmAgencyManager);
    expect(pm.status).toBe(303);
    created.pm = Number(/\/team\/obligatoriska\/(\d+)/.exec(pm.headers.get('location') ?? '')?.[1]);
    expect(created.fk).toBeGreaterThan(0);
    expect(created.pm).toBeGreaterThan(0);
  });

  it('each assignment, its exports and the filtered dashboard answer only within the scope', async () => {
    const routes: [string, Record<Role, number>][] = [
      [
        `/team/obligatoriska/${created.fk}`,
        { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
      ],
      [
        `/team/obligatoriska/${created.pm}`,
        { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 200 },
      ],
      [
        `/team/obligatoriska/export.csv?uppdrag=${created.fk}&myndighet=${ids.fkAgency}`,
        { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 200 },
      ],
      [
        `/team/obligatoriska/export.xlsx?uppdrag=${created.pm}`,
        { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 303 },
      ],
      [
        `/team?uppdrag=${created.fk}`,
        { anonymous: 303, fkLearner: 403, fkTeamManager: 200, pmAgencyManager: 403, trainer: 403, admin: 303 },
      ],
      [
        `/team?uppdrag=${created.pm}`,
        { anonymous: 303, fkLearner: 403, fkTeamManager: 403, pmAgencyManager: 200, trainer: 403, admin: 303 },
      ],
    ];
    const wrong: string[] = [];
    for (const [path, expected] of routes)
      for (const role of Object.keys(expected) as Role[]) {
        const reply = await request(server.url, path, { cookie: role === 'anonymous' ? undefined : cookies[role] });
        if (reply.status !== expected[role]) wrong.push(`${role} ${path}: ${reply.status}, väntat ${expected[role]}`);
      }
    expect(wrong).toEqual([]);
  });

  it('assigning or changing outside the scope is an audited 403 and writes nothing; bad input is a 400', async () => {
    const before = countOf('assignments');
    const deniedBefore = one<{ n: number }>("select count(*) as n from audit_log where action = 'access.denied'").n;
    const denied: [Role, string, Record<string, string>][] = [
      ['fkTeamManager', '/team/obligatoriska', fields(`team-${ids.fkInfosak}`)],
      ['fkTeamManager', '/team/obligatoriska', fields('myndighet')],
      ['fkTeamManager', '/team/obligatoriska', fields('person', { epost: 'chef.kundservice@pm.example' })],
      ['pmAgencyManager', '/team/obligatoriska', fields(`team-${ids.fkItDrift}`)],
      ['pmAgencyManager', '/team/obligatoriska', fields('person', { epost: 'anna.andersson@fk.example' })],
      ['fkLearner', '/team/obligatoriska', fields('myndighet')],
      ['trainer', '/team/obligatoriska', fields('myndighet')],
      ['pmAgencyManager', `/team/obligatoriska/${created.fk}`, { atgard: 'ta-bort' }],
      ['fkTeamManager', `/team/obligatoriska/${created.pm}`, { atgard: 'ta-bort' }],
    ];
    for (const [role, path, body] of denied)
      expect((await postForm(server.url, path, body, cookies[role])).status, `${role} ${path} ${body.mottagare}`).toBe(
        403,
      );
    expect(countOf('assignments')).toBe(before);
    expect(one<{ n: number }>("select count(*) as n from audit_log where action = 'access.denied'").n).toBe(
      deniedBefore + denied.length,
    );
    const past = await postForm(
      server.url,
      '/team/obligatoriska',
      fields(`team-${ids.fkItDrift}`, { slutdatum: '2020-01-01' }),
      cookies.fkTeamManager,
    );
    expect(past.status).toBe(400);
    expect(past.body).toContain('Sista dagen har redan passerat');
    const unreadable = await postForm(
      server.url,
      '/team/obligatoriska',
      fields(`team-${ids.fkItDrift}`, { slutdatum: '31/12' }),
      cookies.fkTeamManager,
    );
    expect(unreadable.status).toBe(400);
    const unknown = await postForm(
      server.url,
      '/team/obligatoriska',
      fields(`team-${ids.fkItDrift}`, { kurs1: 'finns-inte' }),
      cookies.fkTeamManager,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Kursen finns inte i katalogen');
    const extra = await postForm(
      server.url,
      '/team/obligatoriska',
      { ...fields('myndighet'), agencyId: '1' },
      cookies.pmAgencyManager,
    );
    expect(extra.status).toBe(400);
    expect(countOf('assignments')).toBe(before);
  });
});

describe('access matrix', () => {
  it('gives every role the right status on every on-demand route (GET)', async () => {
    const wrong: string[] = [];
    for (const [label, path, expected] of ROUTES) {
      for (const role of Object.keys(expected) as Role[]) {
        const reply = await request(server.url, path(ids), {
          cookie: role === 'anonymous' ? undefined : cookies[role],
        });
        if (reply.status !== expected[role])
          wrong.push(`${role} ${label} ${path(ids)}: ${reply.status}, väntat ${expected[role]}`);
        if (reply.status === 303) expect(reply.headers.get('location')).toMatch(/^\/logga-in\?till=/);
        expect(reply.headers.get('cache-control'), path(ids)).toBe('no-store');
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a manager of agency PM never sees FK names, and a team manager only their own team', async () => {
    const fkName = one<{ name: string }>('select name from users where id = ?', ids.fkLearner).name;
    const pmList = await request(server.url, '/admin/anvandare', { cookie: cookies.pmAgencyManager });
    expect(pmList.body).not.toContain('@fk.example');
    expect(pmList.body).not.toContain('@af.example');
    expect(pmList.body).toContain('@pm.example');
    // Filtering on another agency's team gives nothing, not that team.
    const probe = await request(server.url, `/admin/anvandare?teamId=${ids.fkItDrift}`, {
      cookie: cookies.pmAgencyManager,
    });
    expect(probe.body).not.toContain(fkName);
    const mine = await request(server.url, '/team', { cookie: cookies.fkTeamManager });
    expect(mine.body).toContain('It-drift');
    expect(mine.body).not.toContain('Informationssäkerhet');
  });

  it('a trainer gets figures but never individual names or e-mails', async () => {
    const stats = await request(server.url, '/statistik', { cookie: cookies.trainer });
    expect(stats.status).toBe(200);
    const names = db.prepare("select name, email from users where role = 'learner'").all() as {
      name: string;
      email: string;
    }[];
    for (const n of names) {
      expect(stats.body).not.toContain(n.email);
    }
    expect(stats.body).not.toContain('anna.andersson');
    for (const path of [
      `/team/${ids.fkItDrift}`,
      '/admin/anvandare',
      `/admin/anvandare/${ids.fkLearner}`,
      '/admin/logg',
    ]) {
      expect((await request(server.url, path, { cookie: cookies.trainer })).status, path).toBe(403);
    }
  });

  it('denied posts write nothing', async () => {
    const before = { users: countOf('users'), agencies: countOf('agencies'), teams: countOf('teams') };
    const denied: [Role, string, Record<string, string>][] = [
      ['fkLearner', '/admin/myndigheter', { name: 'Ny myndighet', code: 'NY' }],
      ['pmAgencyManager', '/admin/myndigheter', { name: 'Ny myndighet', code: 'NY' }],
      ['trainer', '/admin/team', { agencyId: '1', name: 'Nytt team' }],
      ['fkTeamManager', '/admin/team', { agencyId: '1', name: 'Nytt team' }],
      ['fkLearner', '/admin/anvandare', { name: 'X', email: 'x1@fk.example', teamId: '' }],
      ['trainer', '/admin/anvandare', { name: 'X', email: 'x2@fk.example', teamId: '' }],
      ['fkTeamManager', '/admin/anvandare', { name: 'X', email: 'x3@fk.example', teamId: '' }],
      ['pmAgencyManager', `/admin/anvandare/${ids.fkLearner}`, { action: 'inaktivera' }],
      [
        'pmAgencyManager',
        `/admin/anvandare/${ids.pmLearner}`,
        { action: 'roll', role: 'admin', managerScope: '', teamId: '' },
      ],
      ['pmAgencyManager', `/admin/anvandare/${ids.pmLearner}`, { action: 'logga-ut-overallt' }],
      ['fkTeamManager', `/admin/anvandare/${ids.fkLearner}`, { action: 'inaktivera' }],
      ['fkLearner', `/admin/anvandare/${ids.fkLearner}`, { action: 'aterstallningslank' }],
      ['trainer', '/admin/import', { steg: 'importera' }],
      [
        'pmAgencyManager',
        '/admin/sso',
        {
          action: 'spara',
          agencyId: '1',
          issuer: 'https://evil.example',
          clientId: 'x',
          clientSecret: 'y',
          emailDomains: 'fk.example',
          teamClaim: '',
        },
      ],
    ];
    for (const [role, path, fields] of denied) {
      const reply = await postForm(server.url, path, fields, cookies[role]);
      expect(reply.status, `${role} POST ${path}`).toBe(403);
    }
    expect({ users: countOf('users'), agencies: countOf('agencies'), teams: countOf('teams') }).toEqual(before);
    expect(one<{ active: number }>('select active from users where id = ?', ids.fkLearner).active).toBe(1);
    expect(one<{ role: string }>('select role from users where id = ?', ids.pmLearner).role).toBe('learner');
    expect(countOf('password_resets')).toBe(0);
    const audited = one<{ n: number }>(
      "select count(*) as n from audit_log where action = 'access.denied' and outcome = 'denied'",
    ).n;
    expect(audited).toBeGreaterThanOrEqual(denied.length);
    expect(server.output()).toMatch(/"event":"access.denied"/);
  });

  it('an agency manager cannot create admins or users in another agency (mass assignment): 400, nothing written', async () => {
    const before = countOf('users');
    const sneaky = await postForm(
      server.url,
      '/admin/anvandare',
      { name: 'Smyg', email: 'smyg@pm.example', teamId: '', role: 'admin' },
      cookies.pmAgencyManager,
    );
    expect(sneaky.status).toBe(400);
    const otherAgency = await postForm(
      server.url,
      '/admin/anvandare',
      { name: 'Smyg', email: 'smyg@pm.example', teamId: '', agencyId: '1' },
      cookies.pmAgencyManager,
    );
    expect(otherAgency.status).toBe(400);
    const otherTeam = await postForm(
      server.url,
      '/admin/anvandare',
      { name: 'Smyg', email: 'smyg@pm.example', teamId: String(ids.fkItDrift) },
      cookies.pmAgencyManager,
    );
    expect(otherTeam.status).toBe(400);
    expect(countOf('users')).toBe(before);
    // The legitimate case works: a learner in PM's own team.
    const ok = await postForm(
      server.url,
      '/admin/anvandare',
      { name: 'Ny Deltagare', email: 'ny.deltagare@pm.example', teamId: String(ids.pmKundservice) },
      cookies.pmAgencyManager,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('/konto/aterstall/');
    expect(
      one<{ role: string; agency_id: number }>(
        "select role, agency_id from users where email = 'ny.deltagare@pm.example'",
      ),
    ).toMatchObject({ role: 'learner' });
  });

  it('cross-site form posts are refused even for an admin', async () => {
    const before = countOf('agencies');
    const reply = await postForm(
      server.url,
      '/admin/myndigheter',
      { name: 'Ond myndighet', code: 'ONDA' },
      cookies.admin,
      'http://evil.example',
    );
    expect(reply.status).toBe(403);
    expect(countOf('agencies')).toBe(before);
  });

  it("a disabled user's old cookie stops working at once, and an agency manager can disable their own staff", async () => {
    const victim = await login(server.url, 'chef.kundservice@pm.example', DEMO_PASSWORDS.manager);
    expect((await request(server.url, '/konto', { cookie: victim })).status).toBe(200);
    const disable = await postForm(
      server.url,
      `/admin/anvandare/${ids.pmTeamManager}`,
      { action: 'inaktivera' },
      cookies.pmAgencyManager,
    );
    expect(disable.status).toBe(200);
    expect(one<{ n: number }>('select count(*) as n from sessions where user_id = ?', ids.pmTeamManager).n).toBe(0);
    for (const path of ['/konto', `/team/${ids.pmKundservice}`, '/admin/anvandare']) {
      const reply = await request(server.url, path, { cookie: victim });
      expect(reply.status, path).toBe(303);
    }
    // Logging in again is refused with the generic message.
    const again = await postForm(server.url, '/logga-in', {
      email: 'chef.kundservice@pm.example',
      password: DEMO_PASSWORDS.manager,
    });
    expect(again.status).toBe(401);
  });

  it('admin revokes all sessions of a user', async () => {
    const learner = await login(server.url, 'anna.andersson@fk.example', DEMO_PASSWORDS.learner);
    const revoke = await postForm(
      server.url,
      `/admin/anvandare/${ids.fkLearner}`,
      { action: 'logga-ut-overallt' },
      cookies.admin,
    );
    expect(revoke.status).toBe(200);
    expect((await request(server.url, '/konto', { cookie: learner })).status).toBe(303);
    expect((await request(server.url, '/konto', { cookie: cookies.fkLearner })).status).toBe(303);
    expect(one<{ n: number }>("select count(*) as n from audit_log where action = 'user.revoke-sessions'").n).toBe(1);
  });

  it('answers 405 with Allow on every route for methods it does not handle, whoever asks (issue 20, point 3)', async () => {
    const wrong: string[] = [];
    for (const [label, path] of ROUTES) {
      for (const role of ['anonymous', 'fkLearner', 'admin'] as Role[]) {
        for (const method of ['PUT', 'DELETE', 'OPTIONS']) {
          const reply = await request(server.url, path(ids), {
            method,
            cookie: role === 'anonymous' ? undefined : cookies[role],
            headers: { origin: server.url },
          });
          if (reply.status !== 405 || !/^GET, HEAD/.test(reply.headers.get('allow') ?? ''))
            wrong.push(`${role} ${method} ${label}: ${reply.status} ${reply.headers.get('allow')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('one participant rule: trainers, admins and disabled accounts in the team are 404 on /team/deltagare/<id> (issue 20, point 11)', async () => {
    const moved = one<{ id: number }>(
      "select id from users where role = 'learner' and active = 1 and team_id = ? and id != ? order by id desc limit 1",
      ids.fkItDrift,
      ids.fkLearner,
    ).id;
    const page = (cookie: string) => request(server.url, `/team/deltagare/${moved}`, { cookie });
    expect((await page(cookies.fkTeamManager)).status).toBe(200);
    const roleOf = (role: string) =>
      postForm(
        server.url,
        `/admin/anvandare/${moved}`,
        { action: 'roll', role, managerScope: '', teamId: String(ids.fkItDrift) },
        cookies.admin,
      );
    try {
      for (const role of ['trainer', 'admin']) {
        expect((await roleOf(role)).status, role).toBe(200);
        expect((await page(cookies.fkTeamManager)).status, `manager, ${role}`).toBe(404);
        expect((await page(cookies.admin)).status, `admin, ${role}`).toBe(404);
      }
    } finally {
      expect((await roleOf('learner')).status).toBe(200);
    }
    expect((await page(cookies.fkTeamManager)).status).toBe(200);
  });
  it('refuses a cross-origin state change with a non-form body on every POST route, even for an admin (issue 20, point 10)', async () => {
    const before = { users: countOf('users'), agencies: countOf('agencies'), sessions: countOf('sessions') };
    for (const path of [
      '/logga-ut',
      '/admin/myndigheter',
      '/admin/anvandare',
      `/admin/anvandare/${ids.fkLearner}`,
      '/konto/losenord',
    ]) {
      const reply = await request(server.url, path, {
        method: 'POST',
        cookie: cookies.admin,
        headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
        body: '{"action":"inaktivera"}',
      });
      expect(reply.status, path).toBe(403);
    }
    expect({ users: countOf('users'), agencies: countOf('agencies'), sessions: countOf('sessions') }).toEqual(before);
  });
});
