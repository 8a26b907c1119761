/**
 * Everything stored about one participant, for their own download (GDPR
 * art. 15): account, sessions (times only, never tokens), progress, attempts,
 * certificates (also those a renewal replaced), lesson feedback and the
 * audit entries about them.
 */
import { eq, or, and } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { agencies, auditLog, lessonFeedback, sessions, teams, users } from '#db/schema.ts';
import { attemptsOf, completionsOf, earlierCompletionsOf, lessonRecords } from '#lib/progress/progress.ts';

export interface PersonalData {
  exportedAt: string;
  account: Record<string, unknown>;
  sessions: { createdAt: string; lastVerifiedAt: string }[];
  lessons: Record<string, unknown>[];
  knowledgeChecks: Record<string, unknown>[];
  certificates: Record<string, unknown>[];
  lessonFeedback: { lessonId: string; helpful: boolean; comment: string | null; updatedAt: string }[];
  auditLog: Record<string, unknown>[];
}

/** The whole record for `userId`, shaped for people to read. */
export async function personalData(db: Db, userId: number, now = new Date()): Promise<PersonalData | null> {
  const account = (
    await db
      .select({
        name: users.name,
        email: users.email,
        role: users.role,
        managerScope: users.managerScope,
        active: users.active,
        createdAt: users.createdAt,
        lastLoginAt: users.lastLoginAt,
        agency: agencies.name,
        team: teams.name,
      })
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .leftJoin(teams, eq(teams.id, users.teamId))
      .where(eq(users.id, userId))
      .limit(1)
  )[0];
  if (!account) return null;
  const records = await lessonRecords(db, userId);
  return {
    exportedAt: now.toISOString(),
    account,
    sessions: await db
      .select({ createdAt: sessions.createdAt, lastVerifiedAt: sessions.lastVerifiedAt })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    lessons: [...records].map(([lessonId, r]) => ({ lessonId, ...r })),
    knowledgeChecks: (await attemptsOf(db, userId)).map((a) => ({
      lessonId: a.lessonId,
      revision: a.revision,
      attemptedAt: a.attemptedAt,
      answers: JSON.parse(a.answers) as unknown,
      right: a.right,
      total: a.total,
      passed: a.passed,
    })),
    certificates: [
      ...(await completionsOf(db, userId)).map((c) => ({
        courseId: c.courseId,
        completedAt: c.completedAt,
        courseRevision: c.courseRevision,
        verificationCode: c.certificateCode,
      })),
      ...(await earlierCompletionsOf(db, userId)).map((c) => ({
        courseId: c.courseId,
        completedAt: c.completedAt,
        courseRevision: c.courseRevision,
        verificationCode: c.certificateCode,
        replacedByRenewalAt: c.replacedAt,
      })),
    ],
    lessonFeedback: await db
      .select({
        lessonId: lessonFeedback.lessonId,
        helpful: lessonFeedback.helpful,
        comment: lessonFeedback.comment,
        updatedAt: lessonFeedback.updatedAt,
      })
      .from(lessonFeedback)
      .where(eq(lessonFeedback.userId, userId)),
    auditLog: await db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        outcome: auditLog.outcome,
      })
      .from(auditLog)
      .where(
        or(eq(auditLog.actorId, userId), and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, String(userId)))),
      ),
  };
}
