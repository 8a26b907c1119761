/** An agency manager (issue 5): the dashboard sorted, paged and filtered, a participant, the CSV export, the printable report. */
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import type { Journey } from '../a11y-journey-runner.ts';
import { signIn, follow, expectText, expectCsv } from './steps.ts';

export const manager: Journey = {
  role: 'myndighetschef',
  title:
    'Myndighetens framsteg: sorterar, bläddrar, filtrerar på kurs och status, öppnar en deltagare, hämtar CSV och rapporten',
  account: { email: 'myndighetschef@pm.example', password: DEMO_PASSWORDS.manager },
  start: '/logga-in',
  steps: [
    {
      name: 'Loggar in och landar på myndighetens framsteg',
      run: async ({ kb, page, account }) => {
        await signIn(kb, account, (u) => u.pathname === '/team');
        await expectText(page, 'h1', /^Myndighetens framsteg: Pensionsmyndigheten$/);
        // The demo participants' progress shows, and the activity chart has its text alternative.
        if (!(await page.locator('table.matrix .state-completed').count()))
          throw new Error('matrisen visar ingen avklarad kurs');
        if ((await page.getByRole('img', { name: /avklarade lektioner/ }).count()) !== 1)
          throw new Error('aktivitetsdiagrammet saknar textalternativ');
      },
    },
    {
      name: 'Sorterar deltagarna på framsteg',
      run: async ({ kb, page }) => {
        await follow(kb, { css: 'table.matrix thead a', name: /^Framsteg/ }, /sort=framsteg/);
        await expectText(page, 'table.matrix caption', /sida 1 av [2-9]/);
        if (!(await page.locator('table.matrix th[aria-sort="ascending"]').count()))
          throw new Error('kolumnen Framsteg är inte markerad som sorterad (aria-sort)');
      },
    },
    {
      name: 'Bläddrar till nästa sida',
      run: async ({ kb, page }) => {
        await follow(kb, /^Nästa sida$/, /sida=2/);
        await expectText(page, 'table.matrix caption', /sida 2 av/);
      },
    },
    {
      name: 'Filtrerar på kurs och status',
      run: async ({ kb, page, axe }) => {
        await kb.tabTo({ css: '#s-kurs' }, { back: true });
        await kb.type('Samordnad');
        await kb.tabTo({ css: '#s-status' });
        await kb.type('Klar');
        await follow(
          kb,
          /^Filtrera$/,
          /kurs=samordnad-it-drift.*status=completed|status=completed.*kurs=samordnad-it-drift/,
        );
        const states = await page.locator('table.matrix tbody .state').allInnerTexts();
        if (states.length === 0 || states.some((s) => s !== 'Klar'))
          throw new Error(`filtret visar ${states.length} rader med status ${[...new Set(states)].join(', ')}`);
        await axe('myndighetens framsteg, filtrerad på kurs och status');
      },
    },
    {
      name: 'Öppnar en deltagare',
      run: async ({ kb, page }) => {
        const stop = await kb.tabTo({ css: 'table.matrix tbody a[href^="/team/deltagare/"]' });
        await kb.pressAndWait('Enter', /\/team\/deltagare\/\d+$/);
        await expectText(page, 'h1', new RegExp(`^${stop.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      },
    },
    {
      name: 'Går tillbaka och hämtar CSV-filen',
      run: async ({ kb }) => {
        await follow(kb, /Teamets framsteg$/, (u) => u.pathname === '/team', true);
        await kb.tabTo({ css: 'a[href^="/team/export.csv"]' });
        await expectCsv(await kb.pressForDownload('Enter'), /^Namn;E-post;Team;Kurs;Status/);
      },
    },
    {
      name: 'Öppnar den utskriftsvänliga rapporten',
      run: async ({ kb, page }) => {
        await follow(kb, /^Utskriftsvänlig rapport$/, (u) => u.pathname === '/team/rapport');
        await page.emulateMedia({ media: 'print' });
        const chrome = await page.locator('.site-header').isVisible();
        await page.emulateMedia({ media: 'screen' });
        if (chrome) throw new Error('sidhuvudet skrivs ut med rapporten');
      },
    },
  ],
};
