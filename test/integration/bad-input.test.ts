/**
 * The bad inputs of the team's security bar (names, paths, bodies) on every form and endpoint of issue 3:
 * always a 4xx with a clear message or a safely escaped result, never a 500,
 * and nothing partly written. Includes the web CSV import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, openReadOnly, postForm, rawRequest, request } from '../helpers/http.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';

let server: RunningServer;
let db: Database.Database;
let admin: string;
let learner: string;
let pmManager: string;
const counts = () =>
  db
    .prepare(
      'select (select count(*) from users) u, (select count(*) from agencies) a, (select count(*) from teams) t, (select count(*) from password_resets) r',
    )
    .get();
const agencyId = (code: string) =>
  (db.prepare('select id from agencies where code = ?').get(code) as { id: number }).id;

beforeAll(async () => {
  server = await startServer();
  db = openReadOnly(server.databasePath);
  admin = await login(server.url, 'admin@fk.example', DEMO_PASSWORDS.admin);
  learner = await login(server.url, 'anna.andersson@fk.example', DEMO_PASSWORDS.learner);
  pmManager = await login(server.url, 'myndighetschef@pm.example', DEMO_PASSWORDS.manager);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const FORMS = [
  '/logga-in',
  '/konto/losenord',
  '/admin/myndigheter',
  '/admin/team',
  '/admin/anvandare',
  '/admin/import',
  '/konto/paminnelser',
];

describe('bad input', () => {
  it('malformed, wrongly typed, oversized and repeated-field bodies → 400/413/415, never 500, nothing written', async () => {
    const before = counts();
    for (const path of FORMS) {
      const broken = await request(server.url, path, {
        method: 'POST',
        cookie: admin,
        headers: { origin: server.url, 'content-type': 'multipart/form-data; boundary=xyz' },
        body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
      });
      expect(broken.status, `${path} broken multipart`).toBe(400);
      const json = await request(server.url, path, {
        method: 'POST',
        cookie: admin,
        headers: { origin: server.url, 'content-type': 'application/json' },
        body: '{"name": ',
      });
      expect(json.status, `${path} json`).toBe(415);
      const big = await rawRequest(server.url, path, {
        method: 'POST',
        headers: { cookie: admin, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: `name=${'a'.repeat(10 * 1024 * 1024)}`,
      });
      expect(big.status, `${path} 10 MB`).toBe(413);
      const repeated = await request(server.url, path, {
        method: 'POST',
        cookie: admin,
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=a&name=b',
      });
      expect(repeated.status, `${path} repeated`).toBe(400);
    }
    expect(counts()).toEqual(before);
    expect(server.output()).not.toMatch(/\[ERROR\]/);
  });

  it('a 10 MB chunked body (no Content-Length) is cut off with 413', async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(`x=${'a'.repeat(1024 * 1024)}`));
        controller.close();
      },
    });
    const res = await fetch(new URL('/admin/myndigheter', server.url), {
      method: 'POST',
      headers: { origin: server.url, cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      body: chunks,
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('names: script tags and attribute breakers are stored as typed and escaped on output; NFD becomes NFC', async () => {
    const names = [
      '<script>alert(1)</script>',
      '"><svg onload=alert(1)>',
      "< > & &lt; &gt; &amp; ' \\' 碁 \\ \\\\",
      '=HYPERLINK("http://x")',
      'Åsa Ärlig Öst'.normalize('NFD'),
    ];
    for (const [i, name] of names.entries()) {
      const reply = await postForm(
        server.url,
        '/admin/anvandare',
        {
          name,
          email: `namn${i}@fk.example`,
          agencyId: String(agencyId('FK')),
          teamId: '',
          role: 'learner',
          managerScope: '',
        },
        admin,
      );
      expect(reply.status, name).toBe(200);
    }
    const stored = db
      .prepare("select name from users where email like 'namn%@fk.example' order by email")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(stored).toEqual(names.map((n) => n.normalize('NFC')));
    const list = await request(server.url, '/admin/anvandare?q=namn', { cookie: admin });
    expect(list.body).not.toContain('<script>alert(1)</script>');
    expect(list.body).not.toContain('<svg onload');
    expect(list.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('names with zero-width or right-to-left override characters are refused with a clear message', async () => {
    const before = counts();
    for (const name of ['Anna\u200BSvensson', 'Anna \u202Enosnevs', 'Bo\u0000']) {
      const reply = await postForm(
        server.url,
        '/admin/anvandare',
        {
          name,
          email: 'osynlig@fk.example',
          agencyId: String(agencyId('FK')),
          teamId: '',
          role: 'learner',
          managerScope: '',
        },
        admin,
      );
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('osynliga tecken');
      expect(reply.body).toContain('href="#f-name"');
    }
    expect(counts()).toEqual(before);
  });

  it('user form: wrong types, unknown ids, extra fields, duplicate e-mail in another case → 400 with the field named, nothing written', async () => {
    const before = counts();
    const base = {
      name: 'Test Person',
      email: 'test.person@fk.example',
      agencyId: String(agencyId('FK')),
      teamId: '',
      role: 'learner',
      managerScope: '',
    };
    const cases: [Record<string, string>, string][] = [
      [{ ...base, agencyId: 'abc' }, 'f-agencyId'],
      [{ ...base, agencyId: '999999' }, 'f-agencyId'],
      [{ ...base, agencyId: '-1' }, 'f-agencyId'],
      [{ ...base, teamId: '1.5' }, 'f-teamId'],
      [
        {
          ...base,
          teamId: String(
            (db.prepare('select id from teams where agency_id = ? limit 1').get(agencyId('PM')) as { id: number }).id,
          ),
        },
        'f-teamId',
      ],
      [{ ...base, role: 'superadmin' }, 'f-role'],
      [{ ...base, role: 'manager', managerScope: '' }, 'f-managerScope'],
      [{ ...base, role: 'manager', managerScope: 'team', teamId: '' }, 'f-teamId'],
      [{ ...base, email: 'ANNA.ANDERSSON@FK.example' }, 'f-email'],
      [{ ...base, email: 'inte en adress' }, 'f-email'],
      [{ ...base, email: `${'a'.repeat(300)}@fk.example` }, 'f-email'],
      [{ ...base, name: 'x'.repeat(10_000) }, 'f-name'],
      [{ ...base, active: 'false', passwordHash: 'x' }, 'f-active'],
    ];
    for (const [fields, anchor] of cases) {
      const reply = await postForm(server.url, '/admin/anvandare', fields, admin);
      expect(reply.status, JSON.stringify(fields).slice(0, 120)).toBe(400);
      expect(reply.body, anchor).toContain(`href="#${anchor}`);
    }
    expect(counts()).toEqual(before);
  });

  it('agency and team forms refuse bad codes, duplicates and unknown agencies', async () => {
    const before = counts();
    for (const fields of [
      { name: 'Ny', code: 'N' },
      { name: 'Ny myndighet', code: 'TOOLONGCODE' },
      { name: 'Ny myndighet', code: 'FK' },
      { name: 'Försäkringskassan', code: 'FKX' },
      { name: '', code: '' },
      { name: 'X\u202E', code: 'XX' },
    ]) {
      expect((await postForm(server.url, '/admin/myndigheter', fields, admin)).status, JSON.stringify(fields)).toBe(
        400,
      );
    }
    for (const fields of [
      { agencyId: '999', name: 'Team' },
      { agencyId: String(agencyId('FK')), name: 'It-drift' },
      { agencyId: 'x', name: 'T' },
      { agencyId: String(agencyId('FK')), name: '' },
    ]) {
      expect((await postForm(server.url, '/admin/team', fields, admin)).status, JSON.stringify(fields)).toBe(400);
    }
    expect(counts()).toEqual(before);
  });

  it('user actions: unknown action, extra fields, bad role → 400; an admin cannot disable themself', async () => {
    const id = (db.prepare("select id from users where email = 'anna.andersson@fk.example'").get() as { id: number })
      .id;
    const self = (db.prepare("select id from users where email = 'admin@fk.example'").get() as { id: number }).id;
    for (const fields of [
      { action: 'radera' },
      { action: 'inaktivera', active: '1' },
      { action: 'roll', role: 'gud', managerScope: '', teamId: '' },
      {},
    ]) {
      expect(
        (await postForm(server.url, `/admin/anvandare/${id}`, fields as Record<string, string>, admin)).status,
        JSON.stringify(fields),
      ).toBe(400);
    }
    expect((await postForm(server.url, `/admin/anvandare/${self}`, { action: 'inaktivera' }, admin)).status).toBe(400);
    const pmTeam = (
      db.prepare('select id from teams where agency_id = ? limit 1').get(agencyId('PM')) as { id: number }
    ).id;
    const moved = await postForm(
      server.url,
      `/admin/anvandare/${id}`,
      { action: 'roll', role: 'manager', managerScope: 'team', teamId: String(pmTeam) },
      admin,
    );
    expect(moved.status).toBe(400);
    expect(moved.body).toContain('href="#f-teamId"');
    expect(db.prepare('select role, team_id from users where id = ?').get(id)).toMatchObject({ role: 'learner' });
    expect((db.prepare('select active from users where id = ?').get(self) as { active: number }).active).toBe(1);
  });

  it('paths: traversal, encoded tricks, NUL and 10 kB ids → 404/400 (or login/403), never 200 for a learner, never 500', async () => {
    const paths = [
      '/admin/anvandare/../logg',
      '/admin/anvandare/%2e%2e%2flogg',
      '/admin/anvandare/%2e%2e',
      '/%61dmin',
      '/%2561dmin',
      '/admin/anvandare/1%00',
      '/team/abc',
      `/team/${'9'.repeat(10_000)}`,
      `/admin/anvandare/${'a'.repeat(10_000)}`,
      '/konto/aterstall/..%2f..%2fadmin',
      '/konto/aterstall/%00',
      `/konto/aterstall/${'a'.repeat(10_000)}`,
      '//evil.example',
      '/admin/anvandare/0',
      '/admin/anvandare/-1',
    ];
    for (const path of paths) {
      const reply = await rawRequest(server.url, path, { headers: { cookie: learner } });
      expect([400, 403, 404, 414, 431, 303, 301, 308], `${path.slice(0, 60)}: ${reply.status}`).toContain(reply.status);
      if ([301, 303, 308].includes(reply.status)) expect(String(reply.headers.location), path).toMatch(/^\/(?!\/)/);
      const asAdmin = await rawRequest(server.url, path, { headers: { cookie: admin } });
      expect(asAdmin.status, `admin ${path.slice(0, 60)}`).toBeLessThan(500);
    }
  });

  it('the audit log filter answers 400 for a bad date, never 500', async () => {
    expect((await request(server.url, '/admin/logg?from=igår', { cookie: admin })).status).toBe(400);
    expect((await request(server.url, '/admin/logg?outcome=kanske', { cookie: admin })).status).toBe(400);
    expect((await request(server.url, '/admin/logg?extra=1', { cookie: admin })).status).toBe(400);
    const filtered = await request(
      server.url,
      `/admin/logg?action=login&outcome=ok&agencyId=${agencyId('FK')}&actor=admin&from=2000-01-01&to=2100-01-01`,
      { cookie: admin },
    );
    expect(filtered.status).toBe(200);
    expect(filtered.body).toContain('admin@fk.example');
  });
});

describe('web csv import', () => {
  const upload = (csv: string, steg: string, cookie: string, extra: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    form.set('steg', steg);
    form.set('fil', new Blob([csv], { type: 'text/csv' }), 'deltagare.csv');
    return request(server.url, '/admin/import', {
      method: 'POST',
      cookie,
      headers: { origin: server.url },
      body: form,
    });
  };

  it('reports broken rows, duplicates and unknown teams with line numbers and imports nothing', async () => {
    const before = counts();
    const csv =
      'namn;e-post;team\nOk Person;ok.person@pm.example;Kundservice\n;tom@pm.example;\nDubbel;OK.PERSON@pm.example;\nFinns;anna.andersson@fk.example;\nFel Team;felteam@pm.example;It-drift\n';
    const reply = await upload(csv, 'importera', pmManager);
    expect(reply.status).toBe(422);
    for (const line of ['<td>3</td>', '<td>4</td>', '<td>5</td>', '<td>6</td>']) expect(reply.body).toContain(line);
    expect(reply.body).toContain('Samma e-postadress som på rad 2');
    expect(reply.body).toContain('ingenting importerades');
    expect(counts()).toEqual(before);
  });

  it('a dry run writes nothing; a clean file imports every row into the manager’s own agency with NFC names', async () => {
    const before = counts() as { u: number };
    const csv = `\uFEFFnamn,e-post,team\n${'Åsa Ölund'.normalize('NFD')},asa.olund@pm.example,Förvaltning\nPer Pålsson,per.palsson@pm.example,\n`;
    const dry = await upload(csv, 'kontrollera', pmManager);
    expect(dry.status).toBe(200);
    expect(dry.body).toContain('2 deltagare kan importeras');
    expect((counts() as { u: number }).u).toBe(before.u);
    const real = await upload(csv, 'importera', pmManager);
    expect(real.status).toBe(200);
    expect(real.body).toContain('2 deltagare importerades');
    // Each imported person gets a one-time link that works.
    const link = /https?:\/\/[^<"]+\/konto\/aterstall\/[a-z2-7.]+/.exec(real.body)![0];
    const chosen = await postForm(server.url, new URL(link).pathname, {
      newPassword: 'min egen fras här',
      repeatPassword: 'min egen fras här',
    });
    expect(chosen.status).toBe(200);
    await login(server.url, 'asa.olund@pm.example', 'min egen fras här');
    const rows = db
      .prepare(
        "select name, agency_id, role from users where email in ('asa.olund@pm.example', 'per.palsson@pm.example') order by email",
      )
      .all();
    expect(rows).toEqual([
      { name: 'Åsa Ölund'.normalize('NFC'), agency_id: agencyId('PM'), role: 'learner' },
      { name: 'Per Pålsson', agency_id: agencyId('PM'), role: 'learner' },
    ]);
  });

  it('an agency manager cannot import into another agency by posting agencyId', async () => {
    const before = counts();
    const reply = await upload('namn;e-post\nX;x.annan@fk.example\n', 'importera', pmManager, {
      agencyId: String(agencyId('FK')),
    });
    expect(reply.status).toBe(400);
    expect(counts()).toEqual(before);
  });

  it('an upload without a file is a 400 naming the field', async () => {
    const form = new FormData();
    form.set('steg', 'kontrollera');
    form.set('agencyId', String(agencyId('PM')));
    const reply = await request(server.url, '/admin/import', {
      method: 'POST',
      cookie: admin,
      headers: { origin: server.url },
      body: form,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('href="#f-fil"');
  });
});

/**
 * Issue 20: the security review's findings, one test each (points 1–13; 11 and 12 are in the access matrix
 * and the password-policy unit test). Point 5 fills the sign-in throttle of 127.0.0.1: it runs last.
 */
