/**
 * Required training in headless Chromium, with two server processes on one
 * database: a team manager assigns the security course (saker-it-drift) to
 * their team with a due date; a learner of the team sees it first on Mina
 * kurser and completes it; the manager sees the compliance change and
 * exports it (CSV and .xlsx); the "assigned" reminder is queued in the
 * outbox exactly once although both processes run the scheduler (every
 * second a tick, a run every 3 s, under the lease). axe clean at 1280 and
 * 390 px; screenshots in test-results/assignments/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { axeViolations, launchBrowser, signInByBrowser, watchConsole } from '#tooling/browser.ts';
import { testHash, TEST_PASSWORD } from '../helpers/accounts.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { drawnKey } from '#tooling/a11y-journeys/steps.ts';

const COURSE = 'saker-it-drift';
const LEARNER = 'rut.resenar@fk.example';
const MANAGER = 'chef.it-drift@fk.example';
const SHOTS = 'test-results/assignments';
const scheduler = { REMINDER_TICK_SECONDS: '1', REMINDER_INTERVAL_MINUTES: '0.05', QUIZ_ATTEMPTS_PER_MINUTE: '100' };
let first: RunningServer;
let second: RunningServer;
let browser: Browser;
let learnerId = 0;
let assignmentId = 0;
const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  first = await startServer(scheduler);
  const db = new Database(first.databasePath);
  const team = db
    .prepare(
      "select t.id, t.agency_id as agencyId from teams t join agencies a on a.id = t.agency_id where a.code = 'FK' and t.name = 'It-drift'",
    )
    .get() as { id: number; agencyId: number };
  learnerId = Number(
    db
      .prepare(
        "insert into users (name, email, agency_id, team_id, role, password_hash) values ('Rut Resenär', ?, ?, ?, 'learner', ?)",
      )
      .run(LEARNER, team.agencyId, team.id, await testHash()).lastInsertRowid,
  );
  db.close();
  second = await startServer({ ...scheduler, DATABASE_PATH: first.databasePath });
  browser = await launchBrowser();
}, 400_000);
afterAll(async () => {
  await browser?.close();
  await second?.stop();
  await first?.stop();
});

async function signIn(server: RunningServer, email: string, password: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Each role lands on its own page (issue 13); managers pass the second step first.
  await signInByBrowser(page, server.url, { email, password });
  return page;
}

/** axe at 1280 and 390 px, with a screenshot of each. */
async function accessible(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    expect(await axeViolations(page), `${page.url()} @ ${width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Completes the course as the signed-in learner: every lesson's knowledge
 * check and then the end-of-course case, each drawn by the server and
 * answered by the shown options (drawnKey reads the right ones from the content).
 */
async function completeCourse(page: Page, server: RunningServer, courseId: string): Promise<void> {
  const course = catalogFromFiles(process.cwd()).find((c) => c.id === courseId)!;
  const checks = course.lessons.map((lesson) => `${lessonHref(lesson.id)}kunskapskoll/`);
  if (course.finalCase) checks.push(`/kurser/${courseId}/slutfall/kunskapskoll/`);
  for (const check of checks) {
    await page.goto(server.url + check);
    for (const [i, position] of (await drawnKey(page)).entries())
      await page.locator(`#kunskapskoll input[name="q${i}"][value="${position}"]`).check();
    await page.getByRole('button', { name: 'Skicka svaren' }).click();
    await page.waitForURL('**/kunskapskoll/');
    await expect(page.getByRole('status').innerText()).resolves.toContain('Godkänt');
  }
}

const outbox = (where: string, ...args: unknown[]) => {
  const db = new Database(first.databasePath, { readonly: true });
  try {
    return db
      .prepare(`select kind, to_address as toAddress, dedupe_key as dedupeKey from mail_outbox where ${where}`)
      .all(...args) as {
      kind: string;
      toAddress: string;
      dedupeKey: string;
    }[];
  } finally {
    db.close();
  }
};

