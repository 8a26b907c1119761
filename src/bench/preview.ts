/**
 * `npm run bench:preview`: the trainers' preview (`npm run dev`) on the
 * generated 1,000-lesson corpus. Opens a lesson in Chromium, then saves a
 * change to its MDX file and times until the changed text is on screen,
 * five times (a different lesson each time), and reports the median.
 *
 * Options: `--quick` (BENCH_QUICK=1) saves three times.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '#tooling/browser.ts';
import { median } from './measure.ts';
import { CORPUS_DIR, corpusLessons, loadLine, prepareCorpus } from './sites.ts';

const LESSONS = 1000;
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const saves = quick ? 3 : 5;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Opens `url` and returns the ms until its h1 showed. A late full reload from the previous save (Vite
 * reloads the page that was open) can abort the navigation or land on the old lesson again, more so on a
 * busy machine: then the lesson is opened again, after a pause that lets such a reload pass.
 */
async function open(page: Page, url: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      await page.goto(url);
      await page.locator('h1').waitFor();
      const ms = performance.now() - started;
      await page.waitForTimeout(1500);
      await page.locator('h1').waitFor();
      if (new URL(page.url()).pathname === new URL(url).pathname) return ms;
    } catch (error) {
      if (!String(error).includes('ERR_ABORTED')) throw error;
    }
    if (attempt >= 3) throw new Error(`${url} gick inte att öppna: en omladdning avbröt den tre gånger`);
  }
}

if (corpusLessons() !== LESSONS) prepareCorpus(LESSONS);
console.log(`bench:preview, ${loadLine()}`);
const port = await freePort();
const data = mkdtempSync(join(tmpdir(), 'kompetensnav-preview-'));
const started = performance.now();
const dev = spawn(
  process.execPath,
  ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)],
  {
    env: {
      ...process.env,
      CONTENT_DIR: CORPUS_DIR,
      DATABASE_PATH: join(data, 'preview.db'),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  },
);
let log = '';
dev.stdout.on('data', (d) => (log += d));
dev.stderr.on('data', (d) => (log += d));
const base = `http://127.0.0.1:${port}`;
const files: { path: string; original: string }[] = [];
const browser = await launchBrowser();
try {
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (log.includes(`${port}`) && /ready|Local/.test(log)) {
        clearInterval(timer);
        resolve();
      }
      if (dev.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`astro dev avslutades:\n${log.slice(-3000)}`));
      }
    }, 50);
  });
  console.log(`Förhandsvisningen startade på ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(60_000);
  const times: number[] = [];
  for (let i = 1; i <= saves; i++) {
    const course = `kurs-${String(i * 7).padStart(2, '0')}`;
    const lesson = String(i * 3).padStart(2, '0');
    const path = join(CORPUS_DIR, course, `${lesson}-lektion-${i * 3}.mdx`);
    const original = readFileSync(path, 'utf8');
    files.push({ path, original });
    const firstView = await open(page, `${base}/kurser/${course}/lektion-${i * 3}/`);
    const marker = `Ändrad i förhandsvisningen ${i}-${Date.now()}`;
    const saved = performance.now();
    writeFileSync(path, `${original}\n${marker}.\n`);
    await page.getByText(marker).waitFor();
    const ms = performance.now() - saved;
    times.push(ms);
    console.log(
      `  ${course}/lektion-${i * 3}: första visning ${firstView.toFixed(0)} ms, från sparad fil till ändrad sida ${ms.toFixed(0)} ms`,
    );
  }
  console.log(
    `\nMedian från sparad lektion till uppdaterad sida: ${median(times).toFixed(0)} ms (${saves} ändringar, ${LESSONS} lektioner)`,
  );
} finally {
  for (const f of files) writeFileSync(f.path, f.original);
  await browser.close();
  if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
  rmSync(data, { recursive: true, force: true });
}
