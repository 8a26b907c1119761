/**
 * Demo progress for the demo participants, so managers and trainers see a
 * living platform: courses finished with certificates, courses half-way,
 * failed-then-passed knowledge checks (each attempt drawn from the lesson's
 * pool), completions on an older lesson revision, activity spread over the
 * last 12 weeks, lesson feedback. Whoever finished a course also passed its
 * end-of-course case (a completed progress row for the case, as the
 * certificate rule needs). Deterministic.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { courseCompletions, lessonFeedback, lessonProgress, quizAttempts, users } from '#db/schema.ts';
import { newCertificateCode } from '#lib/progress/certificate-code.ts';
import type { FileCatalogCourse } from '#lib/content/catalog-files.ts';
import { seededRandom as random } from '#lib/seeded-random.ts';
import { transaction } from '#db/tx.ts';

const DAY = 86_400_000;

// Demo answers to "Hjälpte den här lektionen?" (no names: trainers see them without).
const DEMO_COMMENTS = [
  'Bra exempel från verkligheten.',
  'Lite för lång, men tydlig.',
  'Jag hade velat ha en checklista att skriva ut.',
  'Kunskapskontrollen fick mig att läsa om avsnittet, bra.',
  'Svårt att förstå skillnaden mellan rollerna.',
];

/** Seeds progress for every learner; returns how many lesson rows were written. */
export async function seedDemoProgress(
  db: Db,
  catalog: FileCatalogCourse[],
  now = new Date(),
): Promise<{ lessons: number; certificates: number }> {
  const rnd = random(42);
  const learners = await db
    .select({ id: users.id, agencyId: users.agencyId })
    .from(users)
    .where(eq(users.role, 'learner'));
  // Feedback draws from its own sequence so the progress data stays as it was.
  const fb = random(7);
  // Which pool questions each demo attempt showed: a third sequence, for the same reason.
  const dr = random(11);
  const drawn = (pool: number, shown = pool) =>
    Array.from({ length: pool }, (_, q) => q)
      .map((q) => [dr(), q] as const)
      .sort((a, b) => a[0] - b[0])
      .slice(0, Math.min(shown, pool))
      .map(([, q]) => q);
  // Answers as stored: by pool position, null where not shown.
  const answersOf = (key: number[], shown: number[], wrongFirst: boolean) =>
    key.map((a, q) => (!shown.includes(q) ? null : wrongFirst && q === shown[0] ? (a + 1) % 3 : a));
  let lessonRows = 0;
  let certificates = 0;
  await transaction(db, async (tx) => {
    for (const [i, learner] of learners.entries()) {
      for (const [c, course] of catalog.entries()) {
        // Earlier courses are taken by more people; some finish, many stop half-way.
        const roll = rnd();
        const reach =
          roll < 0.25 + 0.1 * (3 - Math.min(c, 3))
            ? course.lessons.length
            : roll < 0.7 - 0.08 * c
              ? Math.floor(rnd() * course.lessons.length)
              : 0;
        if (reach === 0 && i !== 0) continue;
        let day = now.getTime() - Math.floor(rnd() * 80 + 4) * DAY;
        const done = i === 0 && c === 0 ? 3 : reach;
        for (const [n, lesson] of course.lessons.entries()) {
          if (n > done) break;
          const started = new Date(day).toISOString();
          day += Math.floor(rnd() * 3 * DAY);
          const completed = n < done;
          // Some completions are on an older revision of a lesson that has since been updated.
          const revision = completed && lesson.revision > 1 && rnd() < 0.5 ? lesson.revision - 1 : lesson.revision;
          const at = new Date(Math.min(day, now.getTime())).toISOString();
          await tx.insert(lessonProgress).values({
            userId: learner.id,
            agencyId: learner.agencyId,
            courseId: course.id,
            lessonId: lesson.id,
            startedAt: started,
            lastVisitedAt: at,
            completedAt: completed ? at : null,
            completedRevision: completed ? revision : null,
          });
          lessonRows++;
          if (!completed) continue;
          if (fb() < 0.3) {
            const helpful = fb() < 0.8;
            const comment = fb() < 0.4 ? DEMO_COMMENTS[Math.floor(fb() * DEMO_COMMENTS.length)] : null;
            await tx.insert(lessonFeedback).values({
              userId: learner.id,
              agencyId: learner.agencyId,
              courseId: course.id,
              lessonId: lesson.id,
              helpful,
              comment,
              updatedAt: at,
            });
          }
          const failedShown = drawn(lesson.questions.length, lesson.shown);
          const total = failedShown.length;
          if (rnd() < 0.3) {
            await tx.insert(quizAttempts).values({
              userId: learner.id,
              agencyId: learner.agencyId,
              courseId: course.id,
              lessonId: lesson.id,
              revision,
              attemptedAt: started,
              answers: JSON.stringify(answersOf(lesson.questions, failedShown, true)),
              right: total - 1,
              total,
              passed: false,
              shown: JSON.stringify(failedShown),
            });
          }
          const shown = drawn(lesson.questions.length, lesson.shown);
          await tx.insert(quizAttempts).values({
            userId: learner.id,
            agencyId: learner.agencyId,
            courseId: course.id,
            lessonId: lesson.id,
            revision,
            attemptedAt: at,
            answers: JSON.stringify(answersOf(lesson.questions, shown, false)),
            right: shown.length,
            total: shown.length,
            passed: true,
            shown: JSON.stringify(shown),
          });
        }
        const finalCase = course.finalCase;
        if (done === course.lessons.length && finalCase) {
          // The case comes last: a pass stored as the case's completed row, and its attempt.
          const at = new Date(Math.min(day, now.getTime())).toISOString();
          await tx.insert(lessonProgress).values({
            userId: learner.id,
            agencyId: learner.agencyId,
            courseId: course.id,
            lessonId: finalCase.id,
            startedAt: at,
            lastVisitedAt: at,
            completedAt: at,
            completedRevision: finalCase.revision,
          });
          lessonRows++;
          const all = finalCase.questions.map((_, q) => q);
          await tx.insert(quizAttempts).values({
            userId: learner.id,
            agencyId: learner.agencyId,
            courseId: course.id,
            lessonId: finalCase.id,
            revision: finalCase.revision,
            attemptedAt: at,
            answers: JSON.stringify(finalCase.questions),
            right: all.length,
            total: all.length,
            passed: true,
            shown: JSON.stringify(all),
          });
        }
        if (done === course.lessons.length) {
          await tx.insert(courseCompletions).values({
            userId: learner.id,
            agencyId: learner.agencyId,
            courseId: course.id,
            courseRevision: course.revision,
            completedAt: new Date(Math.min(day, now.getTime())).toISOString(),
            certificateCode: newCertificateCode(),
          });
          certificates++;
        }
      }
    }
  });
  return { lessons: lessonRows, certificates };
}
