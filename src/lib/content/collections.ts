/**
 * The one place pages read the collections: the catalogue with drafts shown
 * in `astro dev` and hidden in the production build.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { shapeCatalog, type ShapedCourse } from './catalog.ts';

export type Course = CollectionEntry<'courses'>;
export type Lesson = CollectionEntry<'lessons'>;
export type CatalogCourse = ShapedCourse<Course, Lesson>;

/** Drafts are visible only in the dev server, never in a build. */
export const showDrafts = import.meta.env.DEV;

/** Every published course with its lessons, in order. */
export async function loadCatalog(): Promise<CatalogCourse[]> {
  const [courses, lessons] = await Promise.all([getCollection('courses'), getCollection('lessons')]);
  return shapeCatalog(courses, lessons, showDrafts);
}
