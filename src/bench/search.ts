/**
 * `npm run bench:search`: in headless Chromium against the built benchmark
 * corpus (.bench/dist from `npm run bench:build`), the time from typing a
 * query to the first result on screen, and the bytes the query fetched.
 */
import { existsSync } from 'node:fs';
import type { Request } from 'playwright-core';
import { launchBrowser } from '../tooling/browser.ts';
import { startServer } from '../tooling/server.ts';

const QUERIES = [
  'plattformen',
  'säkerhetsskydd',
  'incidenten',
  'leverantörens',
  'servicenivå',
  'exitplan',
  'behörigheter',
  'molnet',
];

if (!existsSync('.bench/dist/server/entry.mjs')) {
  console.error('Kör npm run bench:build först: den bygger korpusen som sökningen mäts på.');
  process.exit(1);
}
const server = await startServer({ OUT_DIR: '.bench/dist', KOMPETENSNAV_MODE: 'production' });
const browser = await launchBrowser();
try {
  const rows: { query: string; ms: number; bytes: number; hits: string }[] = [];
  for (const query of QUERIES) {
    // A fresh context per query: a first-time visitor, nothing cached.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/sok/`);
    await page.locator('pagefind-input input').waitFor();
    await page.evaluate(() => (window as unknown as { pagefind?: unknown }).pagefind);
    const fetched: Request[] = [];
    page.on('requestfinished', (r) => fetched.push(r));
    const started = Date.now();
    await page.locator('pagefind-input input').fill(query);
    await page.locator('.pf-result-link').first().waitFor({ timeout: 30_000 });
    const ms = Date.now() - started;
    await page.waitForLoadState('networkidle');
    let bytes = 0;
    for (const r of fetched) bytes += (await r.sizes()).responseBodySize;
    rows.push({ query, ms, bytes, hits: await page.locator('pagefind-summary').innerText() });
    await context.close();
  }
  console.log('fråga'.padEnd(16), 'till första träff'.padStart(18), 'hämtat'.padStart(10), '  sammanfattning');
  for (const r of rows)
    console.log(
      r.query.padEnd(16),
      `${r.ms} ms`.padStart(18),
      `${(r.bytes / 1024).toFixed(0)} KB`.padStart(10),
      ` ${r.hits}`,
    );
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const bytes = rows.map((r) => r.bytes).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  console.log(
    `\nMedian: ${median} ms från inskriven fråga till första träff, ${(bytes / 1024).toFixed(0)} KB hämtat av frågan (första besök; sidans egna filer inte medräknade).`,
  );
} finally {
  await browser.close();
  await server.stop();
}
