/**
 * The one way to write: `transaction(db, work)` runs `work` in a committed
 * write transaction and resolves once the commit is durable. On SQLite the
 * transaction is group-committed with the other writes of the same turn of
 * the event loop (db/sqlite/write-queue.ts), each in its own savepoint, so
 * one failing write rolls back alone.
 *
 * `work` gets the handle to use inside the transaction and may await only
 * database calls on it (no hashing, no network): keep slow work before the
 * transaction and pass its result in.
 */
import type { Db } from '#db/client.ts';
import { queueWrite } from '#db/sqlite/write-queue.ts';

export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return queueWrite(db, work);
}
