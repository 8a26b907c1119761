/**
 * The database facade: the one module the rest of the code opens a
 * database through. Engine-specific code lives below it (db/sqlite/,
 * db/postgres/); feature code sees `Db`, awaits every query, and writes
 * through db/tx.ts and raw SQL through db/sql.ts.
 *
 * Engine by configuration: DATABASE_URL=postgres://… runs on PostgreSQL
 * (migrations db/migrations-pg, applied before the first query); without it
 * SQLite at DATABASE_PATH (default data/kompetensnav.db).
 *
 * `Db` is the Drizzle query builder typed for the SQLite schema (db/schema.ts),
 * the interface feature code is written against. On PostgreSQL the handle is
 * Drizzle's node-postgres database: it builds PostgreSQL SQL from the same
 * table objects (db/postgres/schema.ts mirrors them for migrations), and
 * awaited queries answer the same rows. What differs between engines lives
 * in db/ only (tx.ts, sql.ts and the dialect texts passed to rawAll).
 *
 * Lifecycle: `getDb()` gives the process-wide handle, opened on first use;
 * `prepareDatabase()` (start-up) waits until it is migrated and reachable.
 * Tests open their own (test/helpers/db.ts) and close them with `closeDatabase`.
 */
import { migrate, openDatabase, type Db } from '#db/sqlite/open.ts';
import { closeLogFile } from '#db/sqlite/write-queue.ts';
import { isPostgresUrl, migratePostgres, openPostgres, PgRouter } from '#db/postgres/open.ts';

export { MIN_SQLITE, migrate, openDatabase, sqliteVersionOk, type Db } from '#db/sqlite/open.ts';

const DEFAULT_DATABASE_PATH = 'data/kompetensnav.db';

export type Engine = 'sqlite' | 'postgres';

/** The configured engine: PostgreSQL when DATABASE_URL is a postgres:// URL. */
export function configuredEngine(): Engine {
  return isPostgresUrl(process.env.DATABASE_URL) ? 'postgres' : 'sqlite';
}

/** The engine behind a handle. */
export function engineOf(db: Db): Engine {
  return (db.$client as unknown) instanceof PgRouter ? 'postgres' : 'sqlite';
}

/** The server's database file: DATABASE_PATH, or data/kompetensnav.db. */
export function databasePath(): string {
  return process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
}

/** Where the data lives, for start-up lines: the file, or the PostgreSQL URL without its password. */
export function databaseLabel(): string {
  if (configuredEngine() === 'sqlite') return databasePath();
  const url = new URL(process.env.DATABASE_URL as string);
  url.password = url.password ? '***' : '';
  return `PostgreSQL ${url.toString()}`;
}

/** A PostgreSQL handle for `url`, migrated before its first query. */
export function openPostgresDatabase(url: string, options: { max?: number } = {}): Db {
  return openPostgres(url, { ...options, before: () => migratePostgres(url) }) as unknown as Db;
}

let shared: Db | null = null;

/** The process-wide handle (DATABASE_URL or DATABASE_PATH), opened and migrated on first use. */
export function getDb(): Db {
  if (!shared) {
    const url = process.env.DATABASE_URL;
    if (isPostgresUrl(url)) {
      shared = openPostgresDatabase(url);
    } else {
      const db = openDatabase(databasePath());
      migrate(db);
      shared = db;
    }
  }
  return shared;
}

/**
 * Start-up: the shared handle once it is migrated and answers. On PostgreSQL
 * a wrong URL or an unreachable server rejects with one Swedish line.
 */
export async function prepareDatabase(): Promise<Db> {
  const db = getDb();
  if (engineOf(db) === 'postgres') {
    const router = db.$client as unknown as PgRouter;
    try {
      await router.ready;
      await router.query('select 1');
    } catch (error) {
      throw new Error(`Kan inte använda databasen i DATABASE_URL (${databaseLabel()}): ${describe(error)}`, {
        cause: error,
      });
    }
  }
  return db;
}

/** Connection-level failures (server down, restarting, unreachable): the request may succeed later. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when `error` (or its cause) says the database cannot be reached right now: answer 503, not 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
        e.message ?? '',
      )
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The Swedish answer to a request made while the database is away. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'Kompetensnav är tillfälligt otillgänglig: databasen svarar inte. Försök igen om en liten stund.';

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'servern svarar inte';
  if (e.code === 'ENOTFOUND') return 'värden finns inte';
  if (e.code === '3D000') return 'databasen finns inte';
  if (e.code === '28P01' || e.code === '28000') return 'inloggningen nekades';
  return e.message ?? String(error);
}

/** Closes a handle (tests, CLI tools, benchmarks); on PostgreSQL resolves when the pool has ended. */
export async function closeDatabase(db: Db): Promise<void> {
  if (db === shared) shared = null;
  if (engineOf(db) === 'postgres') await (db.$client as unknown as PgRouter).close();
  else {
    closeLogFile(db);
    db.$client.close();
  }
}
