/**
 * The catalogue the HTTP front's completion route reads: published courses
 * with each lesson's id, revision and whether it has a knowledge check (never
 * the answers), and last the end-of-course case as one more "lesson" that
 * always has a check: the completion rule then needs it passed, and "Markera
 * som klar" can never complete it. The build writes it beside the server bundle.
 */
import type { FileCatalogCourse } from './catalog-files.ts';

/** The file name, in the build's server folder. */
export const PROGRESS_CATALOG_FILE = 'progress-catalog.json';

export type ProgressCatalog = { id: string; revision: number; lessons: { id: string; revision: number; hasQuiz: boolean }[] }[];

/** The progress catalogue of a file catalogue. */
export function progressCatalogOf(courses: FileCatalogCourse[]): ProgressCatalog {
  return courses.map((c) => ({
    id: c.id,
    revision: c.revision,
    lessons: [
      ...c.lessons.map((l) => ({ id: l.id, revision: l.revision, hasQuiz: l.questions.length > 0 })),
      ...(c.finalCase ? [{ id: c.finalCase.id, revision: c.finalCase.revision, hasQuiz: true }] : []),
    ],
  }));
}
