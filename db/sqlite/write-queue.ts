/**
 * Group commit for SQLite writes.
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
 * Jobs are async functions, so the same feature code runs on an async
 * driver (db/tx.ts). better-sqlite3 answers synchronously, so a job that
 * awaits only database calls settles within the turn it started in and no
 * other request's statements can land inside the open transaction. A job
 * that awaits anything else (a hash, a fetch) is refused: it is rolled back
 * at the end of the turn and rejects with an error naming the rule.
 *
 * Lifecycle: one queue per connection (perConnection), created on first use;
 * a batch holds at most MAX_BATCH jobs so one turn never runs long, and one
 * batch runs at a time.
 */
import type { Db } from '#db/client.ts';
import { perConnection } from '#db/per-connection.ts';

interface Job {
  work: (db: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Enough to share one fsync among a burst of requests, small enough to keep a turn short. */
const MAX_BATCH = 256;

interface Queue {
  pending: Job[];
  running: boolean;
}

const queues = perConnection((): Queue => ({ pending: [], running: false }));

/** The transaction statements, prepared once per connection. */
const control = perConnection((db: Db) => {
  const c = db.$client;
  return {
    begin: c.prepare('begin immediate'),
    commit: c.prepare('commit'),
    rollback: c.prepare('rollback'),
    savepoint: c.prepare('savepoint job'),
    release: c.prepare('release job'),
    rollbackTo: c.prepare('rollback to job'),
  };
});

/** Rejects when `promise` has not settled by the end of this turn of the event loop. */
function withinTurn<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const late = setImmediate(() =>
      reject(new Error('En skrivning väntade på något annat än databasen inne i en transaktion (db/tx.ts).')),
    );
    promise.then(
      (value) => {
        clearImmediate(late);
        resolve(value);
      },
      (error: unknown) => {
        clearImmediate(late);
        reject(error);
      },
    );
  });
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function runJob(db: Db, job: Job): Promise<Outcome> {
  const s = control(db);
  s.savepoint.run();
  try {
    const value = await withinTurn(job.work(db));
    s.release.run();
    return { ok: true, value };
  } catch (error) {
    s.rollbackTo.run();
    s.release.run();
    return { ok: false, error };
  }
}

async function runBatch(db: Db, jobs: Job[]): Promise<void> {
  const s = control(db);
  const outcomes: Outcome[] = [];
  try {
    s.begin.run();
    for (const job of jobs) outcomes.push(await runJob(db, job));
    s.commit.run();
  } catch (error) {
    // BEGIN or COMMIT failed (busy past the timeout, disk full): nothing of this batch is stored.
    if (db.$client.inTransaction) s.rollback.run();
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}

async function flush(db: Db): Promise<void> {
  const queue = queues(db);
  if (queue.running) return;
  const batch = queue.pending.splice(0, MAX_BATCH);
  if (batch.length === 0) return;
  queue.running = true;
  try {
    await runBatch(db, batch);
  } finally {
    queue.running = false;
    if (queue.pending.length > 0) setImmediate(flush, db);
  }
}

/**
 * Runs `work` inside a committed write transaction, batched with the other
 * writes of this turn (`work` gets the connection, inside the batch's
 * savepoint while it runs). Resolves with its result once the commit is
 * durable. `work` may await only database calls.
 */
export function queueWrite<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  const queue = queues(db);
  return new Promise<T>((resolve, reject) => {
    queue.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (queue.pending.length === 1 && !queue.running) setImmediate(flush, db);
  });
}
