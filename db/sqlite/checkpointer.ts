/**
 * WAL checkpoints off the request thread.
 *
 * SQLite copies the write-ahead log back into the database file when a
 * commit finds the log longer than `wal_autocheckpoint` pages, inside that
 * commit: the request that happens to trigger it waits for thousands of page
 * writes and an fsync, and so does every request behind it on the event
 * loop. The server instead checkpoints from a worker thread with its own
 * connection (PASSIVE: it never blocks writers or readers), and its request
 * connections checkpoint by themselves only as a safety net far beyond that
 * (db/client.ts, WAL_CHECKPOINT=background).
 *
 * Lifecycle: `startCheckpointer(path)` once per server process; the worker
 * is unref'd, so it never keeps the process alive, and `stop` ends it.
 */
import { Worker } from 'node:worker_threads';
import { logEvent } from '#lib/audit/log.ts';

/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 250;

/**
 * Starts background checkpoints for `databasePath`. Call it before the
 * process opens the database: it tells db/client.ts (WAL_CHECKPOINT) to
 * leave checkpoints to the worker.
 */
export function startCheckpointer(
  databasePath: string,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): { stop: () => Promise<void> } {
  process.env.WAL_CHECKPOINT = 'background';
  const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), {
    workerData: { databasePath, intervalMs },
  });
  worker.on('error', (error: Error) => logEvent('checkpoint.failed', { message: error.message }));
  worker.unref();
  return { stop: async () => void (await worker.terminate()) };
}
