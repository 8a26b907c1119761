/**
 * Per-turn batching for PostgreSQL: `turnBatch(run)` gives a function of one
 * item whose calls, made in the same turn of the event loop, reach the
 * database as ONE call of `run` with all of them — one round trip (and, for
 * a write, one commit) instead of one per request. On PostgreSQL a round trip
 * costs the server more CPU than the statement it carries; SQLite needs
 * none of this (its calls are in-process, and db/tx.ts groups its commits).
 *
 * Data shape: per handle (perConnection), the items waiting for the next
 * batch and the number of batches running. Lifecycle: the first item of a
 * turn schedules a flush (setImmediate); a flush starts batches of at most
 * `maxBatch` items while fewer than `inFlight` run; a batch that ends
 * flushes again. Items that arrive while `inFlight` batches run wait for
 * one of them, so a busy server sends larger batches, not more of them.
 *
 * Failures: a deadlock or serialization failure retries the batch (as
 * db/postgres/tx.ts does); any other error reruns each item of the batch
 * alone, so it rejects only the request it belongs to. Called inside a
 * transaction (db/tx.ts), an item runs at once on that transaction's
 * connection, as a batch of one.
 */
import type { Db } from '#db/client.ts';
import { perConnection } from '#db/per-connection.ts';
import { currentTx, type PgRouter } from '#db/postgres/open.ts';

/** Deadlock and serialization failure: the batch did nothing and may run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

export interface TurnBatchOptions {
  /** The most items in one call of `run`. */
  maxBatch: number;
  /** The most calls of `run` at a time per handle. */
  inFlight: number;
}

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

interface Queue<I, R> {
  pending: Waiting<I, R>[];
  running: number;
  scheduled: boolean;
}

async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}

/**
 * Batches calls of one item into calls of `run`, which answers one result
 * per item in the order given. Use on PostgreSQL handles only.
 */
export function turnBatch<I, R>(
  run: (db: Db, items: I[]) => Promise<R[]>,
  options: TurnBatchOptions,
): (db: Db, item: I) => Promise<R> {
  const queues = perConnection((): Queue<I, R> => ({ pending: [], running: 0, scheduled: false }));

  async function settle(db: Db, batch: Waiting<I, R>[]): Promise<void> {
    try {
      const results = await withRetry(() =>
        run(
          db,
          batch.map((w) => w.item),
        ),
      );
      batch.forEach((w, k) => w.resolve(results[k]));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else await Promise.all(batch.map((w) => settle(db, [w])));
    }
  }

  function flush(db: Db, queue: Queue<I, R>): void {
    queue.scheduled = false;
    while (queue.pending.length > 0 && queue.running < options.inFlight) {
      const batch = queue.pending.splice(0, options.maxBatch);
      queue.running++;
      void settle(db, batch).finally(() => {
        queue.running--;
        schedule(db, queue);
      });
    }
  }

  function schedule(db: Db, queue: Queue<I, R>): void {
    if (queue.scheduled || queue.pending.length === 0 || queue.running >= options.inFlight) return;
    queue.scheduled = true;
    setImmediate(() => flush(db, queue));
  }

  return (db, item) => {
    const tx = currentTx.getStore();
    if (tx && tx.router === (db.$client as unknown as PgRouter)) return run(db, [item]).then((r) => r[0]);
    const queue = queues(db);
    return new Promise<R>((resolve, reject) => {
      queue.pending.push({ item, resolve, reject });
      schedule(db, queue);
    });
  };
}
