/**
 * PostgreSQL at READ COMMITTED with several writer processes: the
 * trigger-kept report summaries equal a recount of lesson_progress after
 * concurrent visits and completions of the same participants and lessons,
 * and nothing is lost (each process's acknowledged writes are all there).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { lessonProgress, users } from '#db/schema.ts';
import { postgresDb, rows } from '../helpers/db.ts';
import { seedAccounts } from '../helpers/accounts.ts';

const run = promisify(execFile);

const SUMMARY =
  'select agency_id, user_id, course_id, lessons_started, lessons_completed, last_activity_at from course_progress_summary order by 1, 2, 3';
const SUMMARY_FROM_ROWS = `select agency_id, user_id, course_id, count(*) as lessons_started, count(completed_at) as lessons_completed,
  max(last_visited_at) as last_activity_at from lesson_progress group by 1, 2, 3 order by 1, 2, 3`;
const DAILY = 'select agency_id, day, completions from agency_daily_completions order by 1, 2';
const DAILY_FROM_ROWS = `select agency_id, substr(completed_at, 1, 10) as day, count(*) as completions from lesson_progress
  where completed_at is not null group by 1, 2 order by 1, 2`;

describe('report summaries with concurrent writer processes (PostgreSQL)', () => {
  it('equal a recount after 4 processes × 400 overlapping visits and completions', async () => {
    const { db, url } = postgresDb();
    const f = await seedAccounts(db);
    const ids = (await db.select({ id: users.id }).from(users).where(eq(users.agencyId, f.agencyA))).map((u) => u.id);
    const writers = [1, 2, 3, 4].map((seed) =>
      run(process.execPath, ['test/fixtures/pg/writer.ts', url, String(seed), '400', ...ids.map(String)], {
        env: { ...process.env, AGENCY: String(f.agencyA) },
      }),
    );
    const outputs = await Promise.all(writers);
    expect(outputs.map((o) => JSON.parse(o.stdout).made)).toEqual([400, 400, 400, 400]);
    const summary = await rows(db, SUMMARY);
    expect(summary.length).toBeGreaterThan(5);
    expect(summary).toEqual(await rows(db, SUMMARY_FROM_ROWS));
    expect(await rows(db, DAILY)).toEqual(await rows(db, DAILY_FROM_ROWS));
    // Every (participant, lesson) of the random draws exists once: 5 users × 8 lessons at most.
    const lessonRows = await db.select().from(lessonProgress);
    expect(lessonRows.length).toBeLessThanOrEqual(ids.length * 8);
    expect(new Set(lessonRows.map((r) => `${r.userId} ${r.lessonId}`)).size).toBe(lessonRows.length);
  }, 300_000);
});
