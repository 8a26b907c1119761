/** Page budgets on the built site: every page within page-budgets.json. */
import { describe, expect, it } from 'vitest';
import { measureSite, overBudget, readBudgets } from '#lib/site/budgets.ts';

describe('page budgets', () => {
  const budgets = readBudgets();
  const pages = measureSite('dist/client');

  it('measures every page type', () => {
    expect(new Set(pages.map((p) => p.type))).toEqual(new Set(['start', 'search', 'glossary', 'course', 'lesson']));
    expect(pages.filter((p) => p.type === 'lesson').length).toBeGreaterThanOrEqual(20);
  });

  it('keeps every page within its budget', () => {
    expect(pages.flatMap((p) => overBudget(p, budgets[p.type]))).toEqual([]);
  });

  it('loads only Pagefind, the search script and the personal header script on the search page', () => {
    const search = pages.find((p) => p.type === 'search')!;
    expect(search.assets.filter((a) => a.endsWith('.js')).sort()).toEqual([
      '/pagefind/pagefind.js',
      '/scripts/personal.js',
      '/scripts/search-words.js',
      '/scripts/search.js',
    ]);
  });

  it('reports a page over budget with its path and byte count', () => {
    const lesson = pages.find((p) => p.type === 'lesson')!;
    expect(overBudget({ ...lesson, js: 5000 }, budgets.lesson)).toEqual([
      `${lesson.page}: JS 5000 B gzip, budget 2048 B`,
    ]);
  });
});
