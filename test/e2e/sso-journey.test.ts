/**
 * Signing in through an agency's own identity provider in headless Chromium,
 * as a newcomer does with `npm start`: the demo agency's provider (a real
 * `oidc-provider`, mounted at /demo-idp in demo mode) and the printed demo
 * account. E-mail first on /logga-in, the password at the provider, back
 * with an account created just in time in the team the claim names; sign-out
 * also ends the session at the provider. axe clean and no CSP errors on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '#tooling/browser.ts';
import { DEMO_IDP_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_SSO_AGENCY } from '#lib/demo/demo-idp.ts';

let server: RunningServer;
let browser: Browser;
/** The public origin (links and the redirect URI use http://localhost:<port> when PUBLIC_ORIGIN is unset). */
let base: string;
const sara = DEMO_IDP_ACCOUNTS[0];

beforeAll(async () => {
  server = await startServer();
  base = server.url.replace('//127.0.0.1', '//localhost');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function person(email: string): { role: string; agency: string; team: string | null } | undefined {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db
      .prepare(
        'select u.role, a.code as agency, t.name as team from users u join agencies a on a.id = u.agency_id left join teams t on t.id = u.team_id where u.email = ?',
      )
      .get(email) as { role: string; agency: string; team: string | null } | undefined;
  } finally {
    db.close();
  }
}

describe('SSO journey with the demo provider', () => {
  it('a new person of the SSO agency signs in at the provider, lands as a learner, and signs out at both', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchConsole(page);
    expect(person(sara.email)).toBeUndefined();

    await page.goto(`${base}/logga-in`);
    await page.getByLabel('E-postadress').fill(sara.email);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    // The address's domain belongs to the demo agency: no password field here, the provider asks instead.
    await page.waitForURL((u) => u.pathname.startsWith('/demo-idp/interaction/'));
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Logga in hos din myndighet');
    await expect(page.getByLabel('E-postadress').inputValue()).resolves.toBe(sara.email);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Lösenord').fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in hos myndigheten' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Fel e-postadress eller lösenord');
    expect(person(sara.email)).toBeUndefined();

    await page.getByLabel('Lösenord').fill(DEMO_IDP_PASSWORD);
    await page.getByRole('button', { name: 'Logga in hos myndigheten' }).click();
    // Back at Kompetensnav: a learner's landing page.
    await page.waitForURL((u) => u.origin === base && u.pathname === '/mina-kurser/');
    expect(person(sara.email)).toEqual({ role: 'learner', agency: DEMO_SSO_AGENCY.code, team: sara.department });

    await page.goto(`${base}/konto`);
    const account = await page.locator('main').innerText();
    expect(account).toContain(sara.name);
    expect(account).toContain(DEMO_SSO_AGENCY.name);
    expect(account).toContain(sara.department);
    expect(await axeViolations(page)).toEqual([]);

    // Sign-out ends the session here and asks the provider to end its own.
    await page
      .getByRole('button', { name: /Logga ut/ })
      .first()
      .click();
    await page.waitForURL((u) => u.pathname.startsWith('/demo-idp/'));
    await page.getByRole('button', { name: 'Ja, logga ut' }).click();
    await page.waitForURL((u) => u.origin === base && u.pathname === '/logga-in');
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Du är utloggad');
    expect((await page.goto(`${base}/konto`))?.url()).toContain('/logga-in');

    // The provider forgot the person too: the next sign-in asks for the password again.
    await page.goto(`${base}/logga-in`);
    await page.getByLabel('E-postadress').fill(sara.email);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/demo-idp/interaction/'));
    await expect(page.getByLabel('Lösenord').isVisible()).resolves.toBe(true);

    expect(problems.filter((p) => !/status of 40[01]/.test(p))).toEqual([]);
    await context.close();
  });

  it('an address of another domain gets the password step on the sign-in page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/logga-in`);
    await expect(page.getByLabel('Lösenord').count()).resolves.toBe(0);
    await page.getByLabel('E-postadress').fill('anna.andersson@fk.example');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByLabel('Lösenord').waitFor();
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
