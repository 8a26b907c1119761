/**
 * Headless Chromium for the browser tests: Debian's chromium (or
 * CHROMIUM_PATH), with the flags this closed network needs. Fails with one
 * clear line when no Chromium is installed: the journeys never skip silently.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Path of the Chromium to drive, or throws saying how to install one. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || CANDIDATES.find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    throw new Error(
      'Chromium saknas för webbläsartesterna: installera med `apt-get install -y chromium` (Debian) eller ange sökvägen i CHROMIUM_PATH.',
    );
  }
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** WCAG 2.0/2.1 A and AA violations on the page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
}

/** Collects CSP violations and page errors, so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return problems;
}

/**
 * Signs `page` in through the sign-in page as a person would: the e-mail
 * address, "Fortsätt", the password, "Logga in"; then, for admins and
 * managers, the second step with the code the page shows in demo mode (demo
 * accounts share a known TOTP key). Resolves once the browser has left the
 * sign-in pages.
 */
export async function signInByBrowser(
  page: Page,
  base: string,
  account: { email: string; password: string },
  from = '/logga-in',
): Promise<void> {
  await page.goto(base + from);
  await page.getByLabel('E-postadress').fill(account.email);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await page.getByLabel('Lösenord').fill(account.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((u) => u.pathname !== '/logga-in');
  if (new URL(page.url()).pathname !== '/logga-in/tva-steg') return;
  // Each code works once: a second sign-in of the same account within its window waits for the next code.
  for (let wait = 0; wait < 8 && (await page.locator('[data-demo-code]').count()) === 0; wait++) {
    await page.waitForTimeout(5_000);
    await page.reload();
  }
  const code = await page.locator('[data-demo-code]').getAttribute('data-demo-code', { timeout: 1_000 });
  if (!code) throw new Error(`andra steget för ${account.email} visar ingen demokod`);
  await page.getByLabel(/^Kod från appen/).fill(code);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((u) => u.pathname !== '/logga-in/tva-steg');
}
