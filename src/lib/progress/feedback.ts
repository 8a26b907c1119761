/**
 * Lesson feedback ("Hjälpte den här lektionen?"): one row per participant and
 * lesson in lesson_feedback, replaced when they answer again (an idempotent
 * upsert under UNIQUE(user, lesson)). Identity comes from the session user
 * passed in; the form may set exactly `hjalpte` and `kommentar`.
 */
import { z } from 'astro/zod';
import type { Db } from '#db/client.ts';
import { lessonFeedback } from '#db/schema.ts';
import type { LessonRef, Participant } from './progress.ts';

export const COMMENT_MAX = 500;

// Zero-width, bidi overrides and control characters other than line breaks and tabs.
const HIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** The comment: NFC once, line breaks unified, trimmed; empty → null. */
const commentField = z
  .string()
  .transform((v) => v.normalize('NFC').replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .max(COMMENT_MAX, { error: `Kommentaren får ha högst ${COMMENT_MAX} tecken.` })
      .refine((v) => !HIDDEN.test(v), {
        error: 'Kommentaren innehåller osynliga tecken eller styrtecken. Skriv den igen.',
      }),
  )
  .transform((v) => (v === '' ? null : v));

/** Exactly what a participant may send. */
export const feedbackForm = z.strictObject({
  hjalpte: z.enum(['ja', 'nej'], { error: 'Svara Ja eller Nej.' }),
  kommentar: commentField.optional(),
});

export type FeedbackInput = z.output<typeof feedbackForm>;

/** Stores (or replaces) the participant's feedback on a lesson. */
export async function saveFeedback(
  db: Db,
  who: Participant,
  lesson: LessonRef,
  input: FeedbackInput,
  now = new Date(),
): Promise<void> {
  const values = {
    helpful: input.hjalpte === 'ja',
    comment: input.kommentar ?? null,
    updatedAt: now.toISOString(),
    agencyId: who.agencyId,
  };
  await db
    .insert(lessonFeedback)
    .values({ userId: who.id, courseId: lesson.courseId, lessonId: lesson.lessonId, ...values })
    .onConflictDoUpdate({ target: [lessonFeedback.userId, lessonFeedback.lessonId], set: values });
}
