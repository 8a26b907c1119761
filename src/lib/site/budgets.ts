/**
 * Page budgets (page-budgets.json) checked against built pages: which pages
 * belong to which page type, and every way a page can be over budget.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pageWeight, type PageWeight } from './page-weight.ts';

export interface Budget {
  html: number;
  css: number;
  js: number;
  jsFrom?: string[];
}

export type PageType = 'lesson' | 'course' | 'start' | 'glossary' | 'search';

export interface MeasuredPage extends PageWeight {
  type: PageType;
}

/** Reads page-budgets.json from the project root. */
export function readBudgets(root = process.cwd()): Record<PageType, Budget> {
  return JSON.parse(readFileSync(join(root, 'page-budgets.json'), 'utf8')) as Record<PageType, Budget>;
}

/** Every built page with a budget: each lesson and course page, start, glossary and search. */
export function measureSite(client: string): MeasuredPage[] {
  const pages: MeasuredPage[] = [];
  const add = (type: PageType, page: string) => pages.push({ type, ...pageWeight(client, page) });
  add('start', '/');
  add('search', '/sok/');
  add('glossary', '/ordlista/');
  const courses = join(client, 'kurser');
  for (const course of existsSync(courses) ? readdirSync(courses).sort() : []) {
    add('course', `/kurser/${course}/`);
    for (const entry of readdirSync(join(courses, course), { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(courses, course, entry.name, 'index.html')))
        add('lesson', `/kurser/${course}/${entry.name}/`);
    }
  }
  return pages;
}

/** "…: JS 2 400 B gzip, budget 2 048 B" for each measure over budget. */
export function overBudget(page: MeasuredPage, budget: Budget): string[] {
  const problems: string[] = [];
  for (const kind of ['html', 'css', 'js'] as const) {
    if (page[kind] > budget[kind])
      problems.push(`${page.page}: ${kind.toUpperCase()} ${page[kind]} B gzip, budget ${budget[kind]} B`);
  }
  if (budget.jsFrom) {
    for (const asset of page.assets.filter((a) => a.endsWith('.js') || a.endsWith('.mjs'))) {
      if (!budget.jsFrom.some((prefix) => asset.startsWith(prefix)))
        problems.push(`${page.page}: script ${asset} is not from ${budget.jsFrom.join(', ')}`);
    }
  }
  return problems;
}
