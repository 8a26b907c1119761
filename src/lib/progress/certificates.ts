/**
 * Certificates ("intyg"): the participant's own certificate with everything
 * it prints, and the public verification that shows only name, course and date.
 * A certificate replaced by a renewal (earlier_completions) stays verifiable
 * with its own date; the participant's own page shows the latest.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { agencies, courseCompletions, earlierCompletions, users } from '#db/schema.ts';

export interface Certificate {
  name: string;
  agencyName: string;
  courseId: string;
  completedAt: string;
  code: string;
}

/** What the public verification page may show: nothing beyond name, course and date. */
export type VerifiedCertificate = Pick<Certificate, 'name' | 'courseId' | 'completedAt'>;

/** The participant's own certificate for a course, or null when the course is not completed. */
export async function ownCertificate(db: Db, userId: number, courseId: string): Promise<Certificate | null> {
  const row = (
    await db
      .select({
        name: users.name,
        agencyName: agencies.name,
        courseId: courseCompletions.courseId,
        completedAt: courseCompletions.completedAt,
        code: courseCompletions.certificateCode,
      })
      .from(courseCompletions)
      .innerJoin(users, eq(users.id, courseCompletions.userId))
      .innerJoin(agencies, eq(agencies.id, courseCompletions.agencyId))
      .where(and(eq(courseCompletions.userId, userId), eq(courseCompletions.courseId, courseId)))
      .limit(1)
  )[0];
  return row ?? null;
}

/** The certificate with `code` among the rows of `table` (current or replaced completions), or null. */
async function certificateIn(
  db: Db,
  table: typeof courseCompletions | typeof earlierCompletions,
  code: string,
): Promise<VerifiedCertificate | null> {
  const [row] = await db
    .select({ name: users.name, courseId: table.courseId, completedAt: table.completedAt })
    .from(table)
    .innerJoin(users, eq(users.id, table.userId))
    .where(eq(table.certificateCode, code))
    .limit(1);
  return row ?? null;
}

/** Looks up a certificate by its (canonical) code, the current ones first, then those a renewal replaced. */
export async function verifyCertificate(db: Db, code: string): Promise<VerifiedCertificate | null> {
  return (await certificateIn(db, courseCompletions, code)) ?? certificateIn(db, earlierCompletions, code);
}
