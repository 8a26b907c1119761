/**
 * On-demand page types the accessibility audit opens besides the prerendered
 * pages, per demo role: each visit brings a page into the state its user
 * meets it in (signed in, a form submitted, …). Paths that need an id find
 * it by following the page's own links, as a user would.
 */
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import { signInByBrowser } from './browser.ts';

export interface OnDemandVisit {
  type: string;
  /** Brings `page` (already signed in as the group's role) to the page to audit. */
  open: (page: Page, base: string) => Promise<void>;
}

export interface RoleVisits {
  role: string;
  /** Demo account to sign in as; null for a signed-out visitor. */
  login: { email: string; password: string } | null;
  visits: OnDemandVisit[];
}

const go = (path: string) => async (page: Page, base: string) => void (await page.goto(base + path));

async function answerFirstOptions(page: Page): Promise<void> {
  const fieldsets = page.locator('#kunskapskoll fieldset');
  for (let i = 0; i < (await fieldsets.count()); i++)
    await fieldsets.nth(i).locator('input[type=radio]').first().check();
  await page.locator('#kunskapskoll button[type=submit]').click();
  await page.waitForURL('**/kunskapskoll/');
}

/** Follows the first link matching `selector` on `path`. */
const follow = (path: string, selector: string) => async (page: Page, base: string) => {
  await page.goto(base + path);
  const href = await page.locator(selector).first().getAttribute('href');
  if (!href) throw new Error(`ingen länk ${selector} på ${path}`);
  await page.goto(new URL(href, base).href);
};

const login = (email: string) => ({
  email,
  password: DEMO_LOGINS.find((l) => l.email === email)?.password ?? DEMO_PASSWORDS.learner,
});

export const roleVisits: RoleVisits[] = [
  {
    role: 'utloggad',
    login: null,
    visits: [
      { type: 'tillgänglighetsredogörelse', open: go('/tillganglighet/') },
      { type: 'inloggning', open: go('/logga-in') },
      {
        type: 'inloggning, lösenordssteget',
        open: async (page, base) => {
          await page.goto(`${base}/logga-in`);
          await page.getByLabel('E-postadress').fill('anna.andersson@fk.example');
          await page.getByRole('button', { name: 'Fortsätt' }).click();
          await page.getByLabel('Lösenord').waitFor();
        },
      },
      { type: 'glömt lösenord', open: go('/konto/glomt-losenord') },
      { type: 'kontrollera intyg', open: go('/intyg/') },
      { type: 'kontrollera intyg, okänd kod', open: go('/intyg/KN-0000-0000-0000/') },
      {
        type: 'kunskapskontroll (utloggad: logga in)',
        open: go('/kurser/samordnad-it-drift/servicenivaer/kunskapskoll/'),
      },
      { type: 'slutfall', open: go('/kurser/samordnad-it-drift/slutfall/') },
    ],
  },
  {
    role: 'deltagare',
    login: login('anna.andersson@fk.example'),
    visits: [
      { type: 'mitt konto', open: go('/konto') },
      { type: 'byt lösenord', open: go('/konto/losenord') },
      { type: 'mina kurser', open: go('/mina-kurser/') },
      { type: 'intyg', open: follow('/mina-kurser/', 'a[href^="/mina-kurser/intyg/"]') },
      {
        type: 'intyg, giltigt (verifiering)',
        open: async (page, base) => {
          await follow('/mina-kurser/', 'a[href^="/mina-kurser/intyg/"]')(page, base);
          const code = await page.locator('.certificate code').innerText();
          await page.goto(`${base}/intyg/${code}/`);
        },
      },
      {
        type: 'lektion, inloggad med framsteg',
        open: async (page, base) => {
          await page.goto(`${base}/kurser/samordnad-it-drift/servicenivaer/`);
          await page.locator('[data-status]', { hasText: 'Din status' }).waitFor();
        },
      },
      {
        type: 'kunskapskontroll, resultat (inloggad)',
        open: async (page, base) => {
          await page.goto(`${base}/kurser/samordnad-it-drift/servicenivaer/kunskapskoll/`);
          await answerFirstOptions(page);
        },
      },
      { type: 'slutfallets frågor', open: go('/kurser/samordnad-it-drift/slutfall/kunskapskoll/') },
      {
        type: 'lektion, återkoppling sparad',
        open: async (page, base) => {
          await page.goto(`${base}/kurser/samordnad-it-drift/servicenivaer/`);
          await page.locator('#aterkoppling input[value="ja"]').check();
          await page.locator('#aterkoppling textarea').fill('Tydlig lektion.');
          await page.locator('#aterkoppling button[type=submit]').click();
          await page.waitForURL('**#aterkoppling-sparad');
        },
      },
      { type: 'ingen åtkomst (403)', open: go('/admin') },
    ],
  },
  {
    role: 'teamchef',
    login: login('chef.it-drift@fk.example'),
    visits: [
      { type: 'teamets framsteg', open: go('/team') },
      {
        type: 'team, ett team',
        open: follow(
          '/team',
          'main a[href^="/team/"]:not([href^="/team/deltagare/"]):not([href^="/team/kurs/"]):not([href^="/team/export"]):not([href^="/team/rapport"])',
        ),
      },
      { type: 'teamets framsteg, en deltagare', open: follow('/team', 'main a[href^="/team/deltagare/"]') },
      { type: 'teamets framsteg, en kurs', open: follow('/team', 'main a[href^="/team/kurs/"]') },
      { type: 'teamets framsteg, rapport', open: go('/team/rapport') },
    ],
  },
  {
    role: 'myndighetschef',
    login: login('myndighetschef@pm.example'),
    visits: [
      { type: 'användare (myndighet)', open: go('/admin/anvandare') },
      {
        type: 'myndighetens framsteg, filtrerad och sorterad',
        open: go('/team?status=outdated&sort=framsteg&ordning=stigande'),
      },
      { type: 'myndighetens framsteg, sida 2', open: go('/team?sida=2') },
      { type: 'myndighetens framsteg, en deltagare', open: follow('/team', 'main a[href^="/team/deltagare/"]') },
      { type: 'myndighetens framsteg, rapport', open: go('/team/rapport') },
      { type: 'import (myndighet)', open: go('/admin/import') },
    ],
  },
  {
    role: 'utbildare',
    login: login('utbildare@fk.example'),
    visits: [
      { type: 'statistik', open: go('/statistik') },
      { type: 'kursstatistik', open: follow('/statistik', 'main a[href^="/statistik/"]') },
    ],
  },
  {
    role: 'administratör',
    login: login('admin@fk.example'),
    visits: [
      { type: 'administration', open: go('/admin') },
      { type: 'myndigheter', open: go('/admin/myndigheter') },
      { type: 'team (admin)', open: go('/admin/team') },
      { type: 'användare', open: go('/admin/anvandare') },
      { type: 'användare, en användare', open: follow('/admin/anvandare', 'main a[href^="/admin/anvandare/"]') },
      { type: 'granskningslogg', open: go('/admin/logg') },
      { type: 'import', open: go('/admin/import') },
      { type: 'inloggning via IdP', open: go('/admin/sso') },
      { type: 'demo-utkorg', open: go('/admin/demo-utkorg') },
      { type: 'tvåstegsverifiering', open: go('/konto/tvastegs') },
    ],
  },
];

/** Signs `page` in with the login form, asking to come back to /konto (otherwise each role lands on its own page). */
export async function signIn(page: Page, base: string, account: { email: string; password: string }): Promise<void> {
  await signInByBrowser(page, base, account, '/logga-in?till=%2Fkonto');
  await page.waitForURL('**/konto');
}
