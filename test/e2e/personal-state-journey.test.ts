/**
 * Issue 13 in headless Chromium, at 1280 and 390 px, axe clean on every page:
 * a signed-out reader, a learner, a team manager and an agency manager each
 * go through their day. Prerendered pages get their personal parts from
 * GET /api/jag via /scripts/personal.js under the strict CSP (console clean).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { axeViolations, launchBrowser, signInByBrowser, watchConsole } from '#tooling/browser.ts';
import { testHash, TEST_PASSWORD } from '../helpers/accounts.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';

const catalog = catalogFromFiles(process.cwd());
const done = catalog.find((c) => c.id === 'teknikplattformen')!;
const revised = catalog.find((c) => c.id === 'samordnad-it-drift')!;
const outdatedLesson = revised.lessons.find((l) => l.revision > 1)!;
const termLesson = lessonHref('ai-i-myndighetens-arbete/ai-kunnighet-och-myndighetens-roll');
const LEARNER = 'dagny.dag@test.example';
const WIDTHS = [1280, 390] as const;
// Whole journeys on a shared, busy machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 180_000 });

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  const db = new Database(server.databasePath);
  const agency = (db.prepare("select id from agencies where code = 'AF'").get() as { id: number }).id;
  const user = db
    .prepare("insert into users (name, email, agency_id, role, password_hash) values ('Dagny Dag', ?, ?, 'learner', ?)")
    .run(LEARNER, agency, await testHash()).lastInsertRowid;
  const row = db.prepare(
    `insert into lesson_progress (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at, completed_at, completed_revision)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T09:00:00.000Z`;
  // A finished, certified course.
  for (const l of done.lessons) row.run(user, agency, done.id, l.id, day(2), day(3), day(3), l.revision);
  db.prepare(
    `insert into course_completions (user_id, agency_id, course_id, course_revision, completed_at, certificate_code)
     values (?, ?, ?, ?, ?, 'KN-TEST-AAAA-BBBB')`,
  ).run(user, agency, done.id, done.revision, day(3));
  // A course in progress: the first lesson done, the revised one done on its old revision, visited last.
  row.run(user, agency, revised.id, revised.lessons[0].id, day(10), day(10), day(10), revised.lessons[0].revision);
  row.run(user, agency, revised.id, outdatedLesson.id, day(11), day(20), day(11), outdatedLesson.revision - 1);
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(width: number, javaScriptEnabled = true): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { page, problems: watchConsole(page) };
}

async function signIn(page: Page, email: string, password: string, from = '/logga-in'): Promise<void> {
  await signInByBrowser(page, server.url, { email, password }, from);
  await page.waitForLoadState('load');
}

/** axe clean and no sideways scrolling of the page at this width. */
async function fits(page: Page): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Konto' });
const settled = (page: Page) => page.waitForResponse((r) => r.url().endsWith('/api/jag'));

