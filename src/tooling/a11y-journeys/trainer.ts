/** A trainer (issue 6): the statistics, one course, its lesson feedback table, the CSV export. */
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import type { Journey } from '../a11y-journey-runner.ts';
import { signIn, follow, expectText, expectCsv } from './steps.ts';

export const trainer: Journey = {
  role: 'utbildare',
  title: 'Statistik: öppnar en kurs, läser återkopplingen och hämtar statistiken som CSV',
  account: { email: 'utbildare@fk.example', password: DEMO_PASSWORDS.trainer },
  start: '/logga-in',
  steps: [
    {
      name: 'Loggar in och öppnar Statistik',
      run: async ({ kb, page, account }) => {
        await signIn(kb, account);
        await follow(kb, /^Statistik$/, (u) => u.pathname === '/statistik');
        await expectText(page, 'h1', /^Statistik$/);
      },
    },
    {
      name: 'Öppnar statistiken för en kurs',
      run: async ({ kb, page }) => {
        await follow(kb, /^Samordnad it-drift$/, '**/statistik/samordnad-it-drift/');
        await expectText(page, 'h1', /^Statistik: Samordnad it-drift$/);
      },
    },
    {
      name: 'Når tabellen med lektionernas återkoppling',
      run: async ({ kb }) => {
        await kb.tabTo({ css: '[role=region][aria-labelledby="aterkoppling-tabell"]' });
      },
    },
    {
      name: 'Hämtar statistiken som CSV',
      run: async ({ kb }) => {
        await kb.tabTo(/^Ladda ner statistiken \(CSV\)$/, { back: true });
        await expectCsv(await kb.pressForDownload('Enter'), /^Avsnitt;Gäller;Mått;Värde$/);
      },
    },
  ],
};
