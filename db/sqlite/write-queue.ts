/**
 * Group commit for the progress writes.
 *
 * With `synchronous = FULL` every commit waits for the disk (about 1.7 ms
 * here), so one transaction per request caps the whole server at a few
 * hundred writes a second. Instead, writes that arrive while the event loop
 * is busy are queued and run together in ONE immediate transaction at the
 * next turn of the loop, each inside its own savepoint: a job that throws is
 * rolled back alone and rejects alone, the others commit. Every promise
 * settles only after the shared COMMIT has returned, so an acknowledged
 * write is on disk exactly as before — only the fsync is shared.
 *
 * Lifecycle: one queue per connection (perConnection), created on first use;
 * a batch holds at most MAX_BATCH jobs so one turn never runs long.
 */
import type { Db } from '#db/client.ts';
import { perConnection } from './per-connection.ts';

interface Job {
  work: (db: Db) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Enough to share one fsync among a burst of requests, small enough to keep a turn short. */
const MAX_BATCH = 256;

/** The jobs waiting for the next batch, per connection. */
const pendingJobs = perConnection((): Job[] => []);

/**
 * better-sqlite3's own transaction functions: they cache their BEGIN/COMMIT
 * and SAVEPOINT statements, and a nested call becomes a savepoint. (Drizzle's
 * nested transactions prepare the SAVEPOINT SQL anew on every call, which
 * cost a tenth of the whole write path.)
 */
const runners = perConnection((db) => {
  const one = db.$client.transaction((job: Job) => job.work(db));
  return db.$client.transaction((jobs: Job[]) =>
    jobs.map((job) => {
      try {
        return { ok: true as const, value: one(job) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
});

function runBatch(db: Db, jobs: Job[]): void {
  let outcomes: ReturnType<ReturnType<typeof runners>>;
  try {
    outcomes = runners(db).immediate(jobs);
  } catch (error) {
    // BEGIN or COMMIT failed (busy past the timeout, disk full): nothing of this batch is stored.
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}

function flush(db: Db): void {
  const pending = pendingJobs(db);
  const batch = pending.splice(0, MAX_BATCH);
  if (pending.length > 0) setImmediate(flush, db);
  if (batch.length > 0) runBatch(db, batch);
}

/**
 * Runs `work` inside a committed write transaction, batched with the other
 * writes of this turn (`work` gets the connection, which is inside the batch's
 * savepoint while it runs). Resolves with its result once the commit is durable.
 * `work` must be synchronous (it runs inside SQLite's transaction).
 */
export function queueWrite<T>(db: Db, work: (db: Db) => T): Promise<T> {
  const pending = pendingJobs(db);
  return new Promise<T>((resolve, reject) => {
    pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (pending.length === 1) setImmediate(flush, db);
  });
}
