/**
 * A fresh database for a test, migrated by the real migrations.
 *
 * SQLite (default): in memory, or in a temporary file for tests that need
 * several connections or processes.
 *
 * PostgreSQL (TEST_DATABASE=postgres, the `npm run test:pg` suite): a new
 * database per `memoryDb()` on the running server (TEST_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), cloned from a template that
 * the real db/migrations-pg migrated (one per set of migrations), dropped
 * after the file's tests. No server: the first query fails loudly, never a skip.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { migrate, openDatabase, type Db } from '#db/client.ts';
import { closeLogFile } from '#db/sqlite/write-queue.ts';
import { rawAll } from '#db/sql.ts';
import { migratePostgres, openPostgres, PgRouter } from '#db/postgres/open.ts';

export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/** The server the PostgreSQL tests use (its maintenance database). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let template: Promise<string> | null = null;

/** The migrated template database for the current migrations (made once per server and migration set). */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = 'db/migrations-pg';
    const hash = createHash('sha256');
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.sql')) hash.update(readFileSync(join(dir, f)));
    const name = `kn_template_${hash.digest('hex').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `PostgreSQL-testerna behöver en server på ${TEST_POSTGRES_URL} (sätt TEST_POSTGRES_URL, eller starta en: se README "PostgreSQL"): ${(error as Error).message}`,
        { cause: error },
      );
    }
    try {
      await admin.query('select pg_advisory_lock(4151501)');
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) {
        await admin.query(`drop database if exists ${name}_wip with (force)`);
        await admin.query(`create database ${name}_wip`);
        await migratePostgres(withDatabase(TEST_POSTGRES_URL, `${name}_wip`));
        await admin.query(`alter database ${name}_wip rename to ${name}`);
      }
    } finally {
      await admin.query('select pg_advisory_unlock(4151501)').catch(() => {});
      await admin.end();
    }
    return name;
  })();
  return template;
}

const made: { name: string; router: PgRouter }[] = [];
let counter = 0;

if (TEST_ENGINE === 'postgres') {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    for (const { name, router } of made.splice(0)) {
      await router.close().catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`);
    }
    await admin.end();
  });
}

/** A new, migrated PostgreSQL database on the test server; dropped after the file's tests. */
export function postgresDb(options: { max?: number } = {}): { db: Db; url: string } {
  const name = `kn_test_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  const url = withDatabase(TEST_POSTGRES_URL, name);
  const db = openPostgres(url, {
    ...options,
    before: async () => {
      const tpl = await migratedTemplate();
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      try {
        await admin.query(`create database ${name} template ${tpl}`);
      } finally {
        await admin.end();
      }
    },
  }) as unknown as Db;
  made.push({ name, router: db.$client as unknown as PgRouter });
  return { db, url };
}

/** A migrated `:memory:` database (on PostgreSQL: a fresh database). */
export function memoryDb(): Db {
  if (TEST_ENGINE === 'postgres') return postgresDb().db;
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

/** Every row of a read-only query, on either engine (portable SQL, no parameters). */
export function rows<T = Record<string, unknown>>(db: Db, text: string): Promise<T[]> {
  return rawAll<T>(db, text, []);
}

/** The first row of a read-only query, on either engine. */
export async function row<T = Record<string, unknown>>(db: Db, text: string): Promise<T | undefined> {
  return (await rows<T>(db, text))[0];
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
      closeLogFile(db);
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
