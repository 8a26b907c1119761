/**
 * `npm run bench:search`: in Debian's headless Chromium, the time from typing
 * a query to the first result on screen, on a first visit (a fresh browser
 * context per query, nothing cached), ours against a default Starlight site
 * built from the same 1,000-lesson corpus (builds them first if .bench does
 * not hold them; see bench:build). Both sites are served gzip-compressed from
 * 127.0.0.1.
 *
 * Each visit opens the search the way a visitor does (our /sok/ page; the
 * peer's search dialog from its start page), waits until the search field is
 * there, clicks it and types the whole query at once; the clock runs from the
 * keystrokes to the first result link being visible.
 *
 * Options: `--quick` (BENCH_QUICK=1) runs 3 queries; `--trace` prints each
 * visit's requests after typing with their start and end times.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { launchBrowser } from '#tooling/browser.ts';
import { startServer } from '#tooling/server.ts';
import { median } from './measure.ts';
import { ensureBuilt, loadLine, OUR_DIST } from './sites.ts';
import { STARLIGHT_DIST, STARLIGHT_VERSION } from './starlight.ts';
import { startStaticServer } from './static-server.ts';

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

interface System {
  name: string;
  /** Opens the search as a visitor would and returns the search field's selector. */
  open: (page: Page, base: string) => Promise<string>;
  result: string;
}

const OURS: System = {
  name: 'Kompetensnav',
  open: async (page, base) => {
    await page.goto(`${base}/sok/`);
    return '#sok-fraga';
  },
  result: '.search-results a',
};

const STARLIGHT: System = {
  name: `Starlight ${STARLIGHT_VERSION}`,
  open: async (page, base) => {
    await page.goto(`${base}/`);
    await page.locator('button[data-open-modal]:not([disabled])').click();
    return '#starlight__search input';
  },
  result: '.pagefind-ui__result-link',
};

interface Visit {
  ms: number;
  requests: number;
  bytes: number;
  trace: string[];
}

async function visit(browser: Browser, system: System, base: string, query: string): Promise<Visit> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const input = await system.open(page, base);
    await page.locator(input).waitFor();
    await page.locator(input).click();
    const fetched: Request[] = [];
    page.on('requestfinished', (r) => fetched.push(r));
    const started = Date.now();
    await page.keyboard.insertText(query);
    await page.locator(system.result).first().waitFor({ timeout: 30_000 });
    const ms = Date.now() - started;
    await page.waitForLoadState('networkidle');
    let bytes = 0;
    const trace: string[] = [];
    for (const r of fetched) {
      bytes += (await r.sizes()).responseBodySize;
      const t = r.timing();
      trace.push(
        `    ${String(Math.round(t.startTime - started)).padStart(5)} → ${String(Math.round(t.startTime + t.responseEnd - started)).padStart(5)} ms  ${new URL(r.url()).pathname}`,
      );
    }
    return { ms, requests: fetched.length, bytes, trace };
  } finally {
    await context.close();
  }
}

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const tracing = process.argv.includes('--trace');
const queries = quick ? QUERIES.slice(0, 3) : QUERIES;

await ensureBuilt(1000);
console.log(`bench:search, ${loadLine()}`);
const ours = await startServer({ OUT_DIR: OUR_DIST, KOMPETENSNAV_MODE: 'production' });
const peer = await startStaticServer(STARLIGHT_DIST);
const browser = await launchBrowser();
try {
  const rows: { query: string; ours: Visit; peer: Visit }[] = [];
  for (const query of queries) {
    // In turns, so a busy moment on the shared machine hits both.
    const a = await visit(browser, OURS, ours.url, query);
    const b = await visit(browser, STARLIGHT, peer.url, query);
    rows.push({ query, ours: a, peer: b });
    if (tracing)
      console.log(`  ${query}\n  ${OURS.name}:\n${a.trace.join('\n')}\n  ${STARLIGHT.name}:\n${b.trace.join('\n')}`);
  }
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    '\nfråga'.padEnd(17),
    OURS.name.padStart(14),
    STARLIGHT.name.padStart(18),
    'kvot'.padStart(6),
    '   hämtat efter inskrivning (vår / deras)',
  );
  for (const r of rows)
    console.log(
      r.query.padEnd(16),
      `${r.ours.ms} ms`.padStart(14),
      `${r.peer.ms} ms`.padStart(18),
      (r.ours.ms / r.peer.ms).toFixed(2).padStart(6),
      `   ${r.ours.requests} st, ${kb(r.ours.bytes)} / ${r.peer.requests} st, ${kb(r.peer.bytes)}`,
    );
  const mo = median(rows.map((r) => r.ours.ms));
  const mp = median(rows.map((r) => r.peer.ms));
  console.log(
    `\nMedian från inskriven fråga till första träff (första besök, ${rows.length} frågor): ${OURS.name} ${mo} ms, ${STARLIGHT.name} ${mp} ms, kvot ${(mo / mp).toFixed(2)}`,
  );
} finally {
  await browser.close();
  await peer.stop();
  await ours.stop();
}
