/**
 * Opening a SQLite database through Drizzle: the pragmas every connection
 * needs, the version floor, and the migrations. db/client.ts is the facade
 * the rest of the code uses.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as runMigrations } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '#db/schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Oldest SQLite accepted: 3.51.3 fixes a WAL-reset bug that can corrupt databases. */
export const MIN_SQLITE = [3, 51, 3] as const;

/** With background checkpoints, a commit still checkpoints itself past this many WAL pages (about 80 MB). */
const BACKGROUND_SAFETY_NET_PAGES = 20_000;

const besideThisFile = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
// Bundled into dist/server/chunks this file no longer sits beside migrations/: use the project's db/migrations then.
const migrationsFolder = existsSync(join(besideThisFile, 'meta', '_journal.json'))
  ? besideThisFile
  : resolve('db/migrations');

/** True when `version` ("3.54.1") is at least MIN_SQLITE. */
export function sqliteVersionOk(version: string): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < MIN_SQLITE.length; i++) {
    const have = parts[i] ?? 0;
    if (have !== MIN_SQLITE[i]) return have > MIN_SQLITE[i];
  }
  return true;
}

/** Opens a database file (or ":memory:") with the pragmas every connection needs; `options` go to better-sqlite3 (benchmarks count statements with `verbose`). */
export function openDatabase(path: string, options?: Database.Options): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const client = new Database(path, options);
  const version = (client.prepare('select sqlite_version() as v').get() as { v: string }).v;
  if (!sqliteVersionOk(version)) {
    client.close();
    throw new Error(
      `SQLite ${version} är för gammal: minst ${MIN_SQLITE.join('.')} krävs (WAL-reset-felet). Uppdatera better-sqlite3.`,
    );
  }
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MB: smaller than the pages every request reads (sessions and
  // users of thousands of signed-in participants), so each lookup went back to the file. 64 MB is a
  // ceiling, not an allocation.
  client.pragma('cache_size = -65536');
  // FULL: a completion a participant saw acknowledged must survive a power cut, not only a crash.
  // The write queue's batches commit with NORMAL and fdatasync the log themselves, off the event
  // loop, before anyone is told (db/sqlite/write-queue.ts): the same promise, without the wait.
  client.pragma('synchronous = FULL');
  // The server checkpoints from a background thread (db/sqlite/checkpointer.ts); then a
  // commit checkpoints by itself only if the log has grown far beyond SQLite's default 1,000 pages.
  if (process.env.WAL_CHECKPOINT === 'background') client.pragma(`wal_autocheckpoint = ${BACKGROUND_SAFETY_NET_PAGES}`);
  return drizzle({ client, schema }) as Db;
}

/** Applies every pending migration in db/migrations. */
export function migrate(db: Db): void {
  runMigrations(db, { migrationsFolder });
}
