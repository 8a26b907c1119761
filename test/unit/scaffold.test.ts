import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { courseTemplate, lessonTemplate, nextOrder, slugify } from '#lib/content/scaffold.ts';
import { checkContent, formatProblem } from '#lib/content/check.ts';
import { lessonSchema } from '#lib/content/schema.ts';
import { parseDocument } from 'yaml';

describe('slugify', () => {
  it('transliterates Swedish letters and joins words with hyphens', () => {
    expect(slugify('Säker it-drift för små myndigheter')).toBe('saker-it-drift-for-sma-myndigheter');
    expect(slugify('Överlämning & ÅTERSTÄLLNING!')).toBe('overlamning-aterstallning');
    expect(slugify('Café för 2026')).toBe('cafe-for-2026');
  });

  it('treats NFD input like NFC and strips control, RTL-override and zero-width characters', () => {
    expect(slugify('Sa\u0308kerhet')).toBe('sakerhet');
    expect(slugify('abc\u202Edef\u200B ghi')).toBe('abc-def-ghi');
  });

  it('cuts long titles at 60 characters without a trailing hyphen, and refuses titles without letters', () => {
    const slug = slugify('Ord '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
    expect(() => slugify('<>!!')).toThrow(/ger inget filnamn/);
  });
});

describe('nextOrder', () => {
  it('is one more than the highest order', () => {
    expect(nextOrder([])).toBe(1);
    expect(nextOrder([1, 3, 2])).toBe(4);
  });
});

describe('lessonTemplate', () => {
  it('holds a pool of 5 questions with quizShown 3, each naming an objective, and a review date', () => {
    const source = lessonTemplate('Lektion', 1, '2026-12-01');
    const data = lessonSchema.parse(parseDocument(source.split('---\n')[1]).toJS());
    expect(data.quiz).toHaveLength(5);
    expect(data.quizShown).toBe(3);
    expect(data.quiz.map((q) => q.objective)).toEqual([1, 1, 2, 2, 2]);
    expect(data.reviewed).toBe('2026-12-01');
    expect(data.sources[0].url).toBe('https://rkrattsbaser.gov.se/sfst?bet=2009:400');
  });

  it('passes the quality rules once published, apart from the texts the writer must write', () => {
    const problems = checkContent(
      [
        { path: 'content/kurs/index.mdx', source: courseTemplate('Kurs', 1) },
        { path: 'content/kurs/01-lektion.mdx', source: lessonTemplate('Lektion', 1).replace('draft: true\n', '') },
      ],
      [],
      'content',
    ).filter((p) => p.file.endsWith('01-lektion.mdx'));
    expect(problems.filter((p) => !/platshållartext|texten har \d+ ord/.test(p.message)).map(formatProblem)).toEqual(
      [],
    );
  });
});

describe('placeholders', () => {
  it('stop a published file that still holds the template texts, and let drafts be', () => {
    const course = courseTemplate('Kurs', 1);
    const lesson = lessonTemplate('Lektion', 1);
    expect(
      checkContent([
        { path: 'content/kurs/index.mdx', source: course },
        { path: 'content/kurs/01-lektion.mdx', source: lesson },
      ]).filter((p) => /platshållartext/.test(p.message)),
    ).toEqual([]);
    const published = checkContent([
      { path: 'content/kurs/index.mdx', source: course.replace('draft: true\n', '') },
      { path: 'content/kurs/01-lektion.mdx', source: lesson.replace('draft: true\n', '') },
    ]).map(formatProblem);
    expect(published).toContain(
      'content/kurs/index.mdx:3: mallens platshållartext finns kvar: "Skriv en eller två meningar om vad kursen ger deltagaren." — skriv egen text här (eller behåll draft: true tills du är klar)',
    );
    expect(
      published.filter((p) => p.startsWith('content/kurs/01-lektion.mdx') && p.includes('platshållartext')).length,
    ).toBeGreaterThanOrEqual(8);
  });
});

describe('new:course and new:lesson', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, [script, ...args], {
      env: { ...process.env, CONTENT_DIR: relative(process.cwd(), dir) },
      encoding: 'utf8',
    });

  it('scaffold draft files that pass the content check', () => {
    dir = mkdtempSync(join(tmpdir(), 'kompetensnav-scaffold-'));
    cpSync('test/fixtures/giltig', dir, { recursive: true });
    expect(run('src/cli/new-course.ts', ['Ny kurs om Åtgärder']).status).toBe(0);
    expect(readFileSync(join(dir, 'ny-kurs-om-atgarder/index.mdx'), 'utf8')).toContain('order: 2');
    expect(run('src/cli/new-lesson.ts', ['ny-kurs-om-atgarder', 'Första lektionen']).status).toBe(0);
    expect(run('src/cli/new-lesson.ts', ['ny-kurs-om-atgarder', 'Andra lektionen']).status).toBe(0);
    expect(readdirSync(join(dir, 'ny-kurs-om-atgarder')).sort()).toEqual([
      '01-forsta-lektionen.mdx',
      '02-andra-lektionen.mdx',
      'index.mdx',
    ]);
    const check = run('src/cli/content-check.ts', []);
    expect(check.stdout).toContain('0 fel');
    expect(check.status).toBe(0);
  });

  it('refuse an unknown course, a taken address and a missing title with advice', () => {
    dir = mkdtempSync(join(tmpdir(), 'kompetensnav-scaffold-'));
    cpSync('test/fixtures/giltig', dir, { recursive: true });
    const unknown = run('src/cli/new-lesson.ts', ['finns-inte', 'Titel']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Kursen "finns-inte" finns inte. Kurser: provkurs.');
    const taken = run('src/cli/new-lesson.ts', ['provkurs', 'Första lektionen']);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('har redan adressen forsta-lektionen');
    expect(run('src/cli/new-course.ts', []).status).toBe(2);
    expect(run('src/cli/new-lesson.ts', ['../../etc', 'x']).status).toBe(1);
  });
});
