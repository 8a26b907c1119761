/**
 * The journey runner on a tiny fixture site: a journey that passes reports
 * every step, and a journey that meets a keyboard trap fails at that step,
 * says why, and does not run the rest (so the audit fails on it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '#tooling/browser.ts';
import { runJourney, type Journey } from '#tooling/a11y-journey-runner.ts';
import { buildReport } from '#lib/site/a11y-report.ts';

const PAGES: Record<string, string> = {
  '/': '<a href="/andra">Till andra sidan</a> <a href="/falla">Till fällan</a>',
  '/andra': '<h1>Andra sidan</h1> <a href="/">Tillbaka</a>',
  '/falla': `<input id="fast" aria-label="Fast"> <a href="/">Tillbaka</a>
    <script>document.getElementById('fast').addEventListener('keydown', (e) => { if (e.key === 'Tab') e.preventDefault(); });</script>`,
};

let server: Server;
let base: string;
let browser: Browser;
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = PAGES[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="sv"><head><title>Fixtur</title><style>:focus-visible { outline: 3px solid #b34700; }</style></head><body>${body ?? ''}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const journey = (steps: Journey['steps']): Journey => ({
  role: 'testroll',
  title: 'Fixturresa',
  account: null,
  start: '/',
  steps,
});
const toSecondPage = {
  name: 'Går till andra sidan',
  run: async ({ kb }: Parameters<Journey['steps'][0]['run']>[0]) => {
    await kb.tabTo(/^Till andra sidan$/);
    await kb.pressAndWait('Enter', '**/andra');
  },
};

describe('runJourney', () => {
  it('reports every step of a journey that completes, with axe on the pages it asks for', async () => {
    const { result, pages } = await runJourney(
      browser,
      base,
      journey([
        {
          ...toSecondPage,
          run: async (j) => {
            await toSecondPage.run(j);
            await j.axe('andra sidan');
          },
        },
      ]),
    );
    expect(result).toMatchObject({
      role: 'testroll',
      passed: true,
      failedStep: null,
      reason: null,
      keyPresses: 2,
      focusStops: 1,
    });
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed']);
    expect(pages).toEqual([
      { url: '/andra', type: 'andra sidan (resa: testroll)', title: 'Fixtur', axe: [], other: [] },
    ]);
  });

  it('fails at the step that meets a keyboard trap, says where, skips the rest, and fails the report', async () => {
    const { result } = await runJourney(
      browser,
      base,
      journey([
        {
          name: 'Går till fällan',
          run: async ({ kb }) => {
            await kb.tabTo(/^Till fällan$/);
            await kb.pressAndWait('Enter', '**/falla');
          },
        },
        { name: 'Tabbar förbi fältet', run: async ({ kb }) => void (await kb.tabTo(/^Tillbaka$/)) },
        toSecondPage,
      ]),
    );
    expect(result.passed).toBe(false);
    expect(result.failedStep).toBe('Tabbar förbi fältet');
    expect(result.reason).toMatch(/^fokus fastnar på input#fast .*\(\/falla\)$/);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed', 'skipped']);
    const report = buildReport([], new Date(), [result]);
    expect(report).toMatchObject({ passed: false, violations: 1 });
  });

  it('fails a step whose expectation is not met, naming the page', async () => {
    const { result } = await runJourney(
      browser,
      base,
      journey([
        {
          name: 'Väntar sig en rubrik',
          run: async ({ page }) => {
            if ((await page.locator('h1').count()) === 0) throw new Error('sidan saknar rubrik');
          },
        },
      ]),
    );
    expect(result).toMatchObject({
      passed: false,
      failedStep: 'Väntar sig en rubrik',
      reason: 'sidan saknar rubrik (/)',
    });
  });
});
