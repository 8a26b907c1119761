/**
 * A demo agency manager's way through the dashboard in headless Chromium,
 * keyboard only: the demo participants' progress, filtering and sorting the
 * matrix (GET form and header links, no JavaScript needed), opening a
 * participant, downloading the CSV, the printable report. axe clean on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/tooling/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '../../src/tooling/browser.ts';
import { signIn } from '../../src/tooling/a11y-visits.ts';
import { DEMO_PASSWORDS } from '../../src/lib/server/demo-data.ts';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Tabs forward until `locator`'s element has focus (at most `max` presses). */
async function tabTo(page: Page, selector: string, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} nåddes inte med Tab`);
}

describe('manager dashboard journey', () => {
  it('shows the demo progress, filters, sorts, opens a participant and downloads the CSV by keyboard', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchConsole(page);
    await signIn(page, server.url, { email: 'myndighetschef@pm.example', password: DEMO_PASSWORDS.manager });
    await page.goto(`${server.url}/team`);
    expect(await page.locator('h1').innerText()).toBe('Teamets framsteg');
    const matrix = page.getByRole('table', { name: /Deltagare och kurser/ });
    expect(await matrix.locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await matrix.locator('.state-completed').count()).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: /avklarade lektioner/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Filter by keyboard: course and state, then submit.
    await tabTo(page, '#s-kurs');
    await page.keyboard.press('ArrowDown'); // the first course
    await tabTo(page, '#s-status');
    await page.selectOption('#s-status', 'completed');
    await tabTo(page, 'form.filters button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/status=completed/);
    const states = await page.locator('table.matrix .state').allInnerTexts();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['Klar']));

    // Sort by progress with the header link, keyboard only.
    await tabTo(page, 'table.matrix thead a[href*="sort=framsteg"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=framsteg/);
    expect(await page.locator('table.matrix th[aria-sort]').getAttribute('aria-sort')).toMatch(/ascending|descending/);

    // Open a participant from the matrix.
    await tabTo(page, 'table.matrix tbody a[href^="/team/deltagare/"]');
    const name = await page.evaluate(() => (document.activeElement as HTMLElement).innerText);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/team\/deltagare\/\d+/);
    expect(await page.locator('h1').innerText()).toBe(name);
    expect(await page.locator('table caption', { hasText: 'Lektioner i' }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // Back to the dashboard and download the CSV.
    await page.goto(`${server.url}/team`);
    await tabTo(page, 'a[href^="/team/export.csv"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const bytes = new Uint8Array(readFileSync(await download.path()));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('Namn;E-post;Team;Kurs;Status;Klara lektioner;Lektioner;Procent klart;Senaste aktivitet');
    expect(text).toContain('@pm.example');
    expect(text).not.toMatch(/@(fk|af)\.example/);

    // The printable report, in print media.
    await page.goto(`${server.url}/team/rapport`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
