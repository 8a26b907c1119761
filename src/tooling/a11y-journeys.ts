/**
 * The keyboard-only journeys of the accessibility audit, one per demo role,
 * each following what that role does in Kompetensnav (issues 3–6). Every
 * step moves with real key presses only: the journey opens its start address
 * and from then on uses Tab, Shift+Tab, Enter, Space, arrow keys and typing.
 * The page is only read (to assert that the step did what it should).
 * The journeys write data (attempts, feedback, an agency, a user): run them
 * on their own freshly seeded database.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { catalogFromFiles } from '../lib/content/catalog-files.ts';
import { DEMO_PASSWORDS } from '../lib/server/demo-data.ts';
import type { KeyboardDriver, Target } from './a11y-keyboard.ts';
import type { Journey } from './a11y-journey-runner.ts';

const LESSON = 'samordnad-it-drift/servicenivaer';

/** Fills the login form by keyboard and submits it with Enter. */
async function signIn(kb: KeyboardDriver, email: string, password: string, landing: string | ((u: URL) => boolean) = (u) => u.pathname === '/konto'): Promise<void> {
  await kb.tabTo(/^E-postadress$/);
  await kb.type(email);
  await kb.tabTo(/^Lösenord$/);
  await kb.type(password);
  await kb.pressAndWait('Enter', landing);
}

/** Tabs to a link or button and follows it with Enter. */
async function follow(kb: KeyboardDriver, name: Target, url: string | RegExp | ((u: URL) => boolean), back = false): Promise<void> {
  await kb.tabTo(name, { back });
  await kb.pressAndWait('Enter', url);
}

/** Fails unless the first element matching `css` has text matching `expected`. */
async function expectText(page: Page, css: string, expected: RegExp): Promise<void> {
  const el = page.locator(css).first();
  await el.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => undefined);
  const text = (await el.count()) ? (await el.innerText()).replace(/\s+/g, ' ').trim() : '(saknas)';
  if (!expected.test(text)) throw new Error(`väntade ${expected} i ${css}, fann "${text.slice(0, 80)}"`);
}

/** Fails unless the download is a CSV file for Swedish Excel: .csv, UTF-8 BOM, semicolon-separated header. */
async function expectCsv(download: Download, header: RegExp): Promise<void> {
  if (!download.suggestedFilename().endsWith('.csv')) throw new Error(`nedladdningen heter ${download.suggestedFilename()}, inte .csv`);
  const bytes = readFileSync(await download.path());
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('CSV-filen saknar BOM (UTF-8)');
  const first = bytes.subarray(3).toString('utf8').split('\r\n')[0];
  if (!header.test(first) || !first.includes(';')) throw new Error(`CSV-filens rubrikrad är "${first.slice(0, 80)}"`);
}

/** The answer key of a lesson's knowledge check, read from the content files (the participant who studied). */
function answerKey(lessonId: string): number[] {
  const lesson = catalogFromFiles(process.cwd()).flatMap((c) => c.lessons).find((l) => l.id === lessonId);
  if (!lesson || lesson.questions.length === 0) throw new Error(`lektionen ${lessonId} saknar kunskapskontroll`);
  return lesson.questions;
}

/** Answers every question of the check on the page: Space picks, arrow keys move the choice, Tab leaves the group. */
async function answerCheck(kb: KeyboardDriver, page: Page, answers: number[]): Promise<void> {
  for (const [q, wanted] of answers.entries()) {
    await kb.tabTo({ css: `#kunskapskoll input[name="q${q}"]` });
    // An unanswered group is entered at its first option; an answered one at the chosen option.
    if (!(await page.locator(`#kunskapskoll input[name="q${q}"]:checked`).count())) await kb.press('Space');
    const options = await page.locator(`#kunskapskoll input[name="q${q}"]`).count();
    let chosen = Number(await page.locator(`#kunskapskoll input[name="q${q}"]:checked`).getAttribute('value'));
    for (let i = 0; i < options && chosen !== wanted; i++) {
      await kb.press(chosen < wanted ? 'ArrowDown' : 'ArrowUp');
      chosen = Number(await page.locator(`#kunskapskoll input[name="q${q}"]:checked`).getAttribute('value'));
    }
    if (chosen !== wanted) throw new Error(`fråga ${q + 1}: alternativ ${wanted + 1} gick inte att välja med piltangenterna`);
  }
  await kb.tabTo(/^Skicka svaren$/);
  await kb.pressAndWait('Enter', '**/kunskapskoll/');
}

