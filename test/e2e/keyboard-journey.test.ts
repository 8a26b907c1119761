/**
 * The journeys with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow
 * keys), in headless Chromium: from the start page to a lesson, signing in
 * from the lesson, answering the knowledge check, reaching Mina kurser and
 * signing out. Each step fails if the control cannot be reached by Tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/tooling/server.ts';
import { launchBrowser } from '../../src/tooling/browser.ts';
import { DEMO_PASSWORDS } from '../../src/lib/server/demo-data.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Presses Tab (or Shift+Tab) until the focused element's accessible text matches, or fails. */
async function tabTo(text: RegExp, { back = false, max = 250 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (labelled ?? el.closest('label')?.textContent ?? el.getAttribute('aria-label') ?? el.innerText ?? (el as HTMLInputElement).value ?? '').trim();
    });
    if (text.test(label)) return;
  }
  throw new Error(`nådde aldrig ${text} med ${back ? 'Skift+Tab' : 'Tab'} på ${page.url()}`);
}

async function pressAndWait(key: string, url: string | ((u: URL) => boolean)): Promise<void> {
  await Promise.all([page.waitForURL(url), page.keyboard.press(key)]);
}

describe('keyboard only', () => {
  it('reads a course: start page → course → first lesson → next lesson', async () => {
    await page.goto(server.url + '/');
    await tabTo(/^Säker it-drift$/);
    await pressAndWait('Enter', '**/kurser/saker-it-drift/');
    await tabTo(/^Börja kursen$/);
    await pressAndWait('Enter', '**/kurser/saker-it-drift/informationsklassning/');
    await tabTo(/^Nästa lektion/);
    await pressAndWait('Enter', '**/kurser/saker-it-drift/sakerhetsskydd/');
  });

  it('signs in from the lesson and comes back to it', async () => {
    await tabTo(/^Logga in$/);
    await pressAndWait('Enter', (u) => u.pathname === '/logga-in');
    await tabTo(/^E-postadress/);
    await page.keyboard.type('anna.andersson@fk.example');
    await tabTo(/^Lösenord/);
    await page.keyboard.type(DEMO_PASSWORDS.learner);
    await pressAndWait('Enter', '**/kurser/saker-it-drift/sakerhetsskydd/');
    await page.locator('[data-status]', { hasText: 'Din status' }).waitFor();
  });

  it('answers the knowledge check with Space and arrow keys, and submits with Enter', async () => {
    const questions = await page.locator('#kunskapskoll fieldset').count();
    const firstOption = (await page.locator('#kunskapskoll fieldset').first().locator('label').first().innerText()).trim();
    await tabTo(new RegExp(`^${firstOption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    for (let q = 0; q < questions; q++) {
      // A radio group is one Tab stop: Space chooses, an arrow key moves the choice, Tab leaves the group.
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator(`#kunskapskoll input[name="q${q}"]:checked`).count()).toBe(1);
      if (q < questions - 1) await page.keyboard.press('Tab');
    }
    await tabTo(/^Skicka svaren$/);
    await pressAndWait('Enter', '**/kunskapskoll/');
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/Du hade \d av \d rätt/);
  });

  it('reaches Mina kurser from the header and signs out', async () => {
    await page.goto(server.url + '/konto');
    await tabTo(/^Mina kurser$/);
    await pressAndWait('Enter', '**/mina-kurser/');
    await tabTo(/^Fortsätt där du slutade/);
    await tabTo(/^Logga ut/, { back: true });
    await pressAndWait('Enter', (u) => !u.pathname.startsWith('/mina-kurser'));
    expect((await page.request.get(server.url + '/mina-kurser/', { maxRedirects: 0 })).status()).toBe(303);
  });
});
