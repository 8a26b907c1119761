/**
 * Behind a TLS-terminating proxy (issue 15): Debian's nginx, with a
 * certificate made in the test, in front of the built server started with
 * TRUST_PROXY=1 and PUBLIC_ORIGIN=https://localhost:<port>. In Chromium a
 * learner signs in, changes the password (a submitForm form), signs out and
 * in again with the new one: every form POST passes the origin check, the
 * session cookie is `__Host-session`, Secure and HttpOnly, and HSTS is sent.
 * A cross-site POST through the proxy is still refused, and an address the
 * client wrote into X-Forwarded-For is not taken as its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { freePort, startTlsProxy, type TlsProxy } from '#tooling/tls-proxy.ts';
import { launchBrowser, watchConsole } from '#tooling/browser.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';

const LEARNER = 'anna.andersson@fk.example';
const NEW_PASSWORD = 'ett nytt lösenord bakom proxyn';
const FORGED_IP = '203.0.113.9';

let server: RunningServer;
let proxy: TlsProxy;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  server = await startServer({ TRUST_PROXY: '1', PUBLIC_ORIGIN: `https://localhost:${port}`, REMINDERS: 'off' });
  proxy = await startTlsProxy([server.url], port);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await proxy?.stop();
  await server?.stop();
});

describe('behind a TLS-terminating proxy (nginx)', () => {
  it('signs in, changes the password and signs in again over https, with a __Host- Secure cookie', async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      extraHTTPHeaders: { 'X-Forwarded-For': FORGED_IP },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchConsole(page);

    const login = await page.goto(`${proxy.origin}/logga-in`);
    expect(login?.status()).toBe(200);
    expect(login?.headers()['strict-transport-security']).toMatch(/max-age=\d+/);
    await page.getByLabel('E-postadress').fill(LEARNER);
    // E-mail first (#16): an address outside the SSO agencies gets the password field.
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORDS.learner);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((u) => u.pathname === '/mina-kurser/');
    expect(new URL(page.url()).origin).toBe(proxy.origin);

    const cookies = await context.cookies(proxy.origin);
    const session = cookies.find((c) => c.name.startsWith('__Host-'));
    expect(session).toMatchObject({ name: '__Host-session', secure: true, httpOnly: true, path: '/' });
    expect(session?.domain).toBe('localhost');

    await page.goto(`${proxy.origin}/konto/losenord`);
    await page.getByLabel('Nuvarande lösenord').fill(DEMO_PASSWORDS.learner);
    await page.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
    await page.getByLabel('Upprepa det nya lösenordet').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.waitForURL((u) => u.pathname === '/konto' && u.searchParams.get('losenord') === 'bytt');

    await page
      .getByRole('button', { name: /Logga ut/ })
      .first()
      .click();
    await page.waitForURL('**/logga-in?utloggad=1');
    await page.getByLabel('E-postadress').fill(LEARNER);
    // E-mail first (#16): an address outside the SSO agencies gets the password field.
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByLabel('Lösenord').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((u) => u.pathname === '/mina-kurser/');
    expect(problems).toEqual([]);
    await context.close();

    // The proxy appended the real peer to what the client wrote: the server took the proxy's entry.
    const db = new Database(server.databasePath, { readonly: true });
    const ips = db.prepare("select distinct ip from audit_log where action like 'login%'").pluck().all();
    db.close();
    expect(ips).toContain('127.0.0.1');
    expect(ips).not.toContain(FORGED_IP);
  }, 180_000);

  it('still refuses a cross-site form POST through the proxy', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const response = await context.request.post(`${proxy.origin}/logga-in`, {
      headers: { Origin: 'https://evil.example' },
      form: { email: LEARNER, password: NEW_PASSWORD },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect((await context.cookies(proxy.origin)).map((c) => c.name)).not.toContain('__Host-session');
    await context.close();
  });
});
