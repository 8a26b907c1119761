/**
 * The published course catalogue read straight from the content files, for
 * code that runs outside Astro (demo seeding, benchmarks): course ids with
 * their lessons' ids, revisions and question counts, in order.
 */
import { readContentTree } from './files.ts';
import { splitSource } from './frontmatter.ts';
import { courseIdOf, lessonIdOf } from './ids.ts';

export interface FileCatalogCourse {
  id: string;
  /** The course title (reminder e-mails name courses by it). */
  title?: string;
  revision: number;
  lessons: { id: string; revision: number; questions: number[] }[];
}

/** Courses and lessons that are not drafts, in order. */
export function catalogFromFiles(root: string, dir = 'content'): FileCatalogCourse[] {
  const { files } = readContentTree(root, dir);
  const data = (source: string) => (splitSource(source).doc?.toJS() ?? {}) as Record<string, unknown>;
  const courses = new Map<string, { order: number; course: FileCatalogCourse }>();
  for (const f of files.filter((f) => f.path.endsWith('/index.mdx'))) {
    const d = data(f.source);
    if (d.draft === true) continue;
    const id = courseIdOf(f.path.slice(dir.length + 1));
    courses.set(id, { order: Number(d.order), course: { id, title: String(d.title ?? id), revision: Number(d.revision), lessons: [] } });
  }
  const lessons = files
    .filter((f) => /\/\d{2}-[^/]+\.mdx$/.test(f.path))
    .map((f) => ({ id: lessonIdOf(f.path.slice(dir.length + 1)), d: data(f.source) }))
    .filter((l) => l.d.draft !== true)
    .sort((a, b) => Number(a.d.order) - Number(b.d.order));
  for (const l of lessons) {
    const quiz = (l.d.quiz as { answer: number }[] | undefined) ?? [];
    courses.get(l.id.split('/')[0])?.course.lessons.push({ id: l.id, revision: Number(l.d.revision), questions: quiz.map((q) => q.answer) });
  }
  return [...courses.values()].sort((a, b) => a.order - b.order).map((c) => c.course);
}
