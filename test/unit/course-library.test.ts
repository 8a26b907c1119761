/** The course library is worth taking: its size and the shape of every lesson. */
import { describe, expect, it } from 'vitest';
import { readContentTree } from '#lib/content/files.ts';
import { splitSource } from '#lib/content/frontmatter.ts';
import { bodyFacts } from '#lib/content/body.ts';
import { lessonSchema } from '#lib/content/schema.ts';

const { files } = readContentTree(process.cwd(), 'content');
const courses = files.filter((f) => f.path.endsWith('/index.mdx'));
const lessons = files
  .filter((f) => /\/\d{2}-[^/]+\.mdx$/.test(f.path))
  .map((f) => {
    const split = splitSource(f.source);
    return { path: f.path, data: lessonSchema.parse(split.doc!.toJS()), facts: bodyFacts(split.body, split.bodyLine) };
  })
  .filter((l) => !l.data.draft);

describe('course library', () => {
  it('has at least 6 courses and 40 lessons', () => {
    expect(courses.length).toBeGreaterThanOrEqual(6);
    expect(lessons.length).toBeGreaterThanOrEqual(40);
  });

  it('gives every lesson 300–900 words, 2–4 objectives, a 2–4 question check and glossary terms', () => {
    for (const lesson of lessons) {
      expect(lesson.facts.words, lesson.path).toBeGreaterThanOrEqual(300);
      expect(lesson.facts.words, lesson.path).toBeLessThanOrEqual(900);
      expect(lesson.data.objectives.length, lesson.path).toBeGreaterThanOrEqual(2);
      expect(lesson.data.quiz.length, lesson.path).toBeGreaterThanOrEqual(2);
      expect(lesson.facts.terms.length, lesson.path).toBeGreaterThan(0);
    }
  });

  it('does not put the right answer in the same place in every question of a course', () => {
    const byCourse = new Map<string, Set<number>>();
    for (const lesson of lessons) {
      const course = lesson.path.split('/')[1];
      for (const q of lesson.data.quiz) byCourse.set(course, (byCourse.get(course) ?? new Set()).add(q.answer));
    }
    for (const [course, positions] of byCourse) expect(positions.size, course).toBeGreaterThan(1);
  });

  it('links every lesson to at least one primary source page over https, not only to home pages', () => {
    for (const lesson of lessons) {
      const urls = lesson.data.sources.flatMap((s) => (s.url ? [new URL(s.url)] : []));
      for (const url of urls) expect(url.protocol, lesson.path).toBe('https:');
      expect(
        urls.some((url) => url.pathname.length > 1 || url.search !== ''),
        lesson.path,
      ).toBe(true);
    }
  });
});
