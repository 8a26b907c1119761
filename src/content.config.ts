/**
 * Content collections. Course folders live in the project's content/ folder (or CONTENT_DIR):
 * `content/<kurs>/index.mdx` (the course), `content/<kurs>/NN-<slug>.mdx`
 * (lessons), `content/<kurs>/slutfall.mdx` (the end-of-course case, id
 * `<kurs>/slutfall`) and `content/<kurs>/ordlista.yaml` (glossary terms). Schemas come
 * from src/lib/content/schema.ts, shared with `npm run content:check`.
 *
 * Courses and lessons keep no `body` in the data store (`retainBody: false`):
 * pages render them from their files, and the raw MDX was most of the store
 * (4.7 of 5.8 MB for 1,000 lessons), which Astro serialises at every sync and
 * bundles into both the prerender and the server build (2-3 s of CPU in
 * paired builds). The glossary reads lesson sources from their files
 * instead (src/lib/content/glossary.ts).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { caseSchema, courseSchema, glossaryFileSchema, lessonSchema } from '#lib/content/schema.ts';
import { caseIdOf, courseIdOf, lessonIdOf } from '#lib/content/ids.ts';
import { contentDir } from '#lib/content/location.ts';

const courses = defineCollection({
  loader: glob({
    base: `./${contentDir}`,
    pattern: '*/index.mdx',
    generateId: ({ entry }) => courseIdOf(entry),
    retainBody: false,
  }),
  schema: courseSchema,
});

const lessons = defineCollection({
  loader: glob({
    base: `./${contentDir}`,
    pattern: '*/[0-9][0-9]-*.mdx',
    generateId: ({ entry }) => lessonIdOf(entry),
    retainBody: false,
  }),
  schema: lessonSchema,
});

const cases = defineCollection({
  loader: glob({
    base: `./${contentDir}`,
    pattern: '*/slutfall.mdx',
    generateId: ({ entry }) => caseIdOf(courseIdOf(entry)),
  }),
  schema: caseSchema,
});

const glossaries = defineCollection({
  loader: glob({ base: `./${contentDir}`, pattern: '*/ordlista.yaml', generateId: ({ entry }) => courseIdOf(entry) }),
  schema: glossaryFileSchema,
});

export const collections = { courses, lessons, cases, glossaries };
