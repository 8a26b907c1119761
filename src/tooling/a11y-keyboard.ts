/**
 * A keyboard-only driver for the accessibility journeys. It moves through a
 * page with real key presses only (Tab, Shift+Tab, Enter, Space, arrow keys,
 * typing into the focused field) and checks every focus stop on the way:
 * the focus indicator must show (WCAG 2.4.7) and focus must move on (no
 * keyboard trap, 2.1.2); a control that Tab never reaches fails (2.1.1).
 * Problems are thrown as JourneyFailure with the element and page named.
 *
 * State: counts of key presses and focus stops, read by the journey runner.
 */
import type { Download, Page } from 'playwright-core';
import { focusStop, type FocusStop } from './a11y-checks.ts';

/** A journey step could not be done by keyboard; the message says where and why. */
export class JourneyFailure extends Error {}

/** What to Tab to: an accessible name (as the user hears it), a CSS selector, or both. */
export type Target = RegExp | { css: string; name?: RegExp };

/** Same element this many presses in a row: focus is stuck (date inputs take one press per field). */
const STUCK_AFTER = 5;

export class KeyboardDriver {
  keyPresses = 0;
  focusStops = 0;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** The focused element, or null when focus is on the document itself. */
  focused(): Promise<FocusStop | null> {
    return focusStop(this.page);
  }

  /**
   * Presses Tab (or Shift+Tab) until the focused element matches `target`.
   * Fails on a stop without visible focus, on focus that stays put or circles
   * without reaching the end of the page (a trap), and when a whole round of
   * the page passes without the target.
   */
  async tabTo(target: Target, { back = false, max = 400 } = {}): Promise<FocusStop> {
    const css = target instanceof RegExp ? undefined : target.css;
    const name = target instanceof RegExp ? target : target.name;
    const visited = new Set<number>();
    let passedEnd = false;
    let last: number | null = null;
    let repeats = 0;
    for (let i = 0; i < max; i++) {
      await this.key(back ? 'Shift+Tab' : 'Tab');
      const stop = await focusStop(this.page, css);
      if (!stop) {
        passedEnd = true;
        continue;
      }
      if (stop.id === last) {
        if (++repeats >= STUCK_AFTER) this.fail(`fokus fastnar på ${stop.label} (tangentbordsfälla)`);
        continue;
      }
      repeats = 0;
      last = stop.id;
      if (visited.has(stop.id)) {
        if (!passedEnd)
          this.fail(
            `fokus går runt bland ${visited.size} element utan att lämna dem (tangentbordsfälla vid ${stop.label})`,
          );
        this.fail(
          `${describe(target)} nås inte med ${back ? 'Skift+Tab' : 'Tab'} (hela sidan genomgången, ${visited.size} stopp)`,
        );
      }
      visited.add(stop.id);
      this.countStop(stop);
      if ((!css || stop.matches) && (!name || name.test(stop.name))) return stop;
    }
    this.fail(`${describe(target)} nåddes inte på ${max} tryck på ${back ? 'Skift+Tab' : 'Tab'}`);
  }

  /** Presses one key (e.g. 'Enter', 'Space', 'ArrowDown'); focus that moves must stay visible. */
  async press(key: string): Promise<void> {
    const before = await focusStop(this.page);
    await this.key(key);
    await this.checkMovedFocus(before);
  }

  /**
   * Presses `key` and waits for the navigation it starts (a fragment change
   * counts): then for the address to match `url`, or without `url` for the
   * new page to load (a form that answers at its own address). Focus that
   * lands must be visible.
   */
  async pressAndWait(key: string, url?: string | RegExp | ((u: URL) => boolean)): Promise<void> {
    const main = this.page.mainFrame();
    try {
      await Promise.all([this.page.waitForEvent('framenavigated', { predicate: (f) => f === main }), this.key(key)]);
    } catch {
      this.fail(`${key} ledde inte till någon ny sida`);
    }
    try {
      if (url === undefined) await this.page.waitForLoadState('load');
      else await this.page.waitForURL(url);
    } catch {
      this.fail(`${key} ledde till ${sitePath(this.page.url())}, inte till ${String(url)}`);
    }
    const now = await focusStop(this.page);
    if (now) this.countStop(now);
  }

  /** Presses `key` on a download link and returns the download. */
  async pressForDownload(key: string): Promise<Download> {
    try {
      const [download] = await Promise.all([this.page.waitForEvent('download'), this.key(key)]);
      return download;
    } catch (e) {
      this.fail(`${key} startade ingen nedladdning: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /** Waits until a script moves focus to `css` (e.g. a status message); it must show. */
  async expectFocusOn(css: string): Promise<void> {
    try {
      await this.page.waitForFunction((s) => document.activeElement?.matches(s) ?? false, css);
    } catch {
      const now = await focusStop(this.page);
      this.fail(`fokus flyttades inte till ${css} (fokus på ${now?.label ?? 'sidan'})`);
    }
    const now = await focusStop(this.page);
    if (now) this.countStop(now);
  }

  /** Types `text` into the focused field, character by character, as a user would. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.keyPresses += text.length;
  }

  /** Throws a JourneyFailure naming the current page. */
  fail(problem: string): never {
    throw new JourneyFailure(`${problem} (${sitePath(this.page.url())})`);
  }

  private async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    this.keyPresses++;
  }

  private async checkMovedFocus(before: FocusStop | null): Promise<void> {
    const after = await focusStop(this.page);
    if (after && after.id !== before?.id) this.countStop(after);
  }

  private countStop(stop: FocusStop): void {
    this.focusStops++;
    if (!stop.visible) this.fail(`inget synligt fokus på ${stop.label}`);
  }
}

function describe(target: Target): string {
  if (target instanceof RegExp) return `"${target.source}"`;
  return target.name ? `${target.css} "${target.name.source}"` : target.css;
}

/** The path, query and fragment of a page address, for messages. */
export function sitePath(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol.startsWith('http') ? u.pathname + u.search + u.hash : 'testsida';
  } catch {
    return url;
  }
}
