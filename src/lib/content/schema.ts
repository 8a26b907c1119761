/**
 * Frontmatter schemas for courses, lessons and glossaries: the one source of
 * their types. Used by `src/content.config.ts` (the build) and by the content
 * check (`npm run content:check`), so both judge a file by the same rules.
 *
 * Error texts are Swedish: they are read by trainers in a
 * terminal next to the file name and field path, and each says what to do.
 */
import { z } from 'astro/zod';

const text = (what: string) =>
  z
    .string({ error: `${what} saknas eller är inte text — skriv den som en sträng` })
    .trim()
    .min(1, { error: `${what} är tom — skriv en text` })
    .transform((s) => s.normalize('NFC'));

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'använd bara a–z, 0–9 och bindestreck (t.ex. "servicenivaer")',
  });

const minutes = z
  .number({ error: 'estimatedMinutes ska vara ett heltal (minuter)' })
  .int({ error: 'estimatedMinutes ska vara ett heltal (minuter)' })
  .min(1, { error: 'estimatedMinutes ska vara minst 1' })
  .max(600, { error: 'estimatedMinutes är orimligt stort — ange minuter, högst 600' });

const positiveInt = (field: string) =>
  z
    .number({ error: `${field} ska vara ett heltal, t.ex. 1` })
    .int({ error: `${field} ska vara ett heltal, t.ex. 1` })
    .min(1, { error: `${field} ska vara 1 eller större` });

/** One answer option of a knowledge-check question, with why it is right or wrong. */
export const quizOptionSchema = z.strictObject({
  text: text('options[].text'),
  explanation: text('options[].explanation (varför alternativet är rätt eller fel)'),
});

/**
 * One knowledge-check question. `answer` is the zero-based index of the right
 * option; it stays on the server and is never rendered into a page.
 */
export const quizQuestionSchema = z
  .strictObject({
    question: text('question'),
    options: z
      .array(quizOptionSchema, { error: 'options ska vara en lista med svarsalternativ' })
      .min(2, { error: 'en fråga behöver minst 2 svarsalternativ' })
      .max(6, { error: 'högst 6 svarsalternativ per fråga — dela upp frågan' }),
    answer: z
      .number({ error: 'answer ska vara numret (från 0) på det rätta alternativet' })
      .int({ error: 'answer ska vara ett heltal (från 0)' })
      .min(0, { error: 'answer räknas från 0 — det första alternativet är 0' }),
    /** 1-based number of the lesson objective this question tests. */
    objective: z
      .number({ error: 'objective ska vara numret (från 1) på lärandemålet som frågan prövar' })
      .int({ error: 'objective ska vara ett heltal (från 1)' })
      .min(1, { error: 'objective räknas från 1 — det första lärandemålet är 1' })
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.answer >= q.options.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: `är ${q.answer} men frågan har ${q.options.length} alternativ — answer räknas från 0, så högsta tillåtna värde är ${q.options.length - 1}`,
      });
    }
  });

export const sourceSchema = z.strictObject({
  title: text('sources[].title'),
  publisher: text('sources[].publisher'),
  url: z
    .url({ protocol: /^https$/, error: 'sources[].url ska vara en https-adress, t.ex. https://www.digg.se' })
    .optional(),
});

/** A review date, `2026-12-01`: YAML may give it as a date or as text. Kept as the ISO day. */
const reviewedDate = z
  .union([z.date(), z.string()], { error: 'reviewed ska vara ett datum, t.ex. 2026-12-01' })
  .transform((v, ctx) => {
    const day = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
      ctx.addIssue({ code: 'custom', message: 'reviewed ska vara ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-12-01' });
      return z.NEVER;
    }
    return day;
  });

export const lessonSchema = z.strictObject({
  title: text('title'),
  summary: text('summary'),
  estimatedMinutes: minutes,
  order: positiveInt('order'),
  revision: positiveInt('revision'),
  draft: z.boolean({ error: 'draft ska vara true eller false' }).default(false),
  objectives: z
    .array(text('objectives[]'), { error: 'objectives ska vara en lista med lärandemål' })
    .min(2, { error: 'skriv 2–4 lärandemål ("Efter lektionen kan du …")' })
    .max(4, { error: 'högst 4 lärandemål — välj de viktigaste' }),
  /** The question pool: each attempt draws `quizShown` of them. */
  quiz: z
    .array(quizQuestionSchema, { error: 'quiz ska vara en lista med frågor' })
    .min(2, { error: 'varje lektion behöver en kunskapskontroll med minst 2 frågor' })
    .max(12, { error: 'högst 12 frågor i en lektions frågebank' }),
  /** How many questions of the pool one attempt shows (default: all of them). */
  quizShown: z
    .number({ error: 'quizShown ska vara ett heltal: hur många frågor ett försök visar' })
    .int({ error: 'quizShown ska vara ett heltal' })
    .min(2, { error: 'quizShown ska vara minst 2' })
    .optional(),
  /** The day someone last checked the lesson against its sources. */
  reviewed: reviewedDate.optional(),
  sources: z.array(sourceSchema, { error: 'sources ska vara en lista' }).default([]),
  /** Issue 13: what changed in each revision, shown to learners who completed an older one. */
  changes: z
    .array(
      z.strictObject({
        revision: positiveInt('changes[].revision'),
        note: text('changes[].note'),
      }),
      { error: 'changes ska vara en lista med revision och note, t.ex. - revision: 2 / note: "Ny fråga om …"' },
    )
    .default([]),
});

/**
 * The end-of-course case (`<kurs>/slutfall.mdx`): a scenario in the body (text,
 * tables, a short report) and questions on it, all shown in every attempt. The
 * certificate requires it.
 */
export const caseSchema = z.strictObject({
  title: text('title'),
  summary: text('summary'),
  estimatedMinutes: minutes,
  revision: positiveInt('revision'),
  draft: z.boolean({ error: 'draft ska vara true eller false' }).default(false),
  reviewed: reviewedDate.optional(),
  questions: z
    .array(quizQuestionSchema, { error: 'questions ska vara en lista med frågor' })
    .min(3, { error: 'slutfallet behöver minst 3 frågor' })
    .max(12, { error: 'högst 12 frågor i slutfallet' }),
  sources: z.array(sourceSchema, { error: 'sources ska vara en lista' }).default([]),
});

export const courseSchema = z.strictObject({
  title: text('title'),
  summary: text('summary'),
  audience: text('audience'),
  estimatedMinutes: minutes,
  order: positiveInt('order'),
  tags: z.array(text('tags[]'), { error: 'tags ska vara en lista, t.ex. [drift, säkerhet]' }).default([]),
  revision: positiveInt('revision'),
  draft: z.boolean({ error: 'draft ska vara true eller false' }).default(false),
  /** Share of knowledge-check questions that must be right to pass (0–1). */
  passThreshold: z
    .number({ error: 'passThreshold ska vara ett tal mellan 0 och 1' })
    .min(0.5, { error: 'passThreshold under 0.5 gör kontrollen meningslös' })
    .max(1, { error: 'passThreshold kan vara högst 1 (alla rätt)' })
    .default(1),
});

export const glossaryTermSchema = z.strictObject({
  id: slug,
  term: text('term'),
  definition: text('definition'),
});

export const glossaryFileSchema = z.strictObject({
  terms: z.array(glossaryTermSchema, { error: 'terms ska vara en lista med begrepp' }).min(1),
});

export type LessonData = z.infer<typeof lessonSchema>;
export type CourseData = z.infer<typeof courseSchema>;
export type CaseData = z.infer<typeof caseSchema>;
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
