/**
 * `npm run db:copy-to-postgres` is complete: every row of every table of a
 * seeded SQLite database (accounts, sessions, demo progress of the real
 * catalogue, attempts, feedback, mail, audit, rate-limit buckets, a quiz draw,
 * an assignment, a reminder choice, a job lease) arrives in PostgreSQL unchanged, and the summaries equal those SQLite kept.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Db } from '#db/client.ts';
import { copyToPostgres, COPIED_TABLES } from '#db/postgres/copy.ts';
import { createSession } from '#lib/auth/session.ts';
import { seedDemoProgress } from '#lib/demo/demo-progress.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { saveFeedback } from '#lib/progress/feedback.ts';
import { queueMail } from '#lib/mail/outbox.ts';
import { loginByIp } from '#lib/auth/rate-limit.ts';
import { transaction } from '#db/tx.ts';
import { assignments, jobLeases, quizDraws, reminderSettings } from '#db/schema.ts';
import { audit } from '#lib/audit/audit-log.ts';
import type { PgRouter } from '#db/postgres/open.ts';
import { fileDb, postgresDb, rows } from '../helpers/db.ts';
import { seedAccounts } from '../helpers/accounts.ts';

/** A table's rows in a comparable form: booleans as 0/1, bytes as hex, in a fixed order. */
async function dump(db: Db, table: string): Promise<string[]> {
  const all = await rows(db, `select * from ${table}`);
  return all
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            typeof v === 'boolean' ? Number(v) : Buffer.isBuffer(v) ? v.toString('hex') : v,
          ]),
        ),
      ),
    )
    .sort();
}

describe('db:copy-to-postgres', () => {
  it('copies every row of every table, and PostgreSQL rebuilds the same summaries', async () => {
    const source = fileDb();
    const f = await seedAccounts(source.db);
    await createSession(source.db, f.users.learnerA.id);
    const { lessons } = await seedDemoProgress(source.db, catalogFromFiles(process.cwd()), new Date());
    expect(lessons).toBeGreaterThan(0);
    await saveFeedback(
      source.db,
      f.users.learnerA,
      { courseId: 'k', lessonId: 'k/a', revision: 1, hasQuiz: false },
      { hjalpte: 'ja', kommentar: 'Bra' },
    );
    await transaction(source.db, (tx) => queueMail(tx, { to: 'a@b.se', subject: 'Hej', text: 'Text', kind: 'test' }));
    await audit(source.db, { action: 'test', outcome: 'ok' });
    await loginByIp.consume(source.db, '192.0.2.1');
    // What landed after the series' base: a drawn check, an assignment, a reminder choice, a job lease.
    const at = '2026-11-30T08:00:00.000Z';
    await source.db.insert(quizDraws).values({
      id: 'draw-1',
      userId: f.users.learnerA.id,
      courseId: 'k',
      lessonId: 'k/a',
      revision: 1,
      questions: '[[0,[1,0,2]]]',
      createdAt: at,
    });
    await source.db.insert(assignments).values({
      agencyId: f.agencyA,
      targetType: 'team',
      targetTeamId: f.teamA1,
      courseIds: '["k","m"]',
      dueDate: '2027-01-31',
      recurrenceMonths: 12,
      createdBy: f.users.teamManagerA.id,
    });
    await source.db.insert(reminderSettings).values({ userId: f.users.learnerA.id, optionalOff: true });
    await source.db.insert(jobLeases).values({ name: 'reminders', holder: 'p1', leaseUntil: at, nextRunAt: at });

    const { db: target, url } = postgresDb();
    await (target.$client as unknown as PgRouter).ready;
    const copied = await copyToPostgres(source.path, url, () => {});
    for (const table of [...COPIED_TABLES, 'course_progress_summary', 'agency_daily_completions']) {
      const want = await dump(source.db, table);
      expect(await dump(target, table), table).toEqual(want);
      if (table in copied) expect(copied[table]).toBe(want.length);
    }
    for (const table of ['quiz_draws', 'assignments', 'reminder_settings', 'job_leases'])
      expect(copied[table], table).toBe(1);
    // New rows continue after the copied ids.
    await rows(target, "insert into agencies (name, code) values ('Ny', 'NY')");
    await rows(
      target,
      `insert into assignments (agency_id, target_type, course_ids, due_date) values (${f.agencyA}, 'agency', '["k"]', '2027-02-01')`,
    );
    source.cleanup();
  });

  it('refuses a database that is not empty, and a non-PostgreSQL DATABASE_URL, with a Swedish line', async () => {
    const source = fileDb();
    await seedAccounts(source.db);
    const { db: target, url } = postgresDb();
    await seedAccounts(target);
    await expect(copyToPostgres(source.path, url, () => {})).rejects.toThrow(/inte tom/);
    const run = promisify(execFile);
    const failed = await run(process.execPath, ['src/cli/copy-to-postgres.ts'], {
      env: { ...process.env, DATABASE_URL: 'file:x.db', DATABASE_PATH: source.path },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/DATABASE_URL=postgres/) });
    source.cleanup();
  });
});