describe('required training journey', () => {
  it('a team manager assigns the security course to their team with a due date', { timeout: 300_000 }, async () => {
    const page = await signIn(first, MANAGER, DEMO_PASSWORDS.manager);
    const problems = watchConsole(page);
    await page.goto(`${first.url}/team/obligatoriska`);
    // A past date first: a 400 with the error summary focused and the field marked.
    await page.getByLabel('Vem ska gå kursen?').selectOption({ label: 'Team It-drift' });
    await page.getByLabel('Kurs', { exact: true }).selectOption(COURSE);
    await page.getByLabel('Sista dag').fill('2020-01-01');
    await page.getByRole('button', { name: 'Tilldela' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Sista dagen har redan passerat');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('felsammanfattning');
    await accessible(page, 'tilldela-fel');
    await page.getByLabel('Sista dag').fill(due);
    await page.getByRole('button', { name: 'Tilldela' }).click();
    await page.waitForURL(/\/team\/obligatoriska\/\d+\?skapad=1$/);
    assignmentId = Number(/obligatoriska\/(\d+)/.exec(page.url())![1]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Kursen är tilldelad');
    await expect(page.locator('h1').innerText()).resolves.toBe('Säker it-drift');
    await accessible(page, 'uppdrag');
    // The refused past date was answered 400 on purpose; nothing else may reach the console.
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    await page.context().close();
  });

  it('the learner sees it first on Mina kurser and completes it', { timeout: 600_000 }, async () => {
    const page = await signIn(second, LEARNER, TEST_PASSWORD);
    await page.goto(`${second.url}/mina-kurser/`);
    await expect(page.locator('main h2').first().innerText()).resolves.toBe('Obligatoriska kurser');
    const block = page.locator('.required-courses');
    await expect(block.innerText()).resolves.toMatch(/Säker it-drift[\s\S]*Sista dag .*: 21 dagar kvar/);
    await accessible(page, 'mina-kurser');
    await completeCourse(page, second, COURSE);
    await page.goto(`${second.url}/mina-kurser/`);
    await expect(block.innerText()).resolves.toContain('Klar i tid');
    await page.context().close();
  });

  it('the manager sees the compliance change and exports it as CSV and .xlsx', { timeout: 300_000 }, async () => {
    const page = await signIn(first, MANAGER, DEMO_PASSWORDS.manager);
    await page.goto(`${first.url}/team/obligatoriska/${assignmentId}`);
    const row = page.getByRole('row', { name: /Rut Resenär/ });
    await expect(row.innerText()).resolves.toMatch(/Klar i tid/);
    const code = (await row.locator('td').nth(4).innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9-]{8,}$/);
    const csv = await page.request.get(`${first.url}/team/obligatoriska/export.csv?uppdrag=${assignmentId}`);
    expect(csv.status()).toBe(200);
    const line = (await csv.text()).split('\r\n').find((l) => l.startsWith('Rut Resenär'))!;
    const today = new Date().toISOString().slice(0, 10);
    expect(line).toBe(
      `Rut Resenär;${LEARNER};It-drift;${assignmentId};Säker it-drift;${due};Klar i tid;${today};${code};`,
    );
    const xlsx = await page.request.get(`${first.url}/team/obligatoriska/export.xlsx?uppdrag=${assignmentId}`);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.body()) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Obligatoriska kurser')!;
    const values = sheet
      .getRows(2, sheet.rowCount - 1)!
      .map((r) => r.values as unknown[])
      .find((v) => v[1] === 'Rut Resenär')!;
    expect([values[5], values[7], values[9]]).toEqual(['Säker it-drift', 'Klar i tid', code]);
    await page.goto(`${first.url}/team?uppdrag=${assignmentId}`);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Visar bara personerna');
    await accessible(page, 'framsteg-filtrerad');
    await page.context().close();
  });

  it('the "assigned" mail is in the outbox exactly once across the two processes', { timeout: 120_000 }, async () => {
    const key = `assignment:${assignmentId}:user:${learnerId}:assigned`;
    const deadline = Date.now() + 30_000;
    while (outbox('dedupe_key = ?', key).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 500));
    // Let both processes tick through several more due runs.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(outbox('dedupe_key = ?', key)).toEqual([
      { kind: 'assignment.assigned', toAddress: LEARNER, dedupeKey: key },
    ]);
    const keys = outbox('dedupe_key is not null').map((m) => m.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    // The scheduler kept running (the lease row's last run is recent), yet nothing was queued twice.
    const lease = new Database(first.databasePath, { readonly: true });
    const last = (
      lease.prepare("select last_run_at as at from job_leases where name = 'assignment-reminders'").get() as {
        at: string;
      }
    ).at;
    lease.close();
    expect(Date.now() - Date.parse(last)).toBeLessThan(15_000);
  });
});