describe.each(WIDTHS)('at %i px', (width) => {
  it('signed-out reader: Logga in, no dead-end forms, the check in the contents, terms in place', async () => {
    const { page, problems } = await open(width);
    const jag = settled(page);
    await page.goto(server.url + '/');
    await jag;
    const nav = accountNav(page);
    await expect(nav.getByRole('link', { name: 'Logga in' }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('link', { name: 'Mitt konto' }).count()).resolves.toBe(0);
    await expect(page.locator('[data-resume]').isVisible()).resolves.toBe(false);
    await fits(page);

    // Point 2 + 4 + 7 on a lesson: no "Markera som klar"; status box at the end linking the check; prompts, not forms.
    await page.goto(server.url + termLesson);
    await page.locator('[data-signed-out-prompt]').first().waitFor();
    await expect(page.getByRole('button', { name: 'Markera som klar' }).count()).resolves.toBe(0);
    const status = page.locator('#framsteg');
    await expect(status.innerText()).resolves.toContain(
      'Lektionen markeras som klar när du har klarat kunskapskontrollen',
    );
    await expect(status.getByRole('link', { name: 'kunskapskontrollen' }).getAttribute('href')).resolves.toBe(
      '#kunskapskoll',
    );
    const order = await page.evaluate(() => {
      const y = (s: string) => document.querySelector(s)!.getBoundingClientRect().top;
      return { status: y('#framsteg'), check: y('#kunskapskoll') };
    });
    expect(order.status).toBeLessThan(order.check);
    await expect(page.locator('#aterkoppling form').isVisible()).resolves.toBe(false);
    await expect(page.locator('#aterkoppling [data-signed-out-prompt]').isVisible()).resolves.toBe(true);
    // The check is its own page (issue 18): the lesson says it needs a signed-in participant and links there.
    const check = page.locator('#kunskapskoll');
    await expect(check.innerText()).resolves.toContain('Du behöver vara inloggad');
    await expect(check.getByRole('link', { name: 'Gör kunskapskontrollen' }).getAttribute('href')).resolves.toMatch(
      /\/kunskapskoll\/$/,
    );

    // The table of contents lists the check; on a phone it is a closed disclosure above the text.
    const toc = page.getByRole('navigation', { name: 'Innehåll' });
    if (width === 390) {
      const tocTop = (await toc.boundingBox())!.y;
      const h1Top = (await page.locator('h1').boundingBox())!.y;
      expect(tocTop).toBeLessThan(h1Top);
      await expect(toc.getByRole('link', { name: 'Kunskapskontroll' }).isVisible()).resolves.toBe(false);
      await toc.getByText('Innehåll').click();
    }
    await expect(toc.getByRole('link', { name: 'Kunskapskontroll' }).isVisible()).resolves.toBe(true);

    // A glossary term opens in place by keyboard, with a link to its entry; the page stays.
    const term = page.locator('button.term').first();
    await term.focus();
    await page.keyboard.press('Enter');
    const popover = page.locator('.term-popover:popover-open');
    await popover.waitFor();
    await expect(popover.getByRole('link', { name: 'Mer i ordlistan' }).getAttribute('href')).resolves.toMatch(
      /^\/ordlista\/#/,
    );
    await fits(page);
    await page.keyboard.press('Escape');
    await expect(popover.count()).resolves.toBe(0);
    expect(page.url()).toBe(server.url + termLesson);
    // And by touch/click.
    await term.click();
    await popover.waitFor();
    await page.keyboard.press('Escape');

    await page.goto(server.url + '/tillganglighet/');
    await expect(page.locator('[data-statement-date]').innerText()).resolves.toMatch(
      /Redogörelsen uppdaterades \d{1,2} \p{L}+ \d{4}|har ännu inte granskats/u,
    );
    await expect(page.locator('[data-contact] a').first().getAttribute('href')).resolves.toMatch(/^(mailto:|https?:)/);
    await expect(page.locator('main code').count()).resolves.toBe(0);
    await fits(page);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('without JavaScript every page reads fully and the personal parts are links', async () => {
    const { page } = await open(width, false);
    await page.goto(server.url + termLesson);
    const nav = accountNav(page);
    await expect(nav.getByRole('link', { name: 'Logga in' }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('link', { name: 'Mitt konto' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('#kunskapskoll').isVisible()).resolves.toBe(true);
    await expect(page.locator('#framsteg').innerText()).resolves.toContain('Logga in för att spara dina framsteg');
    await page.goto(`${server.url}/kurser/${done.id}/`);
    await expect(page.getByRole('link', { name: 'Börja kursen' }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('learner: lands on Mina kurser or back where they came from; every page knows them', async () => {
    const { page, problems } = await open(width);
    await signIn(page, LEARNER, TEST_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/mina-kurser/');
    await fits(page);

    let jag = settled(page);
    await page.goto(server.url + '/');
    await jag;
    const nav = accountNav(page);
    await nav.getByText('Dagny Dag').waitFor();
    for (const name of ['Mina kurser', 'Mitt konto']) {
      await expect(nav.getByRole('link', { name }).isVisible()).resolves.toBe(true);
    }
    await expect(nav.getByRole('button', { name: 'Logga ut' }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('link', { name: 'Logga in' }).count()).resolves.toBe(0);
    const resume = page.locator('[data-resume]');
    await expect(resume.innerText()).resolves.toContain('Fortsätt där du slutade');
    await expect(page.locator(`[data-progress="${done.id}"]`).innerText()).resolves.toContain(
      `${done.lessons.length} av ${done.lessons.length} lektioner klara`,
    );
    await expect(page.getByText('logga in för att spara').count()).resolves.toBe(0);
    await fits(page);

    // Course pages: done marks and the right main button.
    jag = settled(page);
    await page.goto(`${server.url}/kurser/${done.id}/`);
    await jag;
    await expect(page.locator(`[data-action="${done.id}"]`).innerText()).resolves.toBe('Visa intyg');
    await expect(page.locator('.lesson-list .state-completed').count()).resolves.toBe(done.lessons.length);
    await fits(page);
    jag = settled(page);
    await page.goto(`${server.url}/kurser/${revised.id}/`);
    await jag;
    await expect(page.locator(`[data-action="${revised.id}"]`).innerText()).resolves.toBe('Fortsätt');
    await expect(page.locator(`[data-state="${outdatedLesson.id}"]`).innerText()).resolves.toBe(
      'Uppdaterad sedan du läste den',
    );
    await fits(page);

    // Point 5: the revised lesson says what changed and what to do.
    await page.goto(server.url + lessonHref(outdatedLesson.id));
    const outdated = page.locator('[data-outdated]');
    await outdated.waitFor();
    await expect(outdated.innerText()).resolves.toMatch(/Version \d+: .+[\s\S]*kunskapskontrollen igen/);
    await expect(page.locator('#aterkoppling form').isVisible()).resolves.toBe(true);
    await fits(page);

    // Logga ut is a POST from the prerendered header; signing in from a lesson comes back to it.
    await accountNav(page).getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL('**/logga-in?utloggad=1');
    const lesson = lessonHref(revised.lessons[0].id);
    await page.goto(server.url + lesson);
    await page.locator('#framsteg [data-signed-out] a').click();
    await page.getByLabel('E-postadress').fill(LEARNER);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((u) => u.pathname === lesson);

    // The first-password page's link brings a new user to Mina kurser with a welcome.
    await page.goto(`${server.url}/mina-kurser/?valkommen=1`);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Välkommen till Kompetensnav, Dagny Dag!');
    await page.goto(`${server.url}/konto/losenord`);
    await expect(page.locator('input[autocomplete="username"]').isVisible()).resolves.toBe(false);
    await fits(page);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('team manager: lands on /team; summary columns visible, cards on a phone; CSV follows filters', async () => {
    const { page, problems } = await open(width);
    await signIn(page, 'chef.it-drift@fk.example', 'demo-chef-kompetensnav');
    expect(new URL(page.url()).pathname).toBe('/team');
    await expect(page.locator('h1').innerText()).resolves.toBe('Teamets framsteg: It-drift');
    if (width === 1280) {
      for (const name of ['Namn', 'Team', 'Framsteg', 'Senaste aktivitet']) {
        const box = (await page.locator('.matrix thead th', { hasText: name }).first().boundingBox())!;
        expect(box.x + box.width, name).toBeLessThanOrEqual(1280);
      }
      await expect(page.locator('.matrix-cards').isVisible()).resolves.toBe(false);
      const sticky = await page.evaluate(() => getComputedStyle(document.querySelector('.matrix tbody th')!).position);
      expect(sticky).toBe('sticky');
    } else {
      await expect(page.locator('.matrix-wrap').isVisible()).resolves.toBe(false);
      await expect(page.locator('.matrix-cards > li').first().isVisible()).resolves.toBe(true);
    }
    await fits(page);
    await page.locator('#s-status').selectOption('completed');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await page.waitForURL('**/team?**status=completed**');
    const href = (await page.getByRole('link', { name: /Ladda ned CSV/ }).getAttribute('href'))!;
    expect(href).toContain('status=completed');
    const csv = await page.request.get(server.url + href);
    expect(csv.headers()['content-disposition']).toMatch(
      /filename="framsteg-it-drift-forsakringskassan-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toContain('E-post;Team;Kurs;Status');
    expect(lines[0]).toContain('Kursen klar;Intygskod');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('agency manager: the agency is named, the A4 report fits the printable width', async () => {
    const { page, problems } = await open(width);
    await signIn(page, 'myndighetschef@pm.example', 'demo-chef-kompetensnav');
    expect(new URL(page.url()).pathname).toBe('/team');
    await expect(page.locator('h1').innerText()).resolves.toBe('Myndighetens framsteg: Pensionsmyndigheten');
    await expect(page.title()).resolves.toContain('Myndighetens framsteg');
    await fits(page);
    await page.getByRole('link', { name: 'Utskriftsvänlig rapport' }).click();
    await page.waitForURL('**/team/rapport**');
    await expect(page.locator('h1').innerText()).resolves.toContain('myndigheten');
    await fits(page);
    if (width === 1280) {
      // A4 minus 15 mm margins is 180 mm ≈ 680 CSS px: lay the print view out at that width.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 680, height: 900 });
      const overflow = await page.evaluate(() =>
        [...document.querySelectorAll('.print-report table')].map((t) => Math.ceil(t.getBoundingClientRect().width)),
      );
      for (const w of overflow) expect(w).toBeLessThanOrEqual(680);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length).toBeGreaterThan(1000);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
