import { describe, expect, it } from 'vitest';
import { readContentTree } from '#lib/content/files.ts';
import { readQuizDocs } from '#lib/content/check.ts';
import { courseQuality, formatQualityReport, libraryQuality } from '#lib/content/quality-report.ts';

const dir = 'test/fixtures/giltig';
const { files } = readContentTree(process.cwd(), dir);
const edited = (path: string, edit: (s: string) => string) =>
  files.map((f) => (f.path.endsWith(path) ? { ...f, source: edit(f.source) } : f));

describe('courseQuality', () => {
  it('counts questions of lessons and the case, objectives, primary links and reviews', () => {
    const docs = readQuizDocs(files, dir).get('provkurs')!;
    expect(courseQuality('provkurs', docs, '2026-12-01')).toEqual({
      name: 'provkurs',
      courses: 1,
      questions: 13,
      longest: 2,
      objectives: 4,
      objectivesTested: 4,
      lessons: 2,
      lessonsWithPrimary: 2,
      lessonsReviewed: 2,
      cases: 1,
    });
  });

  it('leaves drafts out and counts stale reviews, home pages and untested objectives as missing', () => {
    const changed = edited('02-andra-lektionen.mdx', (s) => s.replace('revision: 1', 'revision: 1\ndraft: true'));
    const withHome = changed.map((f) =>
      f.path.endsWith('01-forsta-lektionen.mdx')
        ? {
            ...f,
            source: f.source
              .replace('https://rkrattsbaser.gov.se/sfst?bet=2009:400', 'https://www.riksdagen.se/')
              .replaceAll('objective: 2', 'objective: 1'),
          }
        : f,
    );
    const figures = courseQuality('provkurs', readQuizDocs(withHome, dir).get('provkurs')!, '2027-12-01');
    expect(figures).toMatchObject({
      questions: 8,
      objectives: 2,
      objectivesTested: 1,
      lessons: 1,
      lessonsWithPrimary: 0,
      lessonsReviewed: 0,
    });
  });
});

describe('libraryQuality and formatQualityReport', () => {
  it('sums the courses and prints a table with a one-line total', () => {
    const byCourse = readQuizDocs(files, dir);
    byCourse.set('annan', byCourse.get('provkurs')!);
    const report = libraryQuality(byCourse, '2026-12-01');
    expect(report.courses.map((c) => c.name)).toEqual(['annan', 'provkurs']);
    expect(report.total).toMatchObject({ name: 'Totalt', courses: 2, questions: 26, longest: 4, lessons: 4, cases: 2 });
    const lines = formatQualityReport(report);
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toBe(
      'content:quality: 26 frågor i 2 kurser, rätt alternativ längst i 15 %, 8/8 lärandemål prövade, 4/4 lektioner med primärkällor, 4/4 granskade, 2/2 slutfall',
    );
  });
});
