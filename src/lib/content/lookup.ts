/** Finds a published lesson by its URL parts, for on-demand routes. */
import { loadCatalog, type Case, type CatalogCourse, type Lesson } from './collections.ts';

const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The lesson at /kurser/<course>/<lesson>/, or null for anything unknown or malformed. */
export async function findLesson(course: string | undefined, slug: string | undefined): Promise<{ entry: CatalogCourse; lesson: Lesson } | null> {
  if (!course || !slug || course.length > 100 || slug.length > 100 || !SEGMENT.test(course) || !SEGMENT.test(slug)) return null;
  const entry = (await loadCatalog()).find((c) => c.course.id === course);
  const lesson = entry?.lessons.find((l) => l.id === `${course}/${slug}`);
  return entry && lesson ? { entry, lesson } : null;
}

/** The course's end-of-course case at /kurser/<course>/slutfall/, or null when the course or its case is missing. */
export async function findCase(course: string | undefined): Promise<{ entry: CatalogCourse; finalCase: Case } | null> {
  const entry = await findCourse(course);
  return entry?.finalCase ? { entry, finalCase: entry.finalCase } : null;
}

/** The published course at /statistik/<course>/ and similar on-demand routes, or null. */
export async function findCourse(course: string | undefined): Promise<CatalogCourse | null> {
  if (!course || course.length > 100 || !SEGMENT.test(course)) return null;
  return (await loadCatalog()).find((c) => c.course.id === course) ?? null;
}

/** The catalogue course in the shape the statistics read. */
export function statsCourseOf(entry: CatalogCourse): { id: string; title: string; lessons: { id: string; title: string; revision: number; quiz: { question: string; options: { text: string }[]; answer: number }[] }[] } {
  return {
    id: entry.course.id,
    title: entry.course.data.title,
    lessons: [
      ...entry.lessons.map((l) => ({ id: l.id, title: l.data.title, revision: l.data.revision, quiz: l.data.quiz })),
      // The end-of-course case counts like a last lesson: its funnel row and its questions.
      ...(entry.finalCase
        ? [{ id: entry.finalCase.id, title: entry.finalCase.data.title, revision: entry.finalCase.data.revision, quiz: entry.finalCase.data.questions }]
        : []),
    ],
  };
}
