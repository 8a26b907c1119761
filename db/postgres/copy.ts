/**
 * Moving to PostgreSQL (`npm run db:copy-to-postgres`, src/cli/copy-to-postgres.ts): copies the SQLite database at DATABASE_PATH
 * (default data/kompetensnav.db) into the PostgreSQL database at
 * DATABASE_URL, which must be empty (it is migrated first). Everything is
 * copied in one transaction, in foreign-key order, ids kept (sequences moved
 * past them); the report summaries are rebuilt by PostgreSQL's triggers as
 * lesson rows arrive. Afterwards every table's row count is compared and the
 * summaries checked against a recount; any difference exits 1.
 *
 * Stop the app servers (or make the SQLite file read-only) while copying.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { migratePostgres } from '#db/postgres/open.ts';

/** Copied tables, parents first. The two summary tables are not copied: the triggers make them. */
export const COPIED_TABLES = [
  'agencies',
  'teams',
  'users',
  'sessions',
  'password_resets',
  'audit_log',
  'lesson_progress',
  'quiz_attempts',
  'course_completions',
  'earlier_completions',
  'lesson_feedback',
  'mail_outbox',
  'quiz_draws',
  'assignments',
  'reminder_settings',
  'job_leases',
  'rate_limit_buckets',
  'user_totp',
  'recovery_codes',
  'pending_logins',
  'session_devices',
  'agency_sso',
  'sso_states',
  'sso_sessions',
] as const;
const BOOLEAN_COLUMNS = new Set(['active', 'passed', 'helpful', 'last_allowed', 'optional_off']);
/** Tables whose `id` is text (no sequence to move). */
const TEXT_IDS = new Set(['sessions', 'password_resets', 'quiz_draws', 'pending_logins']);
const BATCH = 500;

export async function copyToPostgres(
  sqlitePath: string,
  url: string,
  log = console.log,
): Promise<Record<string, number>> {
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  await migratePostgres(url);
  const target = new pg.Client({ connectionString: url });
  await target.connect();
  const copied: Record<string, number> = {};
  try {
    const existing = await target.query('select (select count(*) from users) + (select count(*) from agencies) as n');
    if (Number(existing.rows[0].n) > 0)
      throw new Error('PostgreSQL-databasen är inte tom: kopiera bara till en ny databas.');
    await target.query('begin');
    for (const table of COPIED_TABLES) {
      const columns = (source.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      const quoted = columns.map((c) => `"${c}"`).join(', ');
      let count = 0;
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch
          .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
          .join(', ');
        await target.query(`insert into "${table}" (${quoted}) values ${values}`, batch.flat());
        count += batch.length;
        batch = [];
      };
      for (const row of source.prepare(`select ${quoted} from "${table}"`).iterate() as Iterable<
        Record<string, unknown>
      >) {
        batch.push(columns.map((c) => (BOOLEAN_COLUMNS.has(c) && row[c] !== null ? row[c] === 1 : row[c])));
        if (batch.length === BATCH) await flush();
      }
      await flush();
      if (columns.includes('id') && !TEXT_IDS.has(table))
        await target.query(
          `select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((select max(id) from "${table}"), 0) + 1, false)`,
        );
      copied[table] = count;
      log(`${table}: ${count} rader`);
    }
    await target.query('commit');
    await verify(source, target, copied);
    return copied;
  } catch (error) {
    await target.query('rollback').catch(() => {});
    throw error;
  } finally {
    source.close();
    await target.end();
  }
}

const RECOUNT = `select agency_id, user_id, course_id, count(*) as s, count(completed_at) as c, max(last_visited_at) as l
  from lesson_progress group by 1, 2, 3 except
  select agency_id, user_id, course_id, lessons_started, lessons_completed, last_activity_at from course_progress_summary`;

async function verify(source: Database.Database, target: pg.Client, copied: Record<string, number>): Promise<void> {
  for (const table of [...COPIED_TABLES, 'course_progress_summary', 'agency_daily_completions']) {
    const want = (source.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    const have = Number((await target.query(`select count(*) as n from "${table}"`)).rows[0].n);
    if (want !== have || (table in copied && copied[table] !== want))
      throw new Error(`Kopian är ofullständig: ${table} har ${have} rader i PostgreSQL men ${want} i SQLite.`);
  }
  const off = await target.query(RECOUNT);
  if (off.rowCount)
    throw new Error(`Sammanställningarna stämmer inte med lektionsraderna (${off.rowCount} skillnader).`);
}
