/**
 * Steps the keyboard journeys share: signing in, following a link, answering
 * a knowledge check, all by keyboard; and the checks that a step did what it
 * should (a text on the page, a CSV download), which only read the page.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { readContentTree } from '#lib/content/files.ts';
import { splitSource } from '#lib/content/frontmatter.ts';
import type { KeyboardDriver, Target } from '../a11y-keyboard.ts';
import type { JourneyAccount } from '../a11y-journey-runner.ts';

/** Fills the login form by keyboard with the journey's account (e-mail, Enter, password, Enter) and passes the second step. */
export async function signIn(
  kb: KeyboardDriver,
  account: JourneyAccount | null,
  // Each role lands on its own page after signing in (issue 13): anywhere but the login page.
  landing: string | ((u: URL) => boolean) = (u) => u.pathname !== '/logga-in',
): Promise<void> {
  if (!account) throw new Error('resan har inget konto att logga in med');
  await kb.tabTo(/^E-postadress$/);
  await kb.type(account.email);
  // E-mail first: Enter sends the address; the password field follows on the same page.
  await kb.pressAndWait('Enter');
  await kb.tabTo(/^Lösenord$/);
  await kb.type(account.password);
  const landed = typeof landing === 'string' ? (u: URL) => u.href.includes(landing) : landing;
  await kb.pressAndWait('Enter', (u) => landed(u) || u.pathname === '/logga-in/tva-steg');
  if (new URL(kb.page.url()).pathname !== '/logga-in/tva-steg') return;
  // Admins and managers: the second step. In demo mode the page shows the demo accounts' current code.
  const code = await kb.page.locator('[data-demo-code]').getAttribute('data-demo-code');
  if (!code) throw new Error('andra steget visar ingen demokod');
  await kb.tabTo(/^Kod från appen/);
  await kb.type(code);
  await kb.pressAndWait('Enter', landing);
}

/** Tabs to a link or button and follows it with Enter. */
export async function follow(
  kb: KeyboardDriver,
  name: Target,
  url: string | RegExp | ((u: URL) => boolean),
  back = false,
): Promise<void> {
  await kb.tabTo(name, { back });
  await kb.pressAndWait('Enter', url);
}

/** Fails unless the first element matching `css` has text matching `expected` within 5 s. */
export async function expectText(page: Page, css: string, expected: RegExp): Promise<void> {
  const el = page.locator(css).first();
  // Polled: scripts fill some texts in after load (the status box from /api/framsteg), as a reader would wait.
  const until = Date.now() + 5_000;
  for (;;) {
    const text = (await el.count()) ? (await el.innerText()).replace(/\s+/g, ' ').trim() : '(saknas)';
    if (expected.test(text)) return;
    if (Date.now() > until) throw new Error(`väntade ${expected} i ${css}, fann "${text.slice(0, 80)}"`);
    await page.waitForTimeout(50);
  }
}

/** Fails unless the download is a CSV file for Swedish Excel: .csv, UTF-8 BOM, semicolon-separated header. */
export async function expectCsv(download: Download, header: RegExp): Promise<void> {
  if (!download.suggestedFilename().endsWith('.csv'))
    throw new Error(`nedladdningen heter ${download.suggestedFilename()}, inte .csv`);
  const bytes = readFileSync(await download.path());
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('CSV-filen saknar BOM (UTF-8)');
  const first = bytes.subarray(3).toString('utf8').split('\r\n')[0];
  if (!header.test(first) || !first.includes(';')) throw new Error(`CSV-filens rubrikrad är "${first.slice(0, 80)}"`);
}

/** Every knowledge-check question of the library (lessons and cases): its options' texts and the right one's index. */
function libraryQuestions(): Map<string, { options: string[]; answer: number }> {
  const byText = new Map<string, { options: string[]; answer: number }>();
  for (const f of readContentTree(process.cwd(), 'content').files) {
    if (!f.path.endsWith('.mdx')) continue;
    type Q = { question: string; answer: number; options: { text: string }[] };
    const data = (splitSource(f.source).doc?.toJS() ?? {}) as { quiz?: Q[]; questions?: Q[] };
    for (const q of [...(data.quiz ?? []), ...(data.questions ?? [])])
      byText.set(q.question.trim(), { options: q.options.map((o) => o.text), answer: q.answer });
  }
  return byText;
}

/**
 * The answers to the attempt drawn on the page (the participant who studied
 * the content): per shown question, the displayed position of the right
 * option, or with `wrong` of a wrong one. Questions and options are drawn
 * and shuffled per attempt, so they are matched by their text.
 */
export async function drawnKey(page: Page, wrong = false): Promise<number[]> {
  const library = libraryQuestions();
  const fieldsets = page.locator('#kunskapskoll fieldset');
  const key: number[] = [];
  for (let i = 0; i < (await fieldsets.count()); i++) {
    const legend = (await fieldsets.nth(i).locator('legend').innerText()).replace(/^\d+\.\s*/, '').trim();
    const question = library.get(legend);
    if (!question) throw new Error(`frågan finns inte i innehållet: ${legend}`);
    const shown = (await fieldsets.nth(i).locator('label span').allInnerTexts()).map((t) => t.trim());
    const right = shown.indexOf(question.options[question.answer]);
    if (right < 0) throw new Error(`rätt alternativ syns inte på sidan: ${legend}`);
    key.push(wrong ? (right === 0 ? 1 : 0) : right);
  }
  return key;
}

/** Answers every question of the check on the page by displayed position: Space picks, arrow keys move the choice, Tab leaves the group. */
export async function answerCheck(kb: KeyboardDriver, page: Page, answers: number[]): Promise<void> {
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
    if (chosen !== wanted)
      throw new Error(`fråga ${q + 1}: alternativ ${wanted + 1} gick inte att välja med piltangenterna`);
  }
  await kb.tabTo(/^Skicka svaren$/);
  await kb.pressAndWait('Enter', '**/kunskapskoll/');
}
