/**
 * E-mail end to end against a real SMTP server started here: the built
 * server delivers its outbox over SMTP_URL. An invitation arrives in Swedish
 * with a link that works; "Glömt lösenord?" answers the same for every
 * address and mails only real accounts; a password change sends a notice and
 * ends outstanding reset links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { login, openReadOnly, postForm, request } from '../helpers/http.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import { RESET_REQUESTED_MESSAGE } from '#lib/auth/forgot-password.ts';

let server: RunningServer;
let smtp: TestSmtp;
let db: Database.Database;
const PUBLIC = 'http://kompetensnav.test';

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.2', PUBLIC_ORIGIN: PUBLIC });
  db = openReadOnly(server.databasePath);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
  await smtp?.stop();
});

const linkIn = (text: string): string => /https?:\/\/\S+\/konto\/aterstall\/[a-z2-7.]+/.exec(text)![0];
const escaped = (s: string) => s.replace(/&/g, '&amp;');

describe('mail delivery over SMTP', () => {
  it('an account an admin creates gets a Swedish invitation whose link sets the first password', async () => {
    const admin = await login(server.url, 'admin@fk.example', DEMO_PASSWORDS.admin);
    const agency = (db.prepare("select id from agencies where code = 'AF'").get() as { id: number }).id;
    const made = await postForm(
      server.url,
      '/admin/anvandare',
      {
        name: 'Åsa Inbjuden',
        email: 'asa.inbjuden@af.example',
        agencyId: String(agency),
        teamId: '',
        role: 'learner',
        managerScope: '',
      },
      admin,
    );
    expect(made.status).toBe(200);
    const mail = await smtp.waitFor('asa.inbjuden@af.example');
    expect(mail.subject).toBe('Välkommen till Kompetensnav – välj ditt lösenord');
    expect(mail.text).toContain('Hej Åsa Inbjuden!');
    expect(mail.text).toContain('Välj ditt lösenord med länken nedan.');
    const link = linkIn(mail.text);
    expect(link.startsWith(`${PUBLIC}/konto/aterstall/`)).toBe(true); // the public origin, not the Host header
    const path = new URL(link).pathname;
    expect((await request(server.url, path)).status).toBe(200);
    const chosen = await postForm(server.url, path, {
      newPassword: 'en inbjuden fras',
      repeatPassword: 'en inbjuden fras',
    });
    expect(chosen.status).toBe(200);
    await login(server.url, 'asa.inbjuden@af.example', 'en inbjuden fras');
    const row = db
      .prepare("select sent_at, attempts from mail_outbox where to_address = 'asa.inbjuden@af.example'")
      .get() as {
      sent_at: string | null;
      attempts: number;
    };
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
  });

  it('"Glömt lösenord?" gives the same answer for every address and mails only an existing account', async () => {
    const known = await postForm(server.url, '/konto/glomt-losenord', { email: 'chef.plattform@af.example' });
    const unknown = await postForm(server.url, '/konto/glomt-losenord', { email: 'ingen.alls@af.example' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const answer = (body: string) => body.replace(/<input[^>]*>/g, '').includes(escaped(RESET_REQUESTED_MESSAGE));
    expect(answer(known.body)).toBe(true);
    expect(answer(unknown.body)).toBe(true);
    const mail = await smtp.waitFor('chef.plattform@af.example', /nytt lösenord/);
    expect(mail.subject).toBe('Välj ett nytt lösenord till Kompetensnav');
    expect(mail.text).toContain('Bad du inte om det?');
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.messages.some((m) => m.to.includes('ingen.alls@af.example'))).toBe(false);

    // The link works; using it sends a notice and makes the old password useless.
    const path = new URL(linkIn(mail.text)).pathname;
    expect(
      (await postForm(server.url, path, { newPassword: 'ny fras för chefen', repeatPassword: 'ny fras för chefen' }))
        .status,
    ).toBe(200);
    const notice = await smtp.waitFor('chef.plattform@af.example', /lösenord har bytts/);
    expect(notice.text).toContain('Lösenordet till ditt konto i Kompetensnav har bytts');
    await login(server.url, 'chef.plattform@af.example', 'ny fras för chefen');
  });

  it('is throttled per address: the fourth request within minutes is refused with a clear message', async () => {
    const email = 'chef.kundservice@pm.example';
    for (let i = 0; i < 3; i++)
      expect((await postForm(server.url, '/konto/glomt-losenord', { email })).status).toBe(200);
    const refused = await postForm(server.url, '/konto/glomt-losenord', { email });
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Du har bett om många länkar på kort tid.');
  });

  it('a password change sends a notice and ends outstanding reset links', async () => {
    const email = 'chef.digitala-tjanster@fk.example';
    expect((await postForm(server.url, '/konto/glomt-losenord', { email })).status).toBe(200);
    const mail = await smtp.waitFor(email, /nytt lösenord/);
    const cookie = await login(server.url, email, DEMO_PASSWORDS.manager);
    const changed = await postForm(
      server.url,
      '/konto/losenord',
      { currentPassword: DEMO_PASSWORDS.manager, newPassword: 'chefens nya fras', repeatPassword: 'chefens nya fras' },
      cookie,
    );
    expect(changed.status).toBe(303);
    const notice = await smtp.waitFor(email, /lösenord har bytts/);
    expect(notice.text).toContain('Var det inte du?');
    expect((await request(server.url, new URL(linkIn(mail.text)).pathname)).status).toBe(404);
  });
});
