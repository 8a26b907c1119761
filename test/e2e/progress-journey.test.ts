/**
 * A participant's way through a course in headless Chromium: completing a
 * lesson without JavaScript and with it, failing then passing a knowledge
 * check (drawn per attempt), finishing the course with its end-of-course case, the certificate (print preview, A4) and its
 * public verification signed out. axe clean on every page on the way (axe
 * needs JavaScript, so the no-JavaScript pages are checked in the JavaScript run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '#tooling/browser.ts';
import { testHash, TEST_PASSWORD } from '../helpers/accounts.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { drawnKey } from '#tooling/a11y-journeys/steps.ts';

const course = catalogFromFiles(process.cwd()).find((c) => c.id === 'teknikplattformen')!;
const EMAIL = 'resa@test.example';
let server: RunningServer;
let browser: Browser;
let code = '';

beforeAll(async () => {
  // More attempts a minute than a person makes: the journey takes a whole course in seconds.
  server = await startServer({ QUIZ_ATTEMPTS_PER_MINUTE: '100' });
  const db = new Database(server.databasePath);
  const agency = (db.prepare("select id from agencies where code = 'AF'").get() as { id: number }).id;
  db.prepare(
    "insert into users (name, email, agency_id, role, password_hash) values ('Rut Resenär', ?, ?, 'learner', ?)",
  ).run(EMAIL, agency, await testHash());
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = watchConsole(page);
  await page.goto(`${server.url}/logga-in`);
  await page.getByLabel('E-postadress').fill(EMAIL);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  // Learners land on Mina kurser (issue 13).
  await page.waitForURL('**/mina-kurser/');
  return { page, problems };
}

/** Opens a check page (the server draws the attempt) and answers it by the shown options: right, or wrong on the first question. */
async function answerAt(page: Page, checkPath: string, right: boolean): Promise<void> {
  await page.goto(server.url + checkPath);
  const key = await drawnKey(page);
  for (const [i, position] of key.entries()) {
    const wanted = right || i > 0 ? position : position === 0 ? 1 : 0;
    await page.locator(`#kunskapskoll input[name="q${i}"][value="${wanted}"]`).check();
  }
  await page.getByRole('button', { name: 'Skicka svaren' }).click();
  await page.waitForURL('**/kunskapskoll/');
}

const answer = (page: Page, lessonIndex: number, right: boolean) =>
  answerAt(page, `${lessonHref(course.lessons[lessonIndex].id)}kunskapskoll/`, right);

const accessible = async (page: Page) => expect(await axeViolations(page), page.url()).toEqual([]);

describe('progress journey', () => {
  it('without JavaScript: the status box points to the check; failing, then passing completes the lesson', async () => {
    const { page } = await signedIn(false);
    const first = lessonHref(course.lessons[0].id);
    await page.goto(server.url + first);
    // Every lesson has a check: no "Markera som klar" that could only refuse (issue 13).
    await expect(page.getByRole('button', { name: 'Markera som klar' }).count()).resolves.toBe(0);
    await expect(
      page.locator('#framsteg').getByRole('link', { name: 'kunskapskontrollen' }).getAttribute('href'),
    ).resolves.toBe('#kunskapskoll');
    await answer(page, 0, false);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Inte godkänt än.');
    await expect(page.getByText('Försöket är sparat').isVisible()).resolves.toBe(true);
    await answer(page, 0, true);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Godkänt!');
    await page.goto(`${server.url}/mina-kurser/`);
    await expect(page.locator('main').innerText()).resolves.toContain(
      `1 av ${course.lessons.length + 1} steg klara (lektioner och slutfall)`,
    );
    await page.context().close();
  });

  it('with JavaScript: the lesson shows state and course progress, and is done once the check is passed', async () => {
    const { page, problems } = await signedIn(true);
    const second = lessonHref(course.lessons[1].id);
    await page.goto(server.url + second);
    await page.locator('[data-status]', { hasText: 'Din status: Påbörjad.' }).waitFor();
    await expect(page.locator('[data-bar-text]').innerText()).resolves.toBe(
      `1 av ${course.lessons.length} lektioner klara`,
    );
    await expect(page.locator('[data-check-note]').isVisible()).resolves.toBe(true);
    await answer(page, 1, true);
    await page.goto(server.url + second);
    await page.locator('[data-status]', { hasText: 'Din status: Klar.' }).waitFor();
    await expect(page.locator('[data-check-note]').isVisible()).resolves.toBe(false);
    await accessible(page);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('finishes the course, shows it in Mina kurser and prints the certificate on one A4 page', async () => {
    const { page } = await signedIn(true);
    for (let i = 2; i < course.lessons.length; i++) {
      await page.goto(server.url + lessonHref(course.lessons[i].id));
      await answer(page, i, true);
    }
    // Every lesson is done; the certificate also needs the end-of-course case.
    await expect(page.getByRole('link', { name: 'Visa ditt intyg' }).count()).resolves.toBe(0);
    await page.goto(`${server.url}/kurser/${course.id}/slutfall/`);
    await accessible(page);
    await answerAt(page, `/kurser/${course.id}/slutfall/kunskapskoll/`, true);
    await accessible(page);
    await expect(page.getByRole('link', { name: 'Visa ditt intyg' }).isVisible()).resolves.toBe(true);
    await page.goto(`${server.url}/mina-kurser/`);
    await accessible(page);
    await page.getByRole('link', { name: 'Visa intyget för Teknikplattformen' }).click();
    await page.waitForURL(`**/mina-kurser/intyg/${course.id}/`);
    await accessible(page);
    await expect(page.locator('.certificate-name').innerText()).resolves.toBe('Rut Resenär');
    code = await page.locator('.certificate code').innerText();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.context().close();
  }, 180_000);

  it('verifies the certificate signed out, showing name, course and date only', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/intyg/`);
    await accessible(page);
    await page.getByLabel('Kontrollkod').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Kontrollera' }).click();
    await page.waitForURL(`**/intyg/${code}/`);
    const shown = await page.getByRole('status').innerText();
    expect(shown).toContain('Rut Resenär har genomfört kursen Teknikplattformen');
    expect(shown).not.toContain('Arbetsförmedlingen');
    await accessible(page);
    await context.close();
  });
});
