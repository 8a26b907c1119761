/**
 * Content collections. Course folders live in the project's content/ folder (or CONTENT_DIR):
 * `content/<kurs>/index.mdx` (the course), `content/<kurs>/NN-<slug>.mdx`
 * (lessons), `content/<kurs>/slutfall.mdx` (the end-of-course case, id
 * `<kurs>/slutfall`) and `content/<kurs>/ordlista.yaml` (glossary terms). Schemas come
 * from src/lib/content/schema.ts, shared with `npm run content:check`.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { caseSchema, courseSchema, glossaryFileSchema, lessonSchema } from '#lib/content/schema.ts';
import { caseIdOf, courseIdOf, lessonIdOf } from '#lib/content/ids.ts';
import { contentDir } from '#lib/content/location.ts';

const courses = defineCollection({
  loader: glob({ base: `./${contentDir}`, pattern: '*/index.mdx', generateId: ({ entry }) => courseIdOf(entry) }),
  schema: courseSchema,
});

const lessons = defineCollection({
  loader: glob({
    base: `./${contentDir}`,
    pattern: '*/[0-9][0-9]-*.mdx',
    generateId: ({ entry }) => lessonIdOf(entry),
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
