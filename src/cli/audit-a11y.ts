/**
 * `npm run audit:a11y`: starts the built site and audits every prerendered
 * page (all lessons, not a sample) and every on-demand page type in headless
 * Chromium: axe (WCAG 2.0/2.1 A and AA) plus the checks axe cannot make.
 * Meanwhile, in a second browser, one keyboard-only journey per role runs
 * against a second server with its own freshly seeded database (the
 * journeys write data; the pages audited stay as seeded). Writes <out>/client/tillganglighet/rapport.json and a readable
 * report page at /tillganglighet/rapport/. Exit status 1 on any violation or
 * failed journey.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '#tooling/browser.ts';
import { startServer } from '#tooling/server.ts';
import { keyboardProblems, reducedMotionProblems, reflowProblems, textSpacingProblems } from '#tooling/a11y-checks.ts';
import { buildReport, renderReportHtml, type AuditedPage, type JourneyResult } from '#lib/site/a11y-report.ts';
import { roleVisits, signIn } from '#tooling/a11y-visits.ts';
import { addPageOfParticipants } from '#tooling/a11y-data.ts';
import { journeys } from '#tooling/a11y-journeys/index.ts';
import { runJourneys } from '#tooling/a11y-journey-runner.ts';

const outDir = process.env.OUT_DIR ?? 'dist';
const client = join(outDir, 'client');

/** Site paths of every prerendered page, with a page type for the report. */
function prerenderedPages(): { url: string; type: string }[] {
  return readdirSync(client, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(client, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((p) => !p.startsWith('pagefind/') && !p.startsWith('tillganglighet/rapport'))
    .map((p) => (p === '404.html' ? '/finns-inte/' : `/${p.replace(/index\.html$/, '')}`))
    .sort()
    .map((url) => ({ url, type: typeOf(url) }));
}

function typeOf(url: string): string {
  if (url === '/') return 'startsida';
  if (url === '/finns-inte/') return 'felsida (404)';
  const depth = url.split('/').filter(Boolean).length;
  if (url.startsWith('/kurser/')) return depth === 2 ? 'kurs' : 'lektion';
  return url.replaceAll('/', '') || 'sida';
}

/** One page, as it stands: axe plus the other checks (keyboard walk only where asked). */
async function audit(page: Page, type: string, keyboard: boolean): Promise<AuditedPage> {
  const other = [
    ...(await reflowProblems(page)),
    ...(await textSpacingProblems(page)),
    ...(await reducedMotionProblems(page)),
  ];
  if (keyboard) other.push(...(await keyboardProblems(page)));
  return { url: new URL(page.url()).pathname, type, title: await page.title(), axe: await axeViolations(page), other };
}

// Two servers, each on its own seeded database: one for the pages, one for the journeys, which write.
const [server, journeyServer] = await Promise.all([startServer({ OUT_DIR: outDir }), startServer({ OUT_DIR: outDir })]);
// The demo agencies fit on one page of the matrix: give one a second page, so "sida 2" is a real second page.
for (const s of [server, journeyServer]) await addPageOfParticipants(s.databasePath);
const [browser, journeyBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
// The journeys wait mostly on the page, the page audit mostly on axe: run them side by side.
const journeysDone = runJourneys(journeyBrowser, journeyServer.url, journeys);
journeysDone.catch(() => undefined);
const audited: AuditedPage[] = [];
let journeyResults: JourneyResult[];
try {
  // bypassCSP: the text-spacing check injects a style sheet, as a user's bookmarklet or extension would.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const keyboardTypes = new Set<string>();
  const pages = prerenderedPages();
  for (const [i, { url, type }] of pages.entries()) {
    await page.goto(server.url + url);
    if (url === '/sok/') await page.locator('#sok-fraga').waitFor();
    const walk = !keyboardTypes.has(type);
    keyboardTypes.add(type);
    audited.push(await audit(page, type, walk));
    if (process.stdout.isTTY) process.stdout.write(`\r${i + 1}/${pages.length} förrenderade sidor granskade`);
  }
  console.log(`${process.stdout.isTTY ? '\n' : ''}${pages.length} förrenderade sidor granskade`);
  await context.close();
  for (const group of roleVisits) {
    const ctx = await browser.newContext({ bypassCSP: true });
    const p = await ctx.newPage();
    p.setDefaultTimeout(15_000);
    if (group.login) await signIn(p, server.url, group.login);
    for (const visit of group.visits) {
      await visit.open(p, server.url);
      audited.push(await audit(p, `${visit.type} (${group.role})`, true));
    }
    await ctx.close();
  }
  console.log(`${audited.length - pages.length} sidor som kräver inloggning eller ett formulär granskade`);
  const journeyRun = await journeysDone;
  audited.push(...journeyRun.pages);
  journeyResults = journeyRun.results;
  for (const j of journeyResults) {
    console.log(
      `tangentbordsresa ${j.role}: ${j.passed ? 'genomförd' : `avbruten vid "${j.failedStep}": ${j.reason}`} (${j.steps.length} steg, ${j.keyPresses} tangenttryck, ${j.seconds} s)`,
    );
  }
  console.log(`${journeyResults.length} tangentbordsresor på ${journeyRun.seconds} s`);
} finally {
  await Promise.all([browser.close(), journeyBrowser.close()]);
  await Promise.all([server.stop(), journeyServer.stop()]);
}

const report = buildReport(audited, new Date(), journeyResults);
const target = join(client, 'tillganglighet');
mkdirSync(join(target, 'rapport'), { recursive: true });
writeFileSync(join(target, 'rapport.json'), JSON.stringify(report, null, 2));
const css = readdirSync(join(client, '_astro')).find((f) => f.endsWith('.css'));
writeFileSync(join(target, 'rapport', 'index.html'), renderReportHtml(report, css ? `/_astro/${css}` : null));
for (const p of audited) for (const v of [...p.axe, ...p.other]) console.log(`${p.url}: ${v}`);
for (const t of report.duplicateTitles) console.log(`samma sidtitel på flera sidor: ${t}`);
console.log(
  `audit:a11y: ${audited.length} sidor, ${journeyResults.filter((j) => j.passed).length} av ${journeyResults.length} tangentbordsresor genomförda, ${report.violations} fel — ${report.passed ? 'godkänt' : 'underkänt'} (${join(target, 'rapport.json')})`,
);
process.exitCode = report.passed ? 0 : 1;
