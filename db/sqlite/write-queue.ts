/**
 * Group commit for SQLite writes.
 *
 * With `synchronous = FULL` every commit waits for the disk (about 1.3 ms
 * here), so one transaction per request caps the whole server at a few
 * hundred writes a second. Instead, writes that arrive while the event loop
 * is busy are queued and run together in ONE immediate transaction at the
 * next turn of the loop, each inside its own savepoint: a job that throws is
 * rolled back alone and rejects alone, the others commit.
 *
 * Durability: the batch commits with `synchronous = NORMAL` and then syncs
 * the write-ahead log itself with fdatasync on a libuv thread (syncLog), so
 * the event loop serves requests while the disk works instead of blocking
 * for the fsync. Every promise settles only after that sync, so an
 * acknowledged write is on disk exactly as with FULL — only the fsync is
 * shared and off the loop. (A reader may see a batch up to one fsync before
 * it is durable; nobody has been told it is saved until it is.)
 *
 * The next batch starts when the sync has ended, not at the commit: the
 * writes that arrive meanwhile then commit together. Letting batches run
 * during the sync made them smaller (10 jobs instead of 25 in bench:progress)
 * and cost more server time per write than the wait saved.
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
 * batch runs at a time, from BEGIN to the end of its log sync.
 */
import { closeSync, fdatasync, open } from 'node:fs';
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
    // The batch commits without an fsync and syncs the log itself (syncLog); every other write stays FULL.
    syncNormal: c.prepare('pragma synchronous = normal'),
    syncFull: c.prepare('pragma synchronous = full'),
  };
});

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const LATE = 'En skrivning väntade på något annat än databasen inne i en transaktion (db/tx.ts).';

/**
 * Runs the batch's jobs one after the other, each in its own savepoint, and
 * calls `done` with their outcomes. A job settles within this turn when it
 * awaits only the database; ONE timer for the whole batch fires at the end
 * of the turn and fails the job still running (rolled back alone). Callbacks
 * rather than an await per job: this is the hot path of every write.
 */
function runJobs(db: Db, jobs: Job[], done: (outcomes: Outcome[]) => void): void {
  const s = control(db);
  const outcomes: Outcome[] = [];
  let finish: ((outcome: Outcome) => void) | null = null;
  // Re-armed each time it fires, so the jobs after a late one are guarded too.
  const onLate = (): void => {
    timer = setImmediate(onLate);
    finish?.({ ok: false, error: new Error(LATE) });
  };
  let timer = setImmediate(onLate);
  const next = (): void => {
    const job = jobs[outcomes.length];
    if (!job) {
      clearImmediate(timer);
      done(outcomes);
      return;
    }
    s.savepoint.run();
    let settled = false;
    finish = (outcome) => {
      if (settled) return;
      settled = true;
      finish = null;
      if (!outcome.ok) s.rollbackTo.run();
      s.release.run();
      outcomes.push(outcome);
      next();
    };
    const settle = finish;
    let work: Promise<unknown>;
    try {
      work = job.work(db);
    } catch (error) {
      settle({ ok: false, error });
      return;
    }
    work.then(
      (value) => settle({ ok: true, value }),
      (error: unknown) => settle({ ok: false, error }),
    );
  };
  next();
}

/**
 * The connection's write-ahead log file, opened on the first sync and kept:
 * SQLite removes the log only when the last connection to the database
 * closes, and this one stays open while batches run on it, so the file
 * descriptor names the log every batch writes to. One thread-pool round
 * trip per sync instead of three (open, fdatasync, close), each of which
 * waited for the busy event loop. `closeLogFile` (closeDatabase) closes it.
 */
interface LogFile {
  fd: number | null;
  syncing: boolean;
  closing: boolean;
}

const logFiles = perConnection((): LogFile => ({ fd: null, syncing: false, closing: false }));

function closeNow(log: LogFile): void {
  if (log.fd !== null) closeSync(log.fd);
  log.fd = null;
  log.closing = false;
}

/** Closes the log file syncLog keeps open (after the sync in progress, if any). */
export function closeLogFile(db: Db): void {
  const log = logFiles(db);
  if (log.syncing) log.closing = true;
  else closeNow(log);
}

/**
 * Makes what the batch wrote to the write-ahead log durable, off the event
 * loop: fdatasync on the libuv thread pool while the loop goes on serving
 * requests (their reads, and queueing their writes for the next batch),
 * then `done`. An in-memory or temporary database has no log file: nothing
 * to wait for.
 */
function syncLog(db: Db, done: (error: Error | null) => void): void {
  if (db.$client.memory || !db.$client.name) {
    done(null);
    return;
  }
  const log = logFiles(db);
  log.syncing = true;
  const finish = (error: Error | null): void => {
    log.syncing = false;
    if (log.closing) closeNow(log);
    done(error);
  };
  if (log.fd !== null) {
    fdatasync(log.fd, finish);
    return;
  }
  open(`${db.$client.name}-wal`, 'r', (openError, fd) => {
    if (openError) {
      finish(openError);
      return;
    }
    log.fd = fd;
    fdatasync(fd, finish);
  });
}

/**
 * One immediate transaction around the batch, committed with `synchronous =
 * NORMAL` (no fsync on the event loop), then the log is synced by syncLog:
 * every promise settles after the commit is durable (or fails). The returned
 * promise resolves after that, so the writes that arrive during the sync
 * wait and become the next batch: fewer, larger commits, each writing a
 * page the batch's jobs share once.
 */
function runBatch(db: Db, jobs: Job[]): Promise<void> {
  const s = control(db);
  return new Promise<void>((resolve) => {
    const failAll = (error: unknown) => {
      // BEGIN or COMMIT failed (busy past the timeout, disk full): nothing of this batch is stored.
      if (db.$client.inTransaction) s.rollback.run();
      s.syncFull.run();
      for (const job of jobs) job.reject(error);
      resolve();
    };
    try {
      s.syncNormal.run();
      s.begin.run();
    } catch (error) {
      failAll(error);
      return;
    }
    runJobs(db, jobs, (outcomes) => {
      try {
        s.commit.run();
        s.syncFull.run();
      } catch (error) {
        failAll(error);
        return;
      }
      syncLog(db, (error) => {
        jobs.forEach((job, i) => {
          const outcome = outcomes[i];
          if (error) job.reject(error);
          else if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.error);
        });
        resolve();
      });
    });
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
