/**
 * The published course catalogue read straight from the content files, for
 * code that runs outside Astro (demo seeding, benchmarks, the progress
 * catalogue): course ids with their lessons' ids, revisions, answer keys and
 * questions per attempt, in order, and the end-of-course case.
 */
import type { ContentFile } from './check.ts';
import { readContentTree } from './files.ts';
import { splitSource } from './frontmatter.ts';
import { caseIdOf, courseIdOf, lessonIdOf } from './ids.ts';

export interface FileCatalogCourse {
  id: string;
  /** The course title (reminder e-mails name courses by it). */
  title?: string;
  revision: number;
  /** `questions`: the pool's answer keys; `shown`: questions per attempt (undefined: all). */
  lessons: { id: string; revision: number; questions: number[]; shown?: number }[];
  /** The end-of-course case (`slutfall.mdx`), null when there is none or it is a draft. */
  finalCase: { id: string; revision: number; questions: number[] } | null;
}

/** A file's frontmatter as plain data ({} when it has none). */
type FrontmatterOf = (file: ContentFile) => Record<string, unknown>;

const parseFrontmatter: FrontmatterOf = (file) =>
  (splitSource(file.source).doc?.toJS() ?? {}) as Record<string, unknown>;

/** Courses and lessons that are not drafts, in order. */
export function catalogFromFiles(root: string, dir = 'content'): FileCatalogCourse[] {
  return catalogOfFiles(readContentTree(root, dir).files, dir);
}

/**
 * The catalogue of content files already read (`dir` is their folder), with
 * `data` giving each file's frontmatter when it has been parsed before.
 */
export function catalogOfFiles(
  files: ContentFile[],
  dir = 'content',
  data: FrontmatterOf = parseFrontmatter,
): FileCatalogCourse[] {
  const courses = new Map<string, { order: number; course: FileCatalogCourse }>();
  for (const f of files.filter((f) => f.path.endsWith('/index.mdx'))) {
    const d = data(f);
    if (d.draft === true) continue;
    const id = courseIdOf(f.path.slice(dir.length + 1));
    courses.set(id, {
      order: Number(d.order),
      course: { id, title: String(d.title ?? id), revision: Number(d.revision), lessons: [], finalCase: null },
    });
  }
  const lessons = files
    .filter((f) => /\/\d{2}-[^/]+\.mdx$/.test(f.path))
    .map((f) => ({ id: lessonIdOf(f.path.slice(dir.length + 1)), d: data(f) }))
    .filter((l) => l.d.draft !== true)
    .sort((a, b) => Number(a.d.order) - Number(b.d.order));
  for (const l of lessons) {
    const quiz = (l.d.quiz as { answer: number }[] | undefined) ?? [];
    const shown = typeof l.d.quizShown === 'number' ? l.d.quizShown : undefined;
    courses.get(l.id.split('/')[0])?.course.lessons.push({ id: l.id, revision: Number(l.d.revision), questions: quiz.map((q) => q.answer), shown });
  }
  for (const f of files.filter((f) => f.path.endsWith('/slutfall.mdx'))) {
    const d = data(f);
    const course = courses.get(courseIdOf(f.path.slice(dir.length + 1)))?.course;
    if (!course || d.draft === true) continue;
    const questions = ((d.questions as { answer: number }[] | undefined) ?? []).map((q) => q.answer);
    course.finalCase = { id: caseIdOf(course.id), revision: Number(d.revision), questions };
  }
  return [...courses.values()].sort((a, b) => a.order - b.order).map((c) => c.course);
}
