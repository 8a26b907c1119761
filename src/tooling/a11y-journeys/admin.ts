/** An admin (issue 3): a new agency (after an empty submit), a team and an account in it, the account disabled, the audit log. */
import { DEMO_PASSWORDS } from '#lib/demo/demo-data.ts';
import type { Journey } from '../a11y-journey-runner.ts';
import { signIn, follow, expectText } from './steps.ts';

const AGENCY = { name: 'Tangentbordsverket', code: 'TBV' };
const TEAM = 'Tangentbordsteamet';
const USER = { name: 'Tora Tangent', email: 'tora.tangent@tbv.example' };

export const admin: Journey = {
  role: 'administratör',
  title: 'Skapar en myndighet, ett team och ett konto, stänger av kontot och läser granskningsloggen',
  account: { email: 'admin@fk.example', password: DEMO_PASSWORDS.admin },
  start: '/logga-in',
  steps: [
    {
      name: 'Loggar in och öppnar Administration',
      run: async ({ kb, account }) => {
        await signIn(kb, account);
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
        if (focused?.name !== 'Namn')
          throw new Error(
            `felsammanfattningens länk flyttade inte fokus till fältet Namn (fokus på ${focused?.label ?? 'sidan'})`,
          );
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
