/**
 * Accessibility checks axe cannot make, run in a real Chromium page:
 * reflow at 320 CSS px (WCAG 1.4.10), text spacing (1.4.12), reduced motion
 * (2.3.3 / prefers-reduced-motion), and a keyboard walk with visible focus
 * and no trap (2.1.1, 2.1.2, 2.4.7). Each returns problems as text; [] passes.
 */
import type { Page } from 'playwright-core';

/** WCAG 1.4.10: no horizontal scrolling at 320 CSS px. Restores the viewport afterwards. */
export async function reflowProblems(page: Page): Promise<string[]> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (before) await page.setViewportSize(before);
  return overflow > 0 ? [`vid 320 px bredd rullar sidan ${overflow} px i sidled`] : [];
}

/** WCAG 1.4.12: with the text-spacing overrides applied, no text is cut off by a clipping box. */
export async function textSpacingProblems(page: Page): Promise<string[]> {
  const style = await page.addStyleTag({
    content:
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
  });
  const clipped = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      // Visually hidden text (screen-reader-only labels) is clipped on purpose.
      if (!el.innerText?.trim() || el.children.length > 0 || el.clientWidth <= 1 || el.clientHeight <= 1) continue;
      const cs = getComputedStyle(el);
      const clipsX =
        ['hidden', 'clip'].includes(cs.overflowX) &&
        el.scrollWidth > el.clientWidth + 1 &&
        cs.textOverflow !== 'ellipsis';
      const clipsY = ['hidden', 'clip'].includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if ((clipsX || clipsY) && el.offsetParent !== null)
        out.push(
          `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}: "${el.innerText.trim().slice(0, 40)}"`,
        );
    }
    return out;
  });
  await style.evaluate((node) => (node as Element).remove());
  return clipped.map((c) => `textavstånd (1.4.12) klipper text: ${c}`);
}

/** prefers-reduced-motion: with reduced motion requested, nothing animates or transitions. */
export async function reducedMotionProblems(page: Page): Promise<string[]> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const moving = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('*'))
      .filter((el) => {
        const cs = getComputedStyle(el);
        const long = (v: string) => v.split(',').some((d) => parseFloat(d) > 0.01);
        return (cs.animationName !== 'none' && long(cs.animationDuration)) || long(cs.transitionDuration);
      })
      .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '')),
  );
  await page.emulateMedia({ reducedMotion: null });
  return [...new Set(moving)].slice(0, 10).map((m) => `rörelse trots prefers-reduced-motion: ${m}`);
}

/** The element that has keyboard focus: a stable id, a short label, whether its focus indicator shows. */
export interface FocusStop {
  /** Stable per element within one document, so two identical links are still two stops. */
  id: number;
  /** Tag, id and text, e.g. `a#x "Logga in"`, for problem messages. */
  label: string;
  /** Accessible name as a user hears it: the label, aria-label, text or value. */
  name: string;
  /** WCAG 2.4.7: an outline of at least 2 px or a box shadow is drawn. */
  visible: boolean;
  /** Whether it matches the `css` selector given to {@link focusStop} (false without one). */
  matches: boolean;
}

/** The focused element as a {@link FocusStop}, or null when focus is on the document (no stop). */
export async function focusStop(page: Page, css?: string): Promise<FocusStop | null> {
  return page.evaluate((selector) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const cs = getComputedStyle(el);
    const visible =
      (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) ||
      (cs.boxShadow !== 'none' && cs.boxShadow !== '');
    const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const labelledBy = el
      .getAttribute('aria-labelledby')
      ?.split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    const forLabel = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
    const name = text(
      el.getAttribute('aria-label') ||
        labelledBy ||
        forLabel ||
        el.closest('label')?.textContent ||
        el.innerText ||
        (el as HTMLInputElement).value,
    );
    const label = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text(el.innerText || el.getAttribute('aria-label') || (el as HTMLInputElement).value).slice(0, 30)}"`;
    const w = window as unknown as { __auditIds?: WeakMap<Element, number>; __auditNext?: number };
    w.__auditIds ??= new WeakMap();
    if (!w.__auditIds.has(el)) w.__auditIds.set(el, (w.__auditNext = (w.__auditNext ?? 0) + 1));
    return { id: w.__auditIds.get(el)!, label, name, visible, matches: selector ? el.matches(selector) : false };
  }, css ?? null);
}

/**
 * Tabs through the page from the top: every stop must show a visible focus
 * indicator, and focus must move on every press until it leaves the page
 * or comes back to the first stop (no trap). Shift+Tab must move back.
 */
export async function keyboardProblems(page: Page, maxStops = 150): Promise<string[]> {
  const problems: string[] = [];
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  let repeats = 0;
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page);
    if (!stop) break;
    if (seen.length > 0 && seen[seen.length - 1] === String(stop.id)) {
      // Date and time inputs take several Tab presses (one per field): only a long stay is a trap.
      if (++repeats >= 5) {
        problems.push(`fokus fastnar på ${stop.label} (tangentbordsfälla)`);
        break;
      }
      continue;
    }
    repeats = 0;
    if (!stop.visible) problems.push(`inget synligt fokus på ${stop.label}`);
    if (seen[0] === String(stop.id)) break;
    seen.push(String(stop.id));
  }
  if (seen.length >= 2) {
    // From the second stop, Shift+Tab must go back to the first.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const activeId = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const ids = (window as unknown as { __auditIds?: WeakMap<Element, number> }).__auditIds;
        return el && ids?.has(el) ? String(ids.get(el)) : null;
      });
    for (let i = 0; i < 10 && (await activeId()) !== seen[1]; i++) await page.keyboard.press('Tab');
    // A page opened at a #fragment starts Tab navigation at its target, not at the top:
    // then focus the second stop directly (what is checked is the step back from it).
    if ((await activeId()) !== seen[1]) {
      await page.evaluate((id) => {
        const ids = (window as unknown as { __auditIds?: WeakMap<Element, number> }).__auditIds;
        const el = [...document.querySelectorAll<HTMLElement>('*')].find((e) => ids?.get(e) === Number(id));
        el?.focus();
      }, seen[1]);
    }
    await page.keyboard.press('Shift+Tab');
    let back = await activeId();
    for (let i = 0; i < 5 && back === seen[1]; i++) {
      await page.keyboard.press('Shift+Tab');
      back = await activeId();
    }
    if (back !== seen[0]) problems.push('Skift+Tab flyttar inte fokus tillbaka till föregående element');
  }
  if (seen.length === 0) problems.push('inga fokuserbara element nås med Tab');
  return problems;
}
