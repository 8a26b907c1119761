import { afterEach, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { fileDb } from '../helpers/db.ts';
import { startCheckpointer } from '#db/sqlite/checkpointer.ts';

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  delete process.env.WAL_CHECKPOINT;
});

describe('background checkpointer', () => {
  it('copies the write-ahead log into the database file from its own thread, while commits no longer do', async () => {
    const checkpointer = startCheckpointer(':not-yet:', 50);
    await checkpointer.stop();
    // startCheckpointer switched db/client.ts to background mode: connections opened now leave checkpoints alone.
    expect(process.env.WAL_CHECKPOINT).toBe('background');
    const file = fileDb();
    try {
      expect(file.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
      file.db.$client.exec('create table blobs (id integer primary key, data blob)');
      const insert = file.db.$client.prepare('insert into blobs (data) values (zeroblob(4000))');
      // 3,000 pages in 30 commits: past SQLite's default 1,000-page checkpoint, far below the safety net.
      const hundred = file.db.$client.transaction(() => {
        for (let i = 0; i < 100; i++) insert.run();
      });
      for (let i = 0; i < 30; i++) hundred();
      const before = statSync(file.path).size;
      expect(before).toBeLessThan(1024 * 1024);
      stop = startCheckpointer(file.path, 50).stop;
      await expect.poll(() => statSync(file.path).size, { timeout: 5000, interval: 50 }).toBeGreaterThan(3000 * 4000);
      expect(file.db.$client.prepare('select count(*) as n from blobs').get()).toEqual({ n: 3000 });
      expect(file.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await stop?.();
      stop = null;
      file.cleanup();
    }
  });
});
