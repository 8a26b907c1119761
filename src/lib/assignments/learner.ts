/** The signed-in learner's required courses, for "Obligatoriska kurser". */
import type { Db } from '#db/client.ts';
import type { SessionUser } from '#lib/auth/session.ts';
import { utcDay } from './compliance.ts';
import { complianceRows } from './compliance-rows.ts';
import { requiredCourses, type RequiredItem } from './required-courses.ts';

/** Every assignment reaching `user` now, shaped for the block (one query). */
export async function requiredFor(
  db: Db,
  user: Pick<SessionUser, 'id' | 'agencyId'>,
  titles: ReadonlyMap<string, string>,
  now = new Date(),
): Promise<RequiredItem[]> {
  const today = utcDay(now);
  const rows = await complianceRows(db, { agencyId: user.agencyId, userId: user.id }, new Set(titles.keys()), today);
  return requiredCourses(rows, titles, today);
}