const participant: Journey = {
  role: 'deltagare',
  title: 'Väljer kurs och lektion, loggar in från lektionen, klarar kunskapskontrollen, lämnar återkoppling, öppnar Mina kurser och ett intyg, loggar ut',
  account: 'anna.andersson@fk.example',
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
      run: async ({ kb, page }) => {
        await follow(kb, /^Logga in$/, (u) => u.pathname === '/logga-in');
        await signIn(kb, 'anna.andersson@fk.example', DEMO_PASSWORDS.learner, (u) => u.pathname === `/kurser/${LESSON}/`);
        await expectText(page, '#framsteg [data-status]', /^Din status: Påbörjad/);
      },
    },
    {
      name: 'Markerar lektionen som klar och får veta att kunskapskontrollen ska klaras först',
      run: async ({ kb, axe }) => {
        await kb.tabTo(/^Markera som klar$/);
        await kb.press('Enter');
        await kb.expectFocusOn('#klar-kraver-kunskapskoll');
        await axe('lektion, besked om kunskapskontrollen');
      },
    },
    {
      name: 'Följer länken till kunskapskontrollen och svarar fel',
      run: async ({ kb, page }) => {
        await follow(kb, /^kunskapskontrollen$/, /#kunskapskoll$/);
        const wrong = answerKey(LESSON).map((a) => (a === 0 ? 1 : 0));
        await answerCheck(kb, page, wrong);
        await expectText(page, '[role=status]', /^Inte godkänt än\. Du hade 0 av \d+ rätt/);
      },
    },
    {
      name: 'Ändrar svaren med piltangenterna och blir godkänd',
      run: async ({ kb, page, axe }) => {
        await answerCheck(kb, page, answerKey(LESSON));
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

const manager: Journey = {
  role: 'myndighetschef',
  title: 'Myndighetens framsteg: sorterar, bläddrar, filtrerar på kurs och status, öppnar en deltagare, hämtar CSV och rapporten',
  account: 'myndighetschef@pm.example',
  start: '/logga-in',
  steps: [
    {
      name: 'Loggar in och öppnar Myndighetens team',
      run: async ({ kb, page }) => {
        await signIn(kb, 'myndighetschef@pm.example', DEMO_PASSWORDS.manager);
        await follow(kb, /^Myndighetens team$/, (u) => u.pathname === '/team');
        await expectText(page, 'h1', /^Teamets framsteg$/);
        // The demo participants' progress shows, and the activity chart has its text alternative.
        if (!(await page.locator('table.matrix .state-completed').count())) throw new Error('matrisen visar ingen avklarad kurs');
        if ((await page.getByRole('img', { name: /avklarade lektioner/ }).count()) !== 1) throw new Error('aktivitetsdiagrammet saknar textalternativ');
      },
    },
    {
      name: 'Sorterar deltagarna på framsteg',
      run: async ({ kb, page }) => {
        await follow(kb, { css: 'table.matrix thead a', name: /^Framsteg/ }, /sort=framsteg/);
        await expectText(page, 'table.matrix caption', /sida 1 av [2-9]/);
        if (!(await page.locator('table.matrix th[aria-sort="ascending"]').count())) throw new Error('kolumnen Framsteg är inte markerad som sorterad (aria-sort)');
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
        await follow(kb, /^Filtrera$/, /kurs=samordnad-it-drift.*status=completed|status=completed.*kurs=samordnad-it-drift/);
        const states = await page.locator('table.matrix tbody .state').allInnerTexts();
        if (states.length === 0 || states.some((s) => s !== 'Klar')) throw new Error(`filtret visar ${states.length} rader med status ${[...new Set(states)].join(', ')}`);
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

const trainer: Journey = {
  role: 'utbildare',
  title: 'Statistik: öppnar en kurs, läser återkopplingen och hämtar statistiken som CSV',
  account: 'utbildare@fk.example',
  start: '/logga-in',
  steps: [
    {
      name: 'Loggar in och öppnar Statistik',
      run: async ({ kb, page }) => {
        await signIn(kb, 'utbildare@fk.example', DEMO_PASSWORDS.trainer);
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
        await expectCsv(await kb.pressForDownload('Enter'), /;/);
      },
    },
  ],
};

const AGENCY = { name: 'Tangentbordsverket', code: 'TBV' };
const TEAM = 'Tangentbordsteamet';
const USER = { name: 'Tora Tangent', email: 'tora.tangent@tbv.example' };

const admin: Journey = {
  role: 'administratör',
  title: 'Skapar en myndighet, ett team och ett konto, stänger av kontot och läser granskningsloggen',
  account: 'admin@fk.example',
  start: '/logga-in',
  steps: [
    {
      name: 'Loggar in och öppnar Administration',
      run: async ({ kb }) => {
        await signIn(kb, 'admin@fk.example', DEMO_PASSWORDS.admin);
        await follow(kb, /^Administration$/, (u) => u.pathname === '/admin');
      },
    },
    {
      name: 'Skickar formuläret för ny myndighet tomt och följer felsammanfattningen till fältet',
      run: async ({ kb, page, axe }) => {
        await follow(kb, /^Myndigheter$/, (u) => u.pathname === '/admin/myndigheter');
        await kb.tabTo(/^Skapa myndighet$/);
        await kb.pressAndWait('Enter');
        await kb.expectFocusOn('#felsammanfattning');
        await expectText(page, '.error-summary h2', /^Det gick inte att spara$/);
        await axe('myndigheter, felsammanfattning efter tomt formulär');
        await kb.tabTo({ css: '.error-summary a[href="#f-name"]' });
        await kb.pressAndWait('Enter', /#f-name$/);
        const focused = await kb.focused();
        if (focused?.name !== 'Namn') throw new Error(`felsammanfattningens länk flyttade inte fokus till fältet Namn (fokus på ${focused?.label ?? 'sidan'})`);
      },
    },
    {
      name: 'Skapar en myndighet',
      run: async ({ kb, page }) => {
        await kb.type(AGENCY.name);
        await kb.tabTo(/^Kortnamn/);
        await kb.type(AGENCY.code);
        await follow(kb, /^Skapa myndighet$/, /skapad=1/);
        await expectText(page, '[role=status]', /Myndigheten är skapad/);
        await expectText(page, `tr:has-text("${AGENCY.name}")`, new RegExp(AGENCY.code));
      },
    },
    {
      name: 'Skapar ett team i den nya myndigheten',
      run: async ({ kb, page }) => {
        await follow(kb, /^Administration$/, (u) => u.pathname === '/admin');
        await follow(kb, /^Team$/, (u) => u.pathname === '/admin/team');
        await kb.tabTo({ css: '#f-agencyId' });
        await kb.type(AGENCY.name);
        await kb.tabTo(/^Teamets namn$/);
        await kb.type(TEAM);
        await follow(kb, /^Skapa team$/, /skapad=1/);
        await expectText(page, `tr:has-text("${TEAM}")`, new RegExp(AGENCY.code));
      },
    },
    {
      name: 'Skapar ett konto i teamet',
      run: async ({ kb, page, axe }) => {
        await follow(kb, /^Administration$/, (u) => u.pathname === '/admin');
        await follow(kb, /^Användare$/, (u) => u.pathname === '/admin/anvandare');
        await follow(kb, /^Skapa ett nytt konto$/, /#nytt-konto$/);
        await kb.tabTo({ css: '#f-name' });
        await kb.type(USER.name);
        await kb.tabTo({ css: '#f-email' });
        await kb.type(USER.email);
        await kb.tabTo({ css: '#f-agencyId' });
        await kb.type(AGENCY.name);
        await kb.tabTo({ css: '#f-teamId' });
        await kb.type(`${AGENCY.code}: ${TEAM}`);
        await kb.tabTo(/^Skapa konto$/);
        await kb.pressAndWait('Enter');
        await expectText(page, '[role=status]', new RegExp(`Kontot för ${USER.name} är skapat`));
        await axe('användare, konto skapat med återställningslänk');
      },
    },
    {
      name: 'Öppnar kontot och stänger av det',
      run: async ({ kb, page, axe }) => {
        await follow(kb, /^Visa kontot$/, /\/admin\/anvandare\/\d+$/);
        await expectText(page, '.course-facts', new RegExp(`${AGENCY.name} \\(${AGENCY.code}\\).*${TEAM}`));
        await kb.tabTo(/^Stäng av kontot$/);
        await kb.pressAndWait('Enter');
        await expectText(page, '[role=status]', /Kontot är avstängt/);
        await axe('användare, kontot avstängt');
      },
    },
    {
      name: 'Läser granskningsloggen, filtrerad på avstängda konton',
      run: async ({ kb, page }) => {
        await follow(kb, /^Administration$/, (u) => u.pathname === '/admin', true);
        await follow(kb, /^Granskningslogg$/, (u) => u.pathname === '/admin/logg');
        await kb.tabTo({ css: '#s-action' });
        await kb.type('user.disable');
        await follow(kb, /^Filtrera$/, /action=user\.disable/);
        await expectText(page, 'main table tbody tr', /admin@fk\.example user\.disable user: \d+ TBV Lyckades/);
      },
    },
  ],
};

/** The journeys, in the order the audit runs them. */
export const journeys: Journey[] = [participant, manager, trainer, admin];
