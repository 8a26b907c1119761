/**
 * The one place pages read the collections: the catalogue with drafts shown
 * in `astro dev` and hidden in the production build.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { shapeCatalog, type ShapedCourse } from './catalog.ts';
import { caseIdOf } from './ids.ts';

export type Course = CollectionEntry<'courses'>;
export type Lesson = CollectionEntry<'lessons'>;
export type Case = CollectionEntry<'cases'>;
/** A course with its lessons and its end-of-course case (null when it has none, or it is a draft). */
export type CatalogCourse = ShapedCourse<Course, Lesson> & { finalCase: Case | null };

/** Drafts are visible only in the dev server, never in a build. */
export const showDrafts = import.meta.env.DEV;

let built: Promise<CatalogCourse[]> | null = null;

/**
 * Every published course with its lessons, in order. Content is fixed at
 * build time, so on the server the catalogue is shaped once per process
 * (on-demand routes look lessons up on every request); the dev server
 * reshapes it every time so edits show at once.
 */
export function loadCatalog(): Promise<CatalogCourse[]> {
  const shape = async () => {
    const [courses, lessons, cases] = await Promise.all([
      getCollection('courses'),
      getCollection('lessons'),
      getCollection('cases'),
    ]);
    return shapeCatalog(courses, lessons, showDrafts).map((entry) => ({
      ...entry,
      finalCase: cases.find((c) => c.id === caseIdOf(entry.course.id) && (showDrafts || !c.data.draft)) ?? null,
    }));
  };
  if (import.meta.env.DEV) return shape();
  built ??= shape();
  return built;
}