describe('security review findings (issue 20)', () => {
  const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;
  const auditCount = (action: string) =>
    one<{ n: number }>('select count(*) n from audit_log where action = ?', action).n;
  const LESSON = () =>
    one<{ course_id: string; lesson_id: string }>('select course_id, lesson_id from lesson_progress limit 1');
  // Case-sensitive: the HTML attribute `required` is not zod's "Required".
  const ENGLISH = /Invalid input|[Ee]xpected (string|number)|received undefined|\bRequired\b|Unrecognized key/;

  it('point 1: a sign-in with till=/..//evil.example (or /%2e%2e//x) stays on this site, on the role’s page', async () => {
    for (const till of ['/..//evil.example', '/%2e%2e//evil.example', '/a/..//evil.example', '/.//evil.example']) {
      // A trainer: no second step, so the password alone decides where the browser goes.
      const reply = await postForm(server.url, '/logga-in', {
        email: 'utbildare@fk.example',
        password: DEMO_PASSWORDS.trainer,
        till,
      });
      expect(reply.status, till).toBe(303);
      // An unsafe return path counts as none: the trainer lands on their own start page.
      expect(reply.headers.get('location'), till).toBe('/statistik');
    }
  });

  it('point 2: OPTIONS or an unknown action on /admin/anvandare/<id> shows no data unless the read is audited', async () => {
    const target = one<{ id: number; email: string }>(
      "select id, email from users where role = 'learner' and agency_id = ? order by id limit 1",
      agencyId('PM'),
    );
    const before = auditCount('user.view');
    const options = await rawRequest(server.url, `/admin/anvandare/${target.id}`, {
      method: 'OPTIONS',
      headers: { cookie: pmManager, origin: server.url },
    });
    expect(options.status).toBe(405);
    expect(options.body).not.toContain(target.email);
    const unknown = await postForm(server.url, `/admin/anvandare/${target.id}`, { action: 'radera' }, pmManager);
    expect(unknown.status).toBe(400);
    const shown = unknown.body.includes(target.email) ? 1 : 0;
    expect(auditCount('user.view')).toBe(before + shown);
  });

  it('point 3: every method a route does not handle answers 405 with Allow', async () => {
    const lesson = LESSON();
    const paths = [
      '/om/',
      `/kurser/${lesson.course_id}/`,
      '/pagefind/pagefind.js',
      '/logga-in',
      '/konto',
      '/admin/anvandare',
      '/mina-kurser/mina-uppgifter.json',
      '/api/framsteg',
    ];
    for (const path of paths) {
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
        const reply = await rawRequest(server.url, path, { method, headers: { cookie: admin, origin: server.url } });
        expect(reply.status, `${method} ${path}`).toBe(405);
        expect(String(reply.headers.allow), `${method} ${path}`).toMatch(/^(GET, HEAD|GET, HEAD, POST|POST)$/);
      }
    }
    for (const path of [
      '/om/',
      `/kurser/${lesson.course_id}/`,
      '/statistik',
      '/admin/logg',
      '/mina-kurser/mina-uppgifter.json',
    ]) {
      const reply = await request(server.url, path, {
        method: 'POST',
        cookie: admin,
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      });
      expect(reply.status, `POST ${path}`).toBe(405);
      expect(reply.headers.get('allow'), `POST ${path}`).toBe('GET, HEAD');
    }
    const login = await rawRequest(server.url, '/logga-in', { method: 'PUT', headers: { origin: server.url } });
    expect(login.headers.allow).toBe('GET, HEAD, POST');
  });

  it('point 4: an agency manager cannot tell whether an address exists in another agency; the CSV check is throttled', async () => {
    const pmLearner = one<{ email: string }>(
      "select email from users where role = 'learner' and agency_id = ? order by id limit 1",
      agencyId('PM'),
    ).email;
    const create = (email: string) =>
      postForm(server.url, '/admin/anvandare', { name: 'Prov Person', email, teamId: '' }, pmManager);
    const errorOf = (body: string) => /<ul>\s*<li><a href="#f-email">([^<]*)<\/a>/.exec(body)?.[1];
    const own = await create(pmLearner);
    const other = await create('anna.andersson@fk.example');
    expect(own.status).toBe(400);
    expect(other.status).toBe(400);
    expect(errorOf(other.body)).toBeDefined();
    expect(errorOf(other.body)).toBe(errorOf(own.body));
    expect(other.body).not.toMatch(/annan myndighet/i);
    const upload = (csv: string) => {
      const form = new FormData();
      form.set('steg', 'kontrollera');
      form.set('fil', new Blob([csv], { type: 'text/csv' }), 'deltagare.csv');
      return request(server.url, '/admin/import', {
        method: 'POST',
        cookie: pmManager,
        headers: { origin: server.url },
        body: form,
      });
    };
    const known = await upload('namn;e-post\nAnna;anna.andersson@fk.example\n');
    const unknown = await upload('namn;e-post\nAnna;finns.inte.alls@fk.example\n');
    expect(known.status).toBe(unknown.status);
    expect(known.body.replace(/anna\.andersson/g, 'x')).toBe(unknown.body.replace(/finns\.inte\.alls/g, 'x'));
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await upload('namn;e-post\nA;a@pm.example\n')).status);
    expect(statuses).toContain(429);
  });

  it('point 6: absolute links come from the configured public origin, never the Host header', async () => {
    const publicOrigin = `http://localhost:${new URL(server.url).port}`;
    const reply = await rawRequest(server.url, '/admin/anvandare', {
      method: 'POST',
      headers: {
        host: 'evil.example',
        origin: 'http://evil.example',
        cookie: admin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        name: 'Värd Huvud',
        email: 'vard.huvud@fk.example',
        agencyId: String(agencyId('FK')),
        teamId: '',
        role: 'learner',
        managerScope: '',
      }).toString(),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).not.toContain('evil.example/konto');
    expect(reply.body).toContain(`${publicOrigin}/konto/aterstall/`);
    const holder = one<{ email: string; course_id: string }>(
      "select u.email, c.course_id from course_completions c join users u on u.id = c.user_id where u.role = 'learner' and u.active = 1 limit 1",
    );
    const cookie = await login(server.url, holder.email, DEMO_PASSWORDS.learner);
    const certificate = await rawRequest(server.url, `/mina-kurser/intyg/${holder.course_id}/`, {
      headers: { host: 'evil.example', cookie },
    });
    expect(certificate.status).toBe(200);
    expect(certificate.body).not.toContain('evil.example/intyg');
    expect(certificate.body).toContain(`${publicOrigin}/intyg/`);
  });

  it('point 7: invalid UTF-8 in a feedback comment is refused with 400, nothing stored', async () => {
    const lesson = LESSON();
    const before = one<{ n: number }>('select count(*) n from lesson_feedback').n;
    const reply = await rawRequest(server.url, `/kurser/${lesson.lesson_id}/aterkoppling/`, {
      method: 'POST',
      headers: { cookie: learner, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([Buffer.from('hjalpte=ja&kommentar=bra'), Buffer.from([0xff, 0xfe]), Buffer.from('%FF%C3')]),
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatch(/teckenkodning|UTF-8/i);
    expect(one<{ n: number }>('select count(*) n from lesson_feedback').n).toBe(before);
  });

  it('point 8: missing or wrongly typed fields get Swedish messages (never Zod’s English) and 400 on every form', async () => {
    const target = one<{ id: number }>("select id from users where email = 'anna.andersson@fk.example'").id;
    const lesson = LESSON();
    const cases: [string, Record<string, string>, string][] = [
      ['/logga-in', {}, admin],
      // E-mail first: an address alone is a valid first step; a step 2 without the password is not.
      ['/logga-in', { email: 'a@b.se', password: '' }, admin],
      ['/konto/glomt-losenord', {}, admin],
      ['/konto/tvastegs', {}, admin],
      ['/admin/sso', {}, admin],
      ['/admin/sso', { action: 'spara' }, admin],
      ['/konto/losenord', {}, admin],
      ['/konto/losenord', { currentPassword: 'x' }, admin],
      ['/admin/myndigheter', {}, admin],
      ['/admin/myndigheter', { name: 'X' }, admin],
      ['/admin/team', {}, admin],
      ['/admin/anvandare', {}, admin],
      ['/admin/anvandare', { name: 'A B' }, admin],
      [`/admin/anvandare/${target}`, {}, admin],
      [`/admin/anvandare/${target}`, { action: 'roll' }, admin],
      ['/admin/import', {}, admin],
      [`/kurser/${lesson.lesson_id}/aterkoppling/`, {}, learner],
    ];
    for (const [path, fields, cookie] of cases) {
      const reply = await postForm(server.url, path, fields, cookie);
      expect(reply.status, `${path} ${JSON.stringify(fields)}`).toBe(400);
      expect(reply.body, `${path} ${JSON.stringify(fields)}`).not.toMatch(ENGLISH);
    }
  });

  it('point 10: logout and other state changes need the same origin whatever the content type', async () => {
    const cookie = await login(server.url, 'anna.andersson@fk.example', DEMO_PASSWORDS.learner);
    for (const type of ['application/json', 'text/xml', 'application/octet-stream']) {
      const reply = await request(server.url, '/logga-ut', {
        method: 'POST',
        cookie,
        headers: { origin: 'http://evil.example', 'content-type': type },
        body: '{}',
      });
      expect(reply.status, type).toBe(403);
      const noOrigin = await request(server.url, '/logga-ut', {
        method: 'POST',
        cookie,
        headers: { 'content-type': type },
        body: '{}',
      });
      expect(noOrigin.status, `${type} without Origin`).toBe(403);
    }
    const crossSite = await request(server.url, '/logga-ut', {
      method: 'POST',
      cookie,
      headers: { 'sec-fetch-site': 'cross-site', origin: server.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    expect((await request(server.url, '/konto', { cookie })).status).toBe(200);
  });

  it('point 13: the completion route cuts an unbounded chunked body off with 413', async () => {
    const lesson = LESSON();
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(`x=${'a'.repeat(1024 * 1024)}`));
        controller.close();
      },
    });
    const res = await fetch(new URL(`/kurser/${lesson.lesson_id}/klar/`, server.url), {
      method: 'POST',
      headers: { origin: server.url, cookie: learner, 'content-type': 'application/x-www-form-urlencoded' },
      body: chunks,
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('point 9: a 500 is a short Swedish page with a reference id that is also in the log line', async () => {
    const writable = new Database(server.databasePath);
    try {
      writable.exec('alter table agencies rename to agencies_borta');
      const reply = await request(server.url, '/admin/myndigheter', { cookie: admin });
      expect(reply.status).toBe(500);
      expect(reply.headers.get('content-type')).toMatch(/text\/html/);
      expect(reply.body).toContain('lang="sv"');
      const ref = /Referens: <code>([A-Z0-9-]{8,})<\/code>/.exec(reply.body)?.[1];
      expect(ref, reply.body.slice(0, 300)).toBeDefined();
      const line = server
        .output()
        .split('\n')
        .find((l) => l.includes(ref!));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({ event: 'server.error', ref });
    } finally {
      writable.exec('alter table agencies_borta rename to agencies');
      writable.close();
    }
  });

  it('point 5: 300 throttled sign-ins from one address write a few aggregated audit rows, not 300', async () => {
    const throttleRows = () =>
      one<{ n: number }>("select count(*) n from audit_log where action in ('login.throttled', 'login.lockout')").n;
    const before = throttleRows();
    let throttled = 0;
    for (let i = 0; i < 300; i++) {
      const reply = await postForm(server.url, '/logga-in', {
        email: `flod${i % 7}@fk.example`,
        password: 'fel-fel-fel',
      });
      if (reply.status === 429) throttled++;
    }
    expect(throttled).toBeGreaterThan(250);
    expect(throttleRows() - before).toBeLessThanOrEqual(8);
    const last = one<{ detail: string }>(
      "select detail from audit_log where action in ('login.throttled', 'login.lockout') order by id desc limit 1",
    );
    expect(last.detail).toBeDefined();
  });

  it('the assignment and reminder forms refuse unknown actions, bad dates and extra fields in Swedish, writing nothing', async () => {
    const one = <T>(sql: string): T => db.prepare(sql).get() as T;
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const fields = { mottagare: 'myndighet', epost: '', kurs1: 'saker-it-drift', kurs2: '', kurs3: '' };
    const made = await postForm(
      server.url,
      '/team/obligatoriska',
      { ...fields, slutdatum: future, fornyelse: '' },
      pmManager,
    );
    expect(made.status).toBe(303);
    const page = /\/team\/obligatoriska\/\d+/.exec(made.headers.get('location') ?? '')![0];
    const stored = () => one<Record<string, unknown>>(`select * from assignments where id = ${page.split('/').pop()}`);
    const before = stored();
    const unknown = await postForm(server.url, page, { atgard: 'radera' }, pmManager);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Okänd åtgärd. Ladda om sidan och försök igen.');
    const past = await postForm(
      server.url,
      page,
      { atgard: 'andra', kurs1: 'saker-it-drift', kurs2: '', kurs3: '', slutdatum: '2020-01-01', fornyelse: '' },
      pmManager,
    );
    expect(past.status).toBe(400);
    expect(past.body).toContain('Sista dagen har redan passerat');
    expect(past.body).toContain('value="2020-01-01"');
    const extra = await postForm(server.url, page, { atgard: 'ta-bort', agency_id: '1' }, pmManager);
    expect(extra.status).toBe(400);
    expect(extra.body).toContain(`value="${future}"`);
    expect(stored()).toEqual(before);
    const settings = () => one<{ n: number }>('select count(*) n from reminder_settings').n;
    const rows = settings();
    for (const body of [{ valfria: 'ja' }, { valfria: 'av', mer: '1' }] as Record<string, string>[]) {
      const reply = await postForm(server.url, '/konto/paminnelser', body, learner);
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('Formuläret innehöll fält som inte får ändras här. Ladda om sidan och försök igen.');
    }
    expect(settings()).toBe(rows);
  });
});
