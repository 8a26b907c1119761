/**
 * A fresh database for a test: in memory (default) or in a temporary file
 * (for tests that need several connections or processes), migrated by the
 * real migrations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Db } from '#db/client.ts';

/** A migrated `:memory:` database. */
export function memoryDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

/** A migrated database file in a new temporary folder; `cleanup` removes both. */
export function fileDb(): { db: Db; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kompetensnav-test-'));
  const path = join(dir, 'test.db');
  const db = openDatabase(path);
  migrate(db);
  return {
    db,
    path,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
