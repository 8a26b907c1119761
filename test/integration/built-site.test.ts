/**
 * The built site in dist/: every course and lesson page exists, lesson pages
 * carry no answer keys and no framework runtime. Needs `astro build` first
 * (npm test builds before it runs the suite).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readContentTree } from '#lib/content/files.ts';
import { splitSource } from '#lib/content/frontmatter.ts';
import { lessonIdOf } from '#lib/content/ids.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import type { LessonData } from '#lib/content/schema.ts';

const client = 'dist/client';
const { files } = readContentTree(process.cwd(), 'content');
const lessons = files
  .filter((f) => /\/\d{2}-[^/]+\.mdx$/.test(f.path))
  .map((f) => ({
    id: lessonIdOf(f.path.replace(/^content\//, '')),
    data: splitSource(f.source).doc!.toJS() as LessonData,
  }))
  .filter((l) => !l.data.draft);
const courses = [...new Set(lessons.map((l) => l.id.split('/')[0]))];
/** Courses with a published end-of-course case (slutfall.mdx): each has a page of its own. */
const cases = files
  .filter((f) => /\/slutfall\.mdx$/.test(f.path))
  .filter((f) => (splitSource(f.source).doc!.toJS() as { draft?: boolean }).draft !== true)
  .map((f) => f.path.split('/')[1])
  .filter((c) => courses.includes(c));
const pageOf = (href: string) => join(client, href, 'index.html');

describe('built site', () => {
  it('has a page for every course and every lesson', () => {
    expect(existsSync(client)).toBe(true);
    for (const course of courses) expect(existsSync(pageOf(`/kurser/${course}/`)), course).toBe(true);
    for (const lesson of lessons) expect(existsSync(pageOf(lessonHref(lesson.id))), lesson.id).toBe(true);
    for (const course of cases) expect(existsSync(pageOf(`/kurser/${course}/slutfall/`)), course).toBe(true);
    expect(lessons.length).toBeGreaterThanOrEqual(20);
  });

  it('has the start, search, glossary, about and 404 pages', () => {
    for (const page of ['index.html', 'sok/index.html', 'ordlista/index.html', 'om/index.html', '404.html']) {
      expect(existsSync(join(client, page)), page).toBe(true);
    }
  });

  it('never puts a knowledge-check answer key or explanation into a lesson page', () => {
    for (const lesson of lessons) {
      const html = readFileSync(pageOf(lessonHref(lesson.id)), 'utf8');
      expect(html).toContain('id="kunskapskoll"');
      expect(html).not.toMatch(/"answer"|data-answer|data-correct/);
      for (const question of lesson.data.quiz) {
        for (const option of question.options) {
          // Explanations are long, unique sentences: none may leak into the page.
          const leaked =
            html.includes(escapeHtml(option.explanation)) || html.includes(option.explanation.slice(0, 40));
          expect(leaked, `${lesson.id}: ${option.explanation}`).toBe(false);
        }
      }
    }
  });

  it('ships no framework JavaScript on lesson pages: only the small personal-state script', () => {
    for (const lesson of lessons) {
      const html = readFileSync(pageOf(lessonHref(lesson.id)), 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts, lesson.id).toEqual(['<script type="module" src="/scripts/personal.js">']);
      expect(html, lesson.id).not.toMatch(/astro-island|<script\b[^>]*>[^<]+<\/script>/);
    }
    const bundled = readdirSync(join(client, '_astro')).filter((f) => f.endsWith('.js'));
    expect(bundled).toEqual([]);
  });

  it('renders every page in Swedish with exactly one h1 and a link to the accessibility statement', () => {
    for (const href of [
      '/',
      '/sok/',
      '/ordlista/',
      ...courses.map((c) => `/kurser/${c}/`),
      ...lessons.map((l) => lessonHref(l.id)),
    ]) {
      const html = readFileSync(pageOf(href), 'utf8');
      expect(html, href).toContain('<html lang="sv">');
      expect(html.match(/<h1\b/g)?.length, href).toBe(1);
      expect(html, href).toContain('href="/tillganglighet/"');
    }
  });

  it('indexes the site for search in Swedish', () => {
    const entry = JSON.parse(readFileSync(join(client, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.keys(entry.languages)).toEqual(['sv']);
    expect(entry.languages.sv.page_count).toBe(lessons.length + cases.length + courses.length + 1);
  });
});

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
