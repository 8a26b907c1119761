/**
 * Signing in as each demo role in headless Chromium: the right navigation
 * for the role, the role's own pages, axe clean on the login and admin
 * pages, the static header of prerendered pages, logout. Also an error
 * summary linked to its field, and the login page at 320 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { axeViolations, launchBrowser, signInByBrowser, watchConsole } from '#tooling/browser.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';

let server: RunningServer;
let browser: Browser;
/** Pages already checked with axe: each page is checked once, by the first role that sees it. */
const axeChecked = new Set<string>();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function freshPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page, problems: watchConsole(page) };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  // Each role lands on its own page (issue 13); admins and managers pass the second step first.
  await signInByBrowser(page, server.url, { email, password });
}

async function accountLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Konto' }).getByRole('link').allInnerTexts();
}

const JOURNEYS = [
  {
    role: 'deltagare',
    email: 'anna.andersson@fk.example',
    password: DEMO_PASSWORDS.learner,
    links: ['Mina kurser', 'Mitt konto'],
    visit: [] as string[],
  },
  {
    role: 'teamchef',
    email: 'chef.it-drift@fk.example',
    password: DEMO_PASSWORDS.manager,
    links: ['Mina kurser', 'Mitt konto', 'Mitt team'],
    visit: ['/team'],
  },
  {
    role: 'myndighetschef',
    email: 'myndighetschef@pm.example',
    password: DEMO_PASSWORDS.manager,
    links: ['Mina kurser', 'Mitt konto', 'Myndighetens team', 'Användare'],
    visit: ['/team', '/admin/anvandare', '/admin/import'],
  },
  {
    role: 'utbildare',
    email: 'utbildare@fk.example',
    password: DEMO_PASSWORDS.trainer,
    links: ['Mina kurser', 'Mitt konto', 'Statistik'],
    visit: ['/statistik'],
  },
  {
    role: 'administratör',
    email: 'admin@fk.example',
    password: DEMO_PASSWORDS.admin,
    links: ['Mina kurser', 'Mitt konto', 'Statistik', 'Administration'],
    visit: ['/admin', '/admin/anvandare', '/admin/myndigheter', '/admin/team', '/admin/logg', '/admin/import'],
  },
];

describe('sign-in journey', () => {
  it('the login page is accessible, shows a linked error summary, and works at 320 px', async () => {
    const { context, page, problems } = await freshPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}/logga-in`);
    expect(await axeViolations(page)).toEqual([]);
    // E-mail first: sending an empty address names the field in a linked error summary.
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.waitForSelector('.error-summary');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.error-summary a[href="#f-email"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-email');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.getByLabel('E-postadress').fill('finns.inte@fk.example');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByLabel('Lösenord').fill('fel');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Inloggningen misslyckades');
    expect(problems.filter((p) => !/status of 40[01]/.test(p))).toEqual([]);
    await context.close();
  });

  for (const journey of JOURNEYS) {
    it(`${journey.role}: signs in, sees the right navigation and pages, and signs out`, async () => {
      const { context, page, problems } = await freshPage();
      await signIn(page, journey.email, journey.password);
      expect(await accountLinks(page)).toEqual(journey.links);
      expect(await page.getByRole('button', { name: /Logga ut/ }).count()).toBe(1);
      for (const path of journey.visit) {
        const response = await page.goto(server.url + path);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator('h1').count(), path).toBe(1);
        if (!axeChecked.has(path)) expect(await axeViolations(page), path).toEqual([]);
        axeChecked.add(path);
        const duplicateIds = await page.evaluate(() => {
          const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
          return ids.filter((id, i) => ids.indexOf(id) !== i);
        });
        expect(duplicateIds, path).toEqual([]);
      }
      // Prerendered pages get the same header from GET /api/jag (issue 13); "Mitt konto" leads to the account.
      await page.goto(`${server.url}/om/`);
      await page.getByRole('navigation', { name: 'Konto' }).getByRole('button', { name: 'Logga ut' }).waitFor();
      expect(await accountLinks(page)).toEqual(journey.links);
      await page.getByRole('navigation', { name: 'Konto' }).getByRole('link', { name: 'Mitt konto' }).click();
      await page.waitForURL('**/konto');
      expect(await accountLinks(page)).toEqual(journey.links);
      await page.getByRole('button', { name: /Logga ut/ }).click();
      await page.waitForURL('**/logga-in?utloggad=1');
      await expect(page.getByRole('status').innerText()).resolves.toContain('Du är utloggad');
      expect(await accountLinks(page)).toEqual(['Logga in']);
      const after = await page.goto(`${server.url}/konto`);
      expect(after?.url()).toContain('/logga-in?till=%2Fkonto');
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('admin and account pages reflow at 320 px without sideways scrolling of the page', async () => {
    const { context, page } = await freshPage();
    await signIn(page, 'admin@fk.example', DEMO_PASSWORDS.admin);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of [
      '/konto',
      '/admin',
      '/admin/anvandare',
      '/admin/anvandare/1',
      '/admin/logg',
      '/admin/import',
      '/admin/team',
      '/statistik',
      '/team/1',
    ]) {
      await page.goto(server.url + path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });

  it('an admin creates an account, and the new person chooses a password with the one-time link', async () => {
    const { context, page } = await freshPage();
    await signIn(page, 'admin@fk.example', DEMO_PASSWORDS.admin);
    await page.goto(`${server.url}/admin/anvandare`);
    await page.getByLabel('Namn', { exact: true }).fill('Åke Ny');
    await page.getByLabel('E-postadress').fill('ake.ny@af.example');
    await page.locator('#f-agencyId').selectOption({ label: 'Arbetsförmedlingen (AF)' });
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    const link = await page.locator('.secret-link').innerText();
    expect(await axeViolations(page)).toEqual([]);
    const person = await freshPage();
    await person.page.goto(link);
    expect(await axeViolations(person.page)).toEqual([]);
    await person.page.getByLabel('Nytt lösenord').fill('mitt första lösenord');
    await person.page.getByLabel('Upprepa det nya lösenordet').fill('mitt första lösenord');
    await person.page.getByRole('button', { name: 'Spara lösenord' }).click();
    await person.page.waitForLoadState();
    expect(await person.page.locator('main').innerText()).toContain('Ditt lösenord är sparat');
    await person.page.getByRole('link', { name: 'Logga in' }).last().click();
    await person.page.getByLabel('E-postadress').fill('ake.ny@af.example');
    await person.page.getByRole('button', { name: 'Fortsätt' }).click();
    await person.page.getByLabel('Lösenord').fill('mitt första lösenord');
    await person.page.getByRole('button', { name: 'Logga in' }).click();
    // A new user lands on Mina kurser with a short welcome (issue 13).
    await person.page.waitForURL((u) => u.pathname === '/mina-kurser/');
    await expect(person.page.getByRole('status').innerText()).resolves.toContain('Välkommen till Kompetensnav');
    expect(await accountLinks(person.page)).toEqual(['Mina kurser', 'Mitt konto']);
    await person.context.close();
    await context.close();
  });
});
