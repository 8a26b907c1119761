import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fileDb } from '../helpers/db.ts';
import { queueWrite } from '#db/sqlite/write-queue.ts';

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

function setup() {
  const file = fileDb();
  cleanup = file.cleanup;
  file.db.$client.exec('create table notes (id integer primary key, text text not null unique)');
  return file;
}

const count = (file: ReturnType<typeof setup>) =>
  (file.db.$client.prepare('select count(*) as n from notes').get() as { n: number }).n;

describe('queueWrite (group commit)', () => {
  it('commits the writes of one turn in one transaction, and each promise resolves with its own result', async () => {
    const file = setup();
    file.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queueWrite(
          file.db,
          async (db) => (await db.run(sql`insert into notes (text) values (${`note ${i}`})`)).lastInsertRowid,
        ),
      ),
    );
    expect(results.map(Number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(count(file)).toBe(20);
    // Each commit appends at least one page frame to the WAL: 20 transactions would leave 20 or more.
    const [wal] = file.db.$client.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(wal.log).toBeLessThan(5);
  });

  it('rolls back and rejects only the job that throws; the rest of the batch commits', async () => {
    const file = setup();
    const jobs = [
      queueWrite(file.db, async (db) => (await db.run(sql`insert into notes (text) values ('a')`)).changes),
      queueWrite(file.db, async (db) => {
        await db.run(sql`insert into notes (text) values ('b')`);
        // Violates UNIQUE after a successful write: both writes of this job must go.
        return (await db.run(sql`insert into notes (text) values ('a')`)).changes;
      }),
      queueWrite(file.db, async (db) => (await db.run(sql`insert into notes (text) values ('c')`)).changes),
    ];
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason.cause)).toMatch(/UNIQUE/);
    expect(file.db.$client.prepare('select text from notes order by text').all()).toEqual([
      { text: 'a' },
      { text: 'c' },
    ]);
  });

  it('resolves only after the commit: another connection already sees the row', async () => {
    const file = setup();
    await queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values ('durable')`));
    const { openDatabase } = await import('#db/client.ts');
    const other = openDatabase(file.path);
    expect(other.$client.prepare('select text from notes').all()).toEqual([{ text: 'durable' }]);
    other.$client.close();
  });

  it('rejects every job of a batch whose transaction cannot start, and writes nothing', async () => {
    const file = setup();
    const { openDatabase } = await import('#db/client.ts');
    const other = openDatabase(file.path);
    other.$client.pragma('busy_timeout = 0');
    file.db.$client.pragma('busy_timeout = 0');
    other.$client.exec('begin immediate');
    const settled = await Promise.allSettled(
      [1, 2].map((i) => queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values (${String(i)})`))),
    );
    other.$client.exec('rollback');
    other.$client.close();
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(count(file)).toBe(0);
  });

  it('splits a very large burst into several batches without losing a write', async () => {
    const file = setup();
    await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values (${`n${i}`})`)),
      ),
    );
    expect(count(file)).toBe(600);
  });

  it('refuses a job that awaits something other than the database, rolls it back, and commits the rest', async () => {
    const file = setup();
    const settled = await Promise.allSettled([
      queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values ('before')`)),
      queueWrite(file.db, async (db) => {
        await db.run(sql`insert into notes (text) values ('slow')`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
      queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values ('after')`)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/något annat än databasen/);
    expect(file.db.$client.prepare('select text from notes order by text').all()).toEqual([
      { text: 'after' },
      { text: 'before' },
    ]);
  });
});
