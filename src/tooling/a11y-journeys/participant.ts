/** A participant (issue 4, feedback from issue 6): course, lesson, sign in from it, knowledge check failed then passed, feedback, Mina kurser, certificate, sign out. */
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import type { Journey } from '../a11y-journey-runner.ts';
import { signIn, follow, expectText, drawnKey, answerCheck } from './steps.ts';

const LESSON = 'samordnad-it-drift/servicenivaer';

export const participant: Journey = {
  role: 'deltagare',
  title:
    'Väljer kurs och lektion, loggar in från lektionen, klarar kunskapskontrollen, lämnar återkoppling, öppnar Mina kurser och ett intyg, loggar ut',
  account: { email: 'anna.andersson@fk.example', password: DEMO_PASSWORDS.learner },
  start: '/',
  steps: [
    {
      name: 'Går från startsidan till en kurs och en av dess lektioner',
      run: async ({ kb, page }) => {
        await follow(kb, /^Samordnad it-drift$/, '**/kurser/samordnad-it-drift/');
        await follow(kb, /^Servicenivåer och hur du läser dem$/, `**/kurser/${LESSON}/`);
        await expectText(page, 'h1', /^Servicenivåer och hur du läser dem$/);
      },
    },
    {
      name: 'Loggar in från lektionen och kommer tillbaka till den',
      run: async ({ kb, page, account }) => {
        await follow(kb, /^Logga in$/, (u) => u.pathname === '/logga-in');
        await signIn(kb, account, (u) => u.pathname === `/kurser/${LESSON}/`);
        await expectText(page, '#framsteg [data-status]', /^Din status: Påbörjad/);
      },
    },
    {
      name: 'Läser i statusrutan att lektionen blir klar med kunskapskontrollen',
      run: async ({ page, axe }) => {
        await expectText(page, '#framsteg [data-check-note]', /markeras som klar när du har klarat kunskapskontrollen/);
        await axe('lektion, statusrutan');
      },
    },
    {
      name: 'Följer länken till kunskapskontrollen, öppnar den och svarar fel',
      run: async ({ kb, page, axe }) => {
        await follow(kb, /^kunskapskontrollen$/, /#kunskapskoll$/);
        await follow(kb, /^Gör kunskapskontrollen$/, `**/kurser/${LESSON}/kunskapskoll/`);
        await axe('kunskapskontroll, ett draget försök');
        await answerCheck(kb, page, await drawnKey(page, true));
        await expectText(page, '[role=status]', /^Inte godkänt än\. Du hade 0 av \d+ rätt/);
      },
    },
    {
      name: 'Gör ett nytt försök, väljer med piltangenterna och blir godkänd',
      run: async ({ kb, page, axe }) => {
        await follow(kb, /^Gör ett nytt försök$/, `**/kurser/${LESSON}/kunskapskoll/`);
        await answerCheck(kb, page, await drawnKey(page));
        await expectText(page, '[role=status]', /^Godkänt! Du hade (\d+) av \1 rätt/);
        await axe('kunskapskontroll, godkänd');
      },
    },
    {
      name: 'Går tillbaka till lektionen, som nu är klar',
      run: async ({ kb, page }) => {
        await follow(kb, /^Tillbaka till lektionen$/, (u) => u.pathname === `/kurser/${LESSON}/`);
        await expectText(page, '#framsteg [data-status]', /^Din status: Klar/);
      },
    },
    {
      name: 'Svarar på ”Hjälpte den här lektionen?” med en kommentar',
      run: async ({ kb, page }) => {
        await kb.tabTo({ css: '#aterkoppling input[value="ja"]' });
        await kb.press('Space');
        await kb.tabTo(/^Kommentar till utbildaren/);
        await kb.type('Tydliga exempel.');
        await follow(kb, /^Skicka$/, /#aterkoppling-sparad$/);
        await expectText(page, '#aterkoppling-sparad', /Ditt svar är sparat/);
      },
    },
    {
      name: 'Öppnar Mina kurser via Mitt konto',
      run: async ({ kb, page }) => {
        await follow(kb, /^Mitt konto$/, (u) => u.pathname === '/konto', true);
        await follow(kb, /^Mina kurser$/, '**/mina-kurser/');
        await expectText(page, 'h1', /^Mina kurser$/);
      },
    },
    {
      name: 'Öppnar ett intyg',
      run: async ({ kb, page }) => {
        await follow(kb, /^Visa intyget/, /\/mina-kurser\/intyg\/[^/]+\/$/);
        await expectText(page, '.certificate-name', /^Anna Andersson$/);
      },
    },
    {
      name: 'Loggar ut',
      run: async ({ kb, page }) => {
        await follow(kb, /^Logga ut/, (u) => u.pathname === '/logga-in');
        await expectText(page, '[role=status]', /^Du är utloggad\.$/);
      },
    },
  ],
};
