/**
 * Searching in headless Chromium against the real built server, with the
 * keyboard only: the count is announced in a live region, the address follows
 * the query and a shared link runs it, a misspelt word offers "Menade du …?",
 * more results come with the focus on the first new one, and axe finds
 * nothing at 1280 and 390 px. Without JavaScript the form still submits ?q=.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '#tooling/browser.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  consoleProblems = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const POLL = { timeout: 15_000 };
const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());

async function tabTo(id: string): Promise<void> {
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== id; i++) {
    await page.keyboard.press('Tab');
  }
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
}

describe('searching with the keyboard', () => {
  it('announces the number of results and makes the address follow the query', async () => {
    await page.goto(server.url + '/sok/');
    await tabTo('sok-fraga');
    await page.keyboard.type('molnet');
    const status = page.getByRole('status');
    await expect.poll(() => status.innerText(), POLL).toMatch(/^\d+ träffar för ”molnet”\.$/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('molnet');
    const first = page.locator('.search-results h2 a').first();
    await expect(first.innerText()).resolves.toBe('Från egen drift till publikt moln');
    await expect(page.locator('.search-result-course').first().innerText()).resolves.toBe(
      'Kurs: Moln och utkontraktering',
    );
  });

  it('reaches the first result from the field with Tab and opens it with Enter', async () => {
    await page.locator('#sok-fraga').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // Sök, Kurs, first result
    expect(await focused()).toBe('Från egen drift till publikt moln');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/kurser/moln-och-utkontraktering/fran-egen-drift-till-publikt-moln/');
  });

  it('runs the search of a shared link', async () => {
    await page.goto(server.url + '/sok/?q=exitplanen');
    await page.locator('.search-results h2 a').first().waitFor();
    expect(await page.locator('#sok-fraga').inputValue()).toBe('exitplanen');
    expect(await page.locator('.search-results h2 a').allInnerTexts()).toContain('Exitplanen, att kunna lämna');
  });

  it('offers a correction for a misspelt word instead of unrelated results', async () => {
    await page.goto(server.url + '/sok/');
    await page.locator('#sok-fraga').focus();
    await page.keyboard.type('inccident');
    await expect.poll(() => page.getByRole('status').innerText(), POLL).toBe('Inga träffar för ”inccident”.');
    expect(await page.locator('.search-results li').count()).toBe(0);
    await expect(page.locator('#sok-forslag').innerText()).resolves.toBe('Menade du incident?');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo('sok-kurs');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('incident');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').innerText(), POLL).toMatch(/^\d+ träffar för ”incident”\.$/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('incident');
  });

  it('shows more results with the focus on the first new one', async () => {
    await page.goto(server.url + '/sok/?q=myndighet');
    await page.locator('#sok-fler').waitFor();
    expect(await page.locator('.search-results li').count()).toBe(10);
    expect(await page.getByRole('status').innerText()).toMatch(/^\d{2} träffar/);
    await page.locator('#sok-fler').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.search-results li').count(), POLL).toBeGreaterThan(10);
    const eleventh = await page.locator('.search-results li').nth(10).locator('a').innerText();
    // The new results are appended one by one; the focus moves once the last of them is in.
    await expect.poll(focused, POLL).toBe(eleventh);
  });

  it('narrows to one course', async () => {
    await page.goto(server.url + '/sok/?q=exitplan');
    await page.locator('.search-results h2 a').first().waitFor();
    await page.locator('#sok-kurs').selectOption('Samordnad it-drift');
    await expect.poll(() => page.getByRole('status').innerText(), POLL).toMatch(/i kursen Samordnad it-drift\.$/);
    const courses = new Set(await page.locator('.search-result-course').allInnerTexts());
    expect([...courses].every((c) => c === 'Kurs: Samordnad it-drift' || c === 'Kursöversikt')).toBe(true);
    expect(new URL(page.url()).searchParams.get('kurs')).toBe('Samordnad it-drift');
  });

  for (const width of [1280, 390]) {
    it(`has no axe violations with results at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(server.url + '/sok/?q=plattformen');
      await page.locator('.search-results h2 a').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });
  }

  it('loads without CSP violations or script errors', () => {
    expect(consoleProblems).toEqual([]);
  });
});

describe('searching without JavaScript', () => {
  it('submits the query in the address and says how to find the courses', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(server.url + '/sok/');
    await noJs.locator('#sok-fraga').fill('exitplan');
    await noJs.locator('#sok-fraga').press('Enter');
    await noJs.waitForURL('**/sok/?q=exitplan&kurs=');
    await expect(noJs.locator('main').innerText()).resolves.toContain('Sökningen behöver JavaScript');
    await context.close();
  });
});
