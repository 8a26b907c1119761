/**
 * On-demand page types the accessibility audit opens besides the prerendered
 * pages: each visit brings a fresh page into the state a user meets it in
 * (signed in as a role, a form submitted, …).
 */
import type { Page } from 'playwright-core';

export interface OnDemandVisit {
  type: string;
  open: (page: Page, base: string) => Promise<void>;
}

async function answerFirstOptions(page: Page): Promise<void> {
  const fieldsets = page.locator('#kunskapskoll fieldset');
  for (let i = 0; i < (await fieldsets.count()); i++) await fieldsets.nth(i).locator('input[type=radio]').first().check();
  await page.locator('#kunskapskoll button[type=submit]').click();
  await page.waitForURL('**/kunskapskoll/');
}

export const onDemandVisits: OnDemandVisit[] = [
  { type: 'tillgänglighetsredogörelse', open: async (page, base) => void (await page.goto(`${base}/tillganglighet/`)) },
  {
    type: 'kunskapskontroll, resultat',
    open: async (page, base) => {
      await page.goto(`${base}/kurser/samordnad-it-drift/servicenivaer/`);
      await answerFirstOptions(page);
    },
  },
];
