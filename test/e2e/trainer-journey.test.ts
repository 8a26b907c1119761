/**
 * A participant answers "Hjälpte den här lektionen?" without JavaScript and
 * finds the answer in their own data export; a demo trainer opens the
 * statistics of the demo data, sees figures but no trace of a participant's
 * name or e-mail, and downloads the CSV. axe clean on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '#tooling/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '#tooling/browser.ts';
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';

let server: RunningServer;
let browser: Browser;
let people: { name: string; email: string }[] = [];

beforeAll(async () => {
  server = await startServer();
  const db = new Database(server.databasePath, { readonly: true });
  people = db.prepare("select name, email from users where role <> 'trainer'").all() as typeof people;
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(
  email: string,
  password: string,
  javaScriptEnabled = true,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = watchConsole(page);
  await page.goto(`${server.url}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((u) => u.pathname !== '/logga-in');
  return { page, problems };
}

describe('trainer journey', () => {
  it('a participant gives feedback on a lesson without JavaScript, and can change it', async () => {
    const { page } = await signIn('anna.andersson@fk.example', DEMO_PASSWORDS.learner, false);
    const lesson = '/kurser/samordnad-it-drift/servicenivaer/';
    await page.goto(server.url + lesson);
    const form = page.locator('#aterkoppling');
    await form.getByLabel('Nej').check();
    await form.getByLabel(/Kommentar till utbildaren/).fill('Svår att följa utan exempel.');
    await form.getByRole('button', { name: 'Skicka' }).click();
    await page.waitForURL((u) => u.pathname === lesson && u.hash === '#aterkoppling-sparad');
    await expect(page.locator('#aterkoppling-sparad').isVisible()).resolves.toBe(true);
    await page.goto(server.url + lesson);
    await page.locator('#aterkoppling').getByLabel('Ja').check();
    await page.locator('#aterkoppling').getByRole('button', { name: 'Skicka' }).click();
    await page.waitForURL('**#aterkoppling-sparad');
    const mine = await page.context().request.get(`${server.url}/mina-kurser/mina-uppgifter.json`);
    const data = (await mine.json()) as {
      lessonFeedback: { lessonId: string; helpful: boolean; comment: string | null }[];
    };
    expect(data.lessonFeedback.filter((f) => f.lessonId === 'samordnad-it-drift/servicenivaer')).toEqual([
      { lessonId: 'samordnad-it-drift/servicenivaer', helpful: true, comment: null, updatedAt: expect.any(String) },
    ]);
    await page.context().close();
  });

  it('a trainer sees the statistics of the demo data and no participant names', async () => {
    const { page, problems } = await signIn('utbildare@fk.example', DEMO_PASSWORDS.trainer);
    await page.goto(`${server.url}/statistik`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Samordnad it-drift' }).click();
    await page.waitForURL('**/statistik/samordnad-it-drift/');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Statistik: Samordnad it-drift');
    await expect(page.getByRole('table', { name: 'Deltagare per myndighet' }).isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByRole('table', { name: /Frågorna i kunskapskontrollen/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const text = await page.locator('body').innerText();
    const html = await page.content();
    for (const p of people) {
      expect(text).not.toContain(p.name);
      expect(html).not.toContain(p.email);
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ner statistiken (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kursstatistik-samordnad-it-drift-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the statistics reflow at 320 px without sideways scrolling of the page', async () => {
    const { page } = await signIn('utbildare@fk.example', DEMO_PASSWORDS.trainer);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}/statistik/samordnad-it-drift/`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
