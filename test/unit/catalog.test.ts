import { describe, expect, it } from 'vitest';
import { courseHref, lessonHref, neighbours, shapeCatalog } from '#lib/content/catalog.ts';
import { courseIdOf, lessonIdOf } from '#lib/content/ids.ts';
import { formatMinutes } from '#lib/content/format.ts';

const course = (id: string, order: number, draft = false) => ({ id, data: { title: id.toUpperCase(), order, draft } });
const lesson = (id: string, order: number, minutes = 5, draft = false) => ({
  id,
  data: { title: `Titel ${id}`, order, estimatedMinutes: minutes, draft },
});

describe('ids', () => {
  it('names a course by its folder and a lesson by folder/slug without the order prefix', () => {
    expect(courseIdOf('samordnad-it-drift/index.mdx')).toBe('samordnad-it-drift');
    expect(lessonIdOf('samordnad-it-drift/03-exitplan.mdx')).toBe('samordnad-it-drift/exitplan');
    expect(lessonHref('samordnad-it-drift/exitplan')).toBe('/kurser/samordnad-it-drift/exitplan/');
    expect(courseHref('samordnad-it-drift')).toBe('/kurser/samordnad-it-drift/');
  });
});

describe('shapeCatalog', () => {
  const courses = [course('b', 2), course('a', 1), course('utkast', 3, true)];
  const lessons = [
    lesson('a/tre', 3, 10),
    lesson('a/ett', 1, 5),
    lesson('a/tva', 2, 7),
    lesson('a/utkast', 4, 5, true),
    lesson('b/ett', 1, 4),
    lesson('utkast/ett', 1, 4),
    lesson('saknad/ett', 1, 4),
  ];

  it('orders courses and their lessons, and sums the time', () => {
    const shaped = shapeCatalog(courses, lessons);
    expect(shaped.map((c) => c.course.id)).toEqual(['a', 'b']);
    expect(shaped[0].lessons.map((l) => l.id)).toEqual(['a/ett', 'a/tva', 'a/tre']);
    expect(shaped[0].totalMinutes).toBe(22);
    expect(shaped[0].href).toBe('/kurser/a/');
  });

  it('leaves out drafts unless asked, and lessons of unknown courses always', () => {
    const withDrafts = shapeCatalog(courses, lessons, true);
    expect(withDrafts.map((c) => c.course.id)).toEqual(['a', 'b', 'utkast']);
    expect(withDrafts[0].lessons.map((l) => l.id)).toContain('a/utkast');
    expect(withDrafts.flatMap((c) => c.lessons.map((l) => l.id))).not.toContain('saknad/ett');
  });
});

describe('neighbours', () => {
  const ordered = [lesson('a/ett', 1), lesson('a/tva', 2), lesson('a/tre', 3)];

  it('links the previous and next lesson and gives the position', () => {
    expect(neighbours(ordered, 'a/tva')).toEqual({
      previous: { id: 'a/ett', href: '/kurser/a/ett/', title: 'Titel a/ett' },
      next: { id: 'a/tre', href: '/kurser/a/tre/', title: 'Titel a/tre' },
      position: 2,
    });
  });

  it('has no previous on the first lesson and no next on the last', () => {
    expect(neighbours(ordered, 'a/ett').previous).toBeNull();
    expect(neighbours(ordered, 'a/tre').next).toBeNull();
  });
});

describe('formatMinutes', () => {
  it('writes Swedish durations', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 tim');
    expect(formatMinutes(95)).toBe('1 tim 35 min');
  });
});
