/**
 * Whether a person is renewing a course now: some recurring assignment that
 * reaches them includes the course, and its renewal window is open (or the
 * completion has expired; compliance.ts `renewalOpen`). The progress write
 * path asks this only when the person already has a completion of the
 * course, so first completions cost nothing extra.
 */
import type { Db } from '#db/client.ts';
import { renewalOpen, utcDay } from './compliance.ts';
import { complianceRows } from './compliance-rows.ts';

/** An open renewal: the completion it replaces, and the time work must be newer than to count. */
export interface OpenRenewal {
  /** The current completion's `completed_at`. */
  replaces: string;
  /** The start of the window (UTC midnight), or the completion if later: lessons and passes before do not count. */
  since: string;
}

/**
 * `who`'s open renewal of `courseId` on `now`, or null. With several
 * recurring assignments of the course, the one whose window opened first.
 */
export async function openRenewal(
  db: Db,
  who: { id: number; agencyId: number },
  courseId: string,
  now: Date,
): Promise<OpenRenewal | null> {
  const today = utcDay(now);
  const rows = await complianceRows(db, { agencyId: who.agencyId, userId: who.id }, new Set([courseId]), today, false);
  const open = rows
    .filter((r) => r.completedAt !== null && renewalOpen(r, today))
    .sort((a, b) => a.renewFrom!.localeCompare(b.renewFrom!))[0];
  if (!open) return null;
  const windowStart = `${open.renewFrom}T00:00:00.000Z`;
  return { replaces: open.completedAt!, since: windowStart > open.completedAt! ? windowStart : open.completedAt! };
}
