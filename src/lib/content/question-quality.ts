/**
 * Pure measures of one knowledge-check question and one source, shared by the
 * content check (rules) and `npm run content:quality` (figures): is the right
 * option the longest, which absolute words does an option use, is a source
 * link a bare home page.
 */
import type { QuizQuestion } from './schema.ts';

/** Words that make an option sound extreme; a reader learns they mark a wrong answer. */
export const ABSOLUTE_WORDS = ['aldrig', 'inget', 'ingen', 'inga', 'alla', 'alltid', 'samtliga'] as const;

/** Length in characters as a reader sees them (NFC code points, outer spaces ignored). */
function length(text: string): number {
  return [...text.normalize('NFC').trim()].length;
}

/** True when the right option is strictly longer than every other option. */
export function correctIsLongest(question: Pick<QuizQuestion, 'options' | 'answer'>): boolean {
  const right = question.options[question.answer];
  if (!right) return false;
  const rightLength = length(right.text);
  return question.options.every((o, i) => i === question.answer || length(o.text) < rightLength);
}

const ABSOLUTE = new RegExp(`(?<![\\p{L}\\p{N}])(${ABSOLUTE_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/** The absolute words (lower case, each once) that `text` uses as whole words. */
export function absoluteWordsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.normalize('NFC').matchAll(ABSOLUTE)) found.add(m[1].toLowerCase());
  return [...found];
}

/** True for a link to a site's front page (`https://www.digg.se`, `…/`): not a primary source. */
export function isHomePage(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.pathname === '/' || u.pathname === '') && u.search === '' && u.hash === '';
  } catch {
    return false;
  }
}

/** True when a source is usable as a primary-source link: it has a url that is not a home page. */
export function isPrimaryLink(source: { url?: string }): boolean {
  return typeof source.url === 'string' && !isHomePage(source.url);
}

/**
 * True when the ISO day `reviewed` lies more than 12 months before `today`
 * (both `YYYY-MM-DD`): reviewed 2025-12-01 is still current on 2026-12-01.
 */
export function reviewIsStale(reviewed: string, today: string): boolean {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() - 1);
  return new Date(`${reviewed}T00:00:00Z`).getTime() < limit.getTime();
}

/** Smallest pool that lets each attempt draw `shown` questions: ceil(1.5 × shown). */
export function minimumPool(shown: number): number {
  return Math.ceil(1.5 * shown);
}
