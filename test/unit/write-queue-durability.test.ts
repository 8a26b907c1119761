import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { fileDb } from '../helpers/db.ts';

/** The log syncs the write queue asked for, each released by the test when it chooses. */
const syncs: { fd: number; release: () => void }[] = [];

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) =>
    syncs.push({ fd, release: () => fs.fdatasync(fd, done) });
  return { ...fs, default: { ...fs, fdatasync }, fdatasync };
});

const { closeLogFile, queueWrite } = await import('#db/sqlite/write-queue.ts');
const { fstatSync } = await import('node:fs');

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  syncs.length = 0;
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('queueWrite durability', () => {
  it('acknowledges a batch only after its write-ahead log is synced, off the event loop', async () => {
    const file = fileDb();
    cleanup = file.cleanup;
    file.db.$client.exec('create table notes (id integer primary key, text text not null)');
    let acknowledged = false;
    const write = queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values ('a')`)).then(() => {
      acknowledged = true;
    });
    await tick();
    // Committed (another statement sees it) and the sync asked for, but nobody told yet.
    expect(file.db.$client.prepare('select count(*) as n from notes').get()).toEqual({ n: 1 });
    expect(syncs).toHaveLength(1);
    expect(acknowledged).toBe(false);
    syncs[0].release();
    await write;
    expect(acknowledged).toBe(true);
  });

  it('runs the writes that arrive during a sync as the next batch, after it', async () => {
    const file = fileDb();
    cleanup = file.cleanup;
    file.db.$client.exec('create table notes (id integer primary key, text text not null)');
    const count = () => file.db.$client.prepare('select count(*) as n from notes').get();
    const first = queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values ('a')`));
    await tick();
    let laterDone = 0;
    const later = ['b', 'c'].map((text) =>
      queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values (${text})`)).then(() => {
        laterDone++;
      }),
    );
    await tick();
    // The first batch waits for its sync; the two later writes wait for it, uncommitted.
    expect(count()).toEqual({ n: 1 });
    expect(syncs).toHaveLength(1);
    syncs[0].release();
    await first;
    await tick();
    // Then both commit in one batch and share one sync; neither is acknowledged before it.
    expect(count()).toEqual({ n: 3 });
    expect(syncs).toHaveLength(2);
    expect(laterDone).toBe(0);
    syncs[1].release();
    await Promise.all(later);
    expect(laterDone).toBe(2);
    // One log file, opened once and kept for the connection's syncs, closed with it.
    expect(syncs[1].fd).toBe(syncs[0].fd);
    closeLogFile(file.db);
    expect(() => fstatSync(syncs[0].fd)).toThrow();
  });

  it('leaves every other write of the connection at synchronous = FULL', async () => {
    const file = fileDb();
    cleanup = file.cleanup;
    file.db.$client.exec('create table notes (id integer primary key, text text not null)');
    const write = queueWrite(file.db, async (db) => db.run(sql`insert into notes (text) values ('a')`));
    await tick();
    expect(file.db.$client.pragma('synchronous', { simple: true })).toBe(2);
    syncs[0].release();
    await write;
  });
});
