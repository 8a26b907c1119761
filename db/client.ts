/**
 * The database facade: the one module the rest of the code opens a
 * database through. Engine-specific code lives below it (db/sqlite/);
 * feature code sees `Db`, awaits every query, and writes through
 * db/tx.ts and raw SQL through db/sql.ts.
 *
 * Lifecycle: `getDb()` gives the process-wide connection for DATABASE_PATH
 * (default data/kompetensnav.db), opened and migrated on first use; tests
 * open their own with `openDatabase(':memory:')` + `migrate`, and close
 * them with `closeDatabase`.
 */
import { migrate, openDatabase, type Db } from '#db/sqlite/open.ts';

export { MIN_SQLITE, migrate, openDatabase, sqliteVersionOk, type Db } from '#db/sqlite/open.ts';

const DEFAULT_DATABASE_PATH = 'data/kompetensnav.db';

/** The server's database file: DATABASE_PATH, or data/kompetensnav.db. */
export function databasePath(): string {
  return process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
}

let shared: Db | null = null;

/** The process-wide connection for DATABASE_PATH, opened and migrated on first use. */
export function getDb(): Db {
  if (!shared) {
    const db = openDatabase(databasePath());
    migrate(db);
    shared = db;
  }
  return shared;
}

/** Closes a connection (tests, CLI tools, benchmarks). */
export function closeDatabase(db: Db): void {
  db.$client.close();
  if (db === shared) shared = null;
}
