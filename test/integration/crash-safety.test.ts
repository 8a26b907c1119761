/**
 * Crash safety: a child process records completions and acknowledges each
 * only after commit; it is killed with SIGKILL at random moments, dozens of
 * times. Afterwards the database passes integrity_check and holds every
 * acknowledged completion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileDb } from '../helpers/db.ts';
import { seedAccounts } from '../helpers/accounts.ts';

const KILLS = 30;
let handle: ReturnType<typeof fileDb>;

beforeAll(async () => {
  handle = fileDb();
  await seedAccounts(handle.db);
  handle.db.$client.close();
});
afterAll(() => handle?.cleanup());

function runAndKill(start: number, afterMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['test/fixtures/crash/writer.ts', handle.path, String(start)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    let timer: NodeJS.Timeout | undefined;
    child.stdout.once('data', () => (timer = setTimeout(() => child.kill('SIGKILL'), afterMs)));
    child.on('exit', () => {
      clearTimeout(timer);
      // Only complete lines were acknowledged; a torn last line was not.
      resolve(out.split('\n').filter((l) => /^ACK \d+ krasch\/l\d+$/.test(l)));
    });
  });
}

describe('crash safety', () => {
  // Each round starts a Node process (≈1 s, more on a loaded machine): give the whole test room.
  it(`keeps every acknowledged completion through ${KILLS} SIGKILLs`, { timeout: 300_000 }, async () => {
    const acknowledged = new Set<string>();
    let start = 0;
    for (let i = 0; i < KILLS; i++) {
      const acks = await runAndKill(start, 20 + Math.floor(Math.random() * 120));
      acks.forEach((a) => acknowledged.add(a.slice(4)));
      start += acks.length + 1;
    }
    expect(acknowledged.size).toBeGreaterThan(KILLS);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(handle.path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(
      (
        db.prepare('select user_id, lesson_id from lesson_progress where completed_at is not null').all() as {
          user_id: number;
          lesson_id: string;
        }[]
      ).map((r) => `${r.user_id} ${r.lesson_id}`),
    );
    const missing = [...acknowledged].filter((a) => !stored.has(a));
    db.close();
    expect(missing).toEqual([]);
  });
});
