/**
 * "Markera som klar" on PostgreSQL: the completions of one turn of the event
 * loop run as ONE call of the database function complete_lessons
 * (db/migrations-pg/0007), which does for each what completeLesson does on
 * SQLite — quiz check, idempotent upsert, certificate — in one round trip
 * and one commit for the whole batch (db/batch.ts). The commit is durable
 * before any request of the batch is answered.
 */
import type { Db } from '#db/client.ts';
import { turnBatch } from '#db/batch.ts';
import { rawAll } from '#db/sql.ts';
import { newCertificateCode } from './certificate-code.ts';
import { lessonState } from './course-progress.ts';
import type { CompletionResult, CourseRef, LessonRef, Participant } from './progress.ts';

/** One completion as complete_lessons reads it (jsonb_to_recordset column names). */
interface Item {
  n: number;
  user_id: number;
  agency_id: number;
  course_id: string;
  lesson_id: string;
  revision: number;
  has_quiz: boolean;
  at: string;
  lesson_ids: string[];
  course_revision: number;
}

interface Row {
  ord: number;
  started: string;
  completed: string | null;
  done_revision: number | null;
  certificate: string | null;
  /** The person already has a completion of the course: nothing written, the full path decides. */
  held_back: boolean;
}

/** Large enough to share one commit among a burst, small enough to keep one statement short. */
const MAX_BATCH = 200;

/** A certificate code per item (used only where the item completes its course), from one random draw. */
function codes(count: number): string[] {
  const bytes = crypto.getRandomValues(new Uint8Array(12 * count));
  return Array.from({ length: count }, (_, k) =>
    newCertificateCode((b) => {
      b.set(bytes.subarray(12 * k, 12 * k + 12));
      return b;
    }),
  );
}

async function completeBatch(db: Db, items: Item[]): Promise<Row[]> {
  const code = codes(items.length);
  const numbered = items.map((item, n) => ({ ...item, n, code: code[n] }));
  const rows = await rawAll<Row>(db, 'select * from complete_lessons($1::jsonb)', [JSON.stringify(numbered)]);
  const byOrd: Row[] = [];
  for (const row of rows) byOrd[row.ord] = row;
  return items.map((_, n) => byOrd[n]);
}

const complete = turnBatch(completeBatch, { maxBatch: MAX_BATCH, inFlight: 1 });

/**
 * completeLesson on PostgreSQL: the same outcome, batched with the other
 * completions of this turn; null (nothing written) when the person already
 * has a completion of the course, which completeLesson's full path handles
 * with the renewal rules.
 */
export async function completeLessonBatched(
  db: Db,
  who: Participant,
  lesson: LessonRef,
  course: CourseRef,
  at: string,
): Promise<CompletionResult | null> {
  const row = await complete(db, {
    n: 0,
    user_id: who.id,
    agency_id: who.agencyId,
    course_id: lesson.courseId,
    lesson_id: lesson.lessonId,
    revision: lesson.revision,
    has_quiz: lesson.hasQuiz,
    at,
    lesson_ids: course.lessonIds,
    course_revision: course.revision,
  });
  if (row.held_back) return null;
  const state = lessonState(
    { startedAt: row.started, completedAt: row.completed, completedRevision: row.done_revision },
    lesson.revision,
  );
  return { state, completed: state === 'completed', certificateCode: row.certificate };
}
