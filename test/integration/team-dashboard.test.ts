/**
 * The manager dashboard over HTTP against the built server with its demo
 * data: scope rules for team and agency managers, other-agency ids by path
 * and by query string (403/404, audited), learners and trainers refused,
 * audit rows for participant views and exports, the CSV, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, openReadOnly, rawRequest, request } from '../helpers/http.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';

let server: RunningServer;
let db: Database.Database;
const cookies: Record<string, string> = {};
const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;
const all = <T>(sql: string, ...args: unknown[]): T[] => db.prepare(sql).all(...args) as T[];
const id = (sql: string, ...args: unknown[]) => one<{ id: number }>(sql, ...args).id;
const lastAudit = () => one<{ id: number }>('select coalesce(max(id), 0) as id from audit_log').id;
const auditSince = (after: number) =>
  all<{
    action: string;
    outcome: string;
    agency_id: number | null;
    actor_email: string;
    target_id: string;
    detail: string;
  }>('select * from audit_log where id > ? order by id', after);

beforeAll(async () => {
  server = await startServer();
  db = openReadOnly(server.databasePath);
  cookies.pm = await login(server.url, 'myndighetschef@pm.example', DEMO_PASSWORDS.manager);
  cookies.fkTeam = await login(server.url, 'chef.it-drift@fk.example', DEMO_PASSWORDS.manager);
  cookies.learner = await login(server.url, 'anna.andersson@fk.example', DEMO_PASSWORDS.learner);
  cookies.trainer = await login(server.url, 'utbildare@fk.example', DEMO_PASSWORDS.trainer);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const teamId = (agency: string, name: string) =>
  id('select t.id from teams t join agencies a on a.id = t.agency_id where a.code = ? and t.name = ?', agency, name);
const learnersOf = (team: number) =>
  all<{ id: number; name: string; email: string }>(
    "select id, name, email from users where team_id = ? and role = 'learner' order by id",
    team,
  );

describe('scope', () => {
  it('a team manager sees exactly their own team, whatever the agency', async () => {
    const mine = learnersOf(teamId('FK', 'It-drift'));
    const other = learnersOf(teamId('FK', 'Informationssäkerhet'));
    const page = await request(server.url, '/team', { cookie: cookies.fkTeam });
    expect(page.status).toBe(200);
    for (const p of mine) expect(page.body).toContain(`/team/deltagare/${p.id}"`);
    for (const p of other) expect(page.body).not.toContain(`/team/deltagare/${p.id}"`);
    const csv = await request(server.url, '/team/export.csv', { cookie: cookies.fkTeam });
    for (const p of other) expect(csv.body).not.toContain(p.email);
    for (const p of mine) expect(csv.body).toContain(p.email);
  });

  it('an agency manager sees all teams of their agency, can filter by team, and nothing of other agencies', async () => {
    const f = learnersOf(teamId('PM', 'Förvaltning'));
    const k = learnersOf(teamId('PM', 'Kundservice'));
    const everyone = await request(server.url, '/team', { cookie: cookies.pm });
    for (const p of [...f, ...k]) expect(everyone.body).toContain(`/team/deltagare/${p.id}"`);
    expect(everyone.body).not.toMatch(/@(fk|af)\.example/);
    const filtered = await request(server.url, `/team?team=${teamId('PM', 'Kundservice')}`, { cookie: cookies.pm });
    for (const p of k) expect(filtered.body).toContain(`/team/deltagare/${p.id}"`);
    for (const p of f) expect(filtered.body).not.toContain(`/team/deltagare/${p.id}"`);
    const csv = await request(server.url, '/team/export.csv', { cookie: cookies.pm });
    expect(csv.body).not.toMatch(/@(fk|af)\.example/);
    const report = await request(server.url, '/team/rapport', { cookie: cookies.pm });
    expect(report.body).not.toMatch(/Anna Andersson/);
  });
});

describe('another agency by id or query string', () => {
  it('is refused with 403 and an audit entry naming that agency, and shows nothing of it', async () => {
    const fk = id("select id from agencies where code = 'FK'");
    const fkTeam = teamId('FK', 'It-drift');
    const fkPerson = learnersOf(fkTeam)[0];
    const probes = [
      `/team?team=${fkTeam}`,
      `/team?myndighet=${fk}`,
      `/team/${fkTeam}`,
      `/team/deltagare/${fkPerson.id}`,
      `/team/kurs/samordnad-it-drift?team=${fkTeam}`,
      `/team/export.csv?team=${fkTeam}`,
      `/team/export.csv?myndighet=${fk}`,
      `/team/rapport?team=${fkTeam}`,
      `/team/rapport?myndighet=${fk}`,
    ];
    for (const path of probes) {
      const before = lastAudit();
      const reply = await request(server.url, path, { cookie: cookies.pm });
      expect(reply.status, path).toBe(403);
      expect(reply.body, path).not.toContain(fkPerson.name);
      expect(reply.headers.get('content-type'), path).not.toContain('text/csv');
      const rows = auditSince(before);
      expect(
        rows.map((r) => [r.action, r.outcome, r.agency_id, r.actor_email]),
        path,
      ).toEqual([['access.denied', 'denied', fk, 'myndighetschef@pm.example']]);
    }
  });

  it('a team of another agency combined with your own agency is not found, and nothing is exported', async () => {
    const pm = id("select id from agencies where code = 'PM'");
    const before = lastAudit();
    const reply = await request(server.url, `/team/export.csv?myndighet=${pm}&team=${teamId('FK', 'It-drift')}`, {
      cookie: cookies.pm,
    });
    expect([403, 404]).toContain(reply.status);
    expect(auditSince(before).some((r) => r.action === 'team.export.csv')).toBe(false);
  });
});

describe('other roles', () => {
  it('a learner or trainer asking for the dashboard, a participant, an export or a report gets 403 (audited)', async () => {
    const somebody = learnersOf(teamId('FK', 'It-drift'))[1];
    for (const who of ['learner', 'trainer']) {
      for (const path of [
        '/team',
        `/team/deltagare/${somebody.id}`,
        '/team/export.csv',
        '/team/rapport',
        '/team/kurs/samordnad-it-drift',
      ]) {
        const before = lastAudit();
        const reply = await request(server.url, path, { cookie: cookies[who] });
        expect(reply.status, `${who} ${path}`).toBe(403);
        expect(auditSince(before).map((r) => r.action)).toEqual(['access.denied']);
      }
    }
  });
});

describe('audit', () => {
  it('writes every participant-page view and every export', async () => {
    const person = learnersOf(teamId('PM', 'Kundservice'))[0];
    const before = lastAudit();
    await request(server.url, `/team/deltagare/${person.id}`, { cookie: cookies.pm });
    await request(server.url, '/team/export.csv', { cookie: cookies.pm });
    await request(server.url, '/team/rapport', { cookie: cookies.pm });
    const rows = auditSince(before);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['participant.view', 'ok'],
      ['team.export.csv', 'ok'],
      ['team.export.report', 'ok'],
    ]);
    expect(rows[0].target_id).toBe(String(person.id));
  });
});

describe('the export and the pages', () => {
  it('CSV: BOM, header row, semicolons, Swedish characters, attachment, no-store', async () => {
    const reply = await request(server.url, '/team/export.csv', { cookie: cookies.pm });
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(
      /^attachment; filename="framsteg-pensionsmyndigheten-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(reply.headers.get('cache-control')).toBe('no-store');
    // fetch's text() drops a BOM: check the bytes.
    const bytes = new Uint8Array(
      await (await fetch(new URL('/team/export.csv', server.url), { headers: { cookie: cookies.pm } })).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header] = reply.body.split('\r\n');
    expect(header).toBe(
      'Namn;E-post;Team;Kurs;Status;Klara lektioner;Lektioner;Procent klart;Senaste aktivitet;Kursen klar;Intygskod',
    );
    expect(reply.body).toMatch(/;Förvaltning;/);
    expect(reply.body).toMatch(/;\d{4}-\d{2}-\d{2};/);
  });

  it('CSV follows the active filters and names the team', async () => {
    const all = await request(server.url, '/team/export.csv', { cookie: cookies.pm });
    const course = all.body.split('\r\n')[1].split(';')[3];
    const team = teamId('PM', 'Kundservice');
    const url = `/team/export.csv?team=${team}&status=completed&kurs=`;
    const done = await request(server.url, url, { cookie: cookies.pm });
    expect(done.headers.get('content-disposition')).toMatch(/filename="framsteg-kundservice-pensionsmyndigheten-/);
    const rows = done.body.split('\r\n').slice(1, -1);
    expect(rows.length).toBeLessThan(all.body.split('\r\n').length - 2);
    for (const r of rows) expect(r.split(';')[2]).toBe('Kundservice');
    expect(course.length).toBeGreaterThan(0);
    // Completed courses carry their certificate code.
    expect(done.body).toMatch(/;Klar;.*;KN-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\r\n/);
  });

  it('filters by state and sorts by progress server-side', async () => {
    const outdated = await request(server.url, '/team?kurs=samordnad-it-drift&status=outdated', { cookie: cookies.pm });
    const cells = [...outdated.body.matchAll(/class="state state-([a-z-]+)"/g)].map((m) => m[1]);
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells)).toEqual(new Set(['outdated']));
    const sorted = await request(server.url, '/team?sort=framsteg&ordning=fallande', { cookie: cookies.pm });
    const totals = [...sorted.body.matchAll(/<td>(\d+) %<\/td>\s*<td>(?:\d{4}-\d{2}-\d{2}|Ingen)<\/td>/g)].map((m) =>
      Number(m[1]),
    );
    expect(totals.length).toBeGreaterThan(5);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(sorted.body).toContain('aria-sort="descending"');
  });

  it('the course page shows the funnel in lesson order', async () => {
    const reply = await request(server.url, '/team/kurs/samordnad-it-drift', { cookie: cookies.pm });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<caption>Påbörjat och klart per lektion, i kursens ordning</caption>');
    expect(reply.body).toContain('Servicenivåer');
  });
});

describe('bad input', () => {
  it('answers 4xx, never 500, for odd ids, paths and filters', async () => {
    const paths = [
      '/team?team=1%00',
      '/team?team=../1',
      '/team?sida=0',
      '/team?sida=99999999999',
      '/team?kurs=%3Cscript%3E',
      '/team?status=%22%3E%3Csvg%20onload%3Dalert(1)%3E',
      '/team?team=1&team=2',
      '/team/deltagare/0',
      '/team/deltagare/abc',
      '/team/deltagare/1e3',
      `/team/deltagare/${'9'.repeat(10_000)}`,
      '/team/deltagare/%2e%2e%2f1',
      '/team/kurs/..%2Fadmin',
      `/team/kurs/${'a'.repeat(10_000)}`,
      '/team/export.csv?x=1',
      '/team/rapport?ordning=upp',
    ];
    for (const path of paths) {
      const reply = await rawRequest(server.url, path, { headers: { cookie: cookies.pm } });
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.status, path).toBeLessThan(500);
    }
  });
  it('answers 404 for a well-formed course that does not exist, and shows the last page for a page past the end', async () => {
    expect((await request(server.url, '/team?kurs=finns-inte&status=started', { cookie: cookies.pm })).status).toBe(
      404,
    );
    const past = await request(server.url, '/team?kurs=samordnad-it-drift&sort=framsteg&sida=9999', {
      cookie: cookies.pm,
    });
    expect(past.status).toBe(200);
    expect(past.body).toMatch(/Sida (\d+) av \1\./);
  });
});
