/**
 * A reader's journey in headless Chromium against the real built server:
 * start page → course → lesson → next/previous, a knowledge check, search
 * for an inflected Swedish word, and axe on every page type on the way.
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
  page.setDefaultTimeout(10_000);
  consoleProblems = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
}

describe('reading a course', () => {
  it('goes from the start page to a course and its first lesson', async () => {
    await page.goto(server.url + '/');
    await expect(page.title()).resolves.toBe('Kurser för myndigheter – Kompetensnav');
    await expectAccessible();
    await page.getByRole('link', { name: 'Samordnad it-drift' }).first().click();
    await page.waitForURL('**/kurser/samordnad-it-drift/');
    await expect(page.locator('h1').innerText()).resolves.toBe('Samordnad it-drift');
    await expectAccessible();
    await page.getByRole('link', { name: 'Börja kursen' }).click();
    await page.waitForURL('**/kurser/samordnad-it-drift/beslutet-att-flytta-driften/');
    await expectAccessible();
  });

  it('moves to the next lesson and back', async () => {
    const first = page.url();
    await page.locator('a[rel="next"]').click();
    await page.waitForURL((url) => url.href !== first);
    expect(await page.locator('.muted', { hasText: 'Lektion 2 av' }).count()).toBe(1);
    await page.locator('a[rel="prev"]').click();
    await page.waitForURL(first);
  });

  it('reaches the main content with the skip link by keyboard', async () => {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('innehall');
  });

  it("sends a signed-out reader from the lesson's knowledge check to sign in", async () => {
    await page.getByRole('link', { name: 'Gör kunskapskontrollen' }).click();
    await page.waitForURL('**/kunskapskoll/');
    await expect(page.locator('#kunskapskoll fieldset').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Logga in för att göra kontrollen' }).isVisible()).resolves.toBe(true);
    await expectAccessible();
  });

  it('reflows to 320 px without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(server.url + '/kurser/samordnad-it-drift/servicenivaer/');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('searching', () => {
  it('finds the base form from an inflected word and opens the lesson', async () => {
    await page.goto(server.url + '/sok/');
    await page.locator('#sok-fraga').fill('plattformen');
    const result = page.locator('.search-results h2 a', { hasText: 'Vad en teknikplattform är' });
    await result.waitFor({ timeout: 15_000 });
    await expect(page.locator('.search-result-course').first().innerText()).resolves.toMatch(/^Kurs: /);
    // The address follows the query, so the search can be shared.
    expect(new URL(page.url()).searchParams.get('q')).toBe('plattformen');
    await expectAccessible();
    await result.click();
    await page.waitForURL('**/kurser/teknikplattformen/vad-en-plattform-ger/');
    // The page uses "plattform" in many forms: the stem, not the literal query, matched.
    expect(await page.locator('main').innerText()).toMatch(/\bplattform\b/);
  });

  it('takes the query from the start page form (?q=) and filters by course', async () => {
    await page.goto(server.url + '/');
    await page.getByLabel('Sök i kurserna').fill('exitplan');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL('**/sok/?q=exitplan');
    await page.locator('.search-results h2 a').first().waitFor({ timeout: 15_000 });
    const courses = await page.locator('.search-result-course').allInnerTexts();
    expect(new Set(courses).size).toBeGreaterThan(1);
  });

  it('loads the search UI without CSP violations or script errors', () => {
    expect(consoleProblems).toEqual([]);
  });
});

describe('other pages', () => {
  for (const [path, heading] of [
    ['/finns-inte/', 'Sidan finns inte'],
    ['/om/', 'Om Kompetensnav'],
    ['/tillganglighet/', 'Tillgänglighetsredogörelse för Kompetensnav'],
    ['/ordlista/', 'Ordlista'],
  ] as const) {
    it(`${path} is accessible`, async () => {
      const res = await page.goto(server.url + path);
      if (path === '/finns-inte/') expect(res?.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toBe(heading);
      await expectAccessible();
    });
  }
});
