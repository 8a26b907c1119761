/**
 * The keyboard driver of the accessibility journeys, on small fixture pages in
 * headless Chromium: it reaches controls by Tab and Shift+Tab, and a page with
 * invisible focus, a keyboard trap or an unreachable control makes it fail
 * with the element named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '#tooling/browser.ts';
import { JourneyFailure, KeyboardDriver } from '#tooling/a11y-keyboard.ts';

const STYLE = '<style>:focus-visible { outline: 3px solid #b34700; } .bare:focus { outline: none; }</style>';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(5_000);
});
afterAll(async () => {
  await browser?.close();
});

async function driverOn(body: string): Promise<KeyboardDriver> {
  await page.setContent(
    `<!doctype html><html lang="sv"><head><title>Fixtur</title>${STYLE}</head><body>${body}</body></html>`,
  );
  return new KeyboardDriver(page);
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(JourneyFailure);
    return (e as Error).message;
  }
  throw new Error('väntade ett JourneyFailure');
}

describe('KeyboardDriver', () => {
  it('reaches a control by its name or selector, forward and back, counting presses and stops', async () => {
    const kb = await driverOn(
      '<a href="#a">Första</a> <label for="e">E-post</label><input id="e"> <button>Skicka</button>',
    );
    expect((await kb.tabTo(/^Skicka$/)).label).toBe('button "Skicka"');
    expect((await kb.tabTo({ css: 'input' }, { back: true })).name).toBe('E-post');
    await kb.type('a@b.se');
    expect(await page.inputValue('#e')).toBe('a@b.se');
    expect(kb.focusStops).toBe(4);
    expect(kb.keyPresses).toBe(4 + 6);
  });

  it('fails on a focus stop without a visible focus indicator', async () => {
    const kb = await driverOn('<a href="#a">Första</a> <button class="bare">Osynlig</button> <button>Skicka</button>');
    expect(await failure(() => kb.tabTo(/^Skicka$/))).toMatch(/^inget synligt fokus på button "Osynlig"/);
  });

  it('fails when focus stays put (a keyboard trap)', async () => {
    const kb = await driverOn(`<a href="#a">Första</a> <input id="fast" aria-label="Fast"> <button>Skicka</button>
      <script>document.getElementById('fast').addEventListener('keydown', (e) => { if (e.key === 'Tab') e.preventDefault(); });</script>`);
    expect(await failure(() => kb.tabTo(/^Skicka$/))).toMatch(/^fokus fastnar på input#fast .*tangentbordsfälla/);
  });

  it('fails when focus circles among a few elements and never reaches the rest of the page', async () => {
    const kb =
      await driverOn(`<a href="#a">Första</a> <button id="x">X</button> <button id="y">Y</button> <button>Skicka</button>
      <script>
        const x = document.getElementById('x'), y = document.getElementById('y');
        y.addEventListener('keydown', (e) => { if (e.key === 'Tab' && !e.shiftKey) { e.preventDefault(); x.focus(); } });
      </script>`);
    expect(await failure(() => kb.tabTo(/^Skicka$/))).toMatch(
      /^fokus går runt bland \d+ element utan att lämna dem \(tangentbordsfälla/,
    );
  });

  it('fails when a whole round of the page passes without the control', async () => {
    const kb = await driverOn(
      '<a href="#a">Första</a> <div role="button" onclick="void 0">Bara mus</div> <button>Sista</button>',
    );
    expect(await failure(() => kb.tabTo(/^Bara mus$/))).toMatch(
      /^"\^Bara mus\$" nås inte med Tab \(hela sidan genomgången, 2 stopp\)/,
    );
  });

  it('checks the focus a key press or a script moves, and fails when the script never moves it', async () => {
    const kb =
      await driverOn(`<button id="b">Spara</button> <p id="ok" tabindex="-1">Sparat</p> <p id="bare" class="bare" tabindex="-1">Sparat utan ring</p>
      <script>document.getElementById('b').addEventListener('click', () => setTimeout(() => document.getElementById('ok').focus(), 50));</script>`);
    await kb.tabTo(/^Spara$/);
    await kb.press('Enter');
    await kb.expectFocusOn('#ok');
    page.setDefaultTimeout(500);
    expect(await failure(() => kb.expectFocusOn('#bare'))).toMatch(
      /^fokus flyttades inte till #bare \(fokus på p#ok "Sparat"\)/,
    );
    page.setDefaultTimeout(5_000);
  });
});
