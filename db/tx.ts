/**
 * The one way to write: `transaction(db, work)` runs `work` in a committed
 * write transaction and resolves once the commit is durable.
 *
 * SQLite: the transaction is group-committed with the other writes of the
 * same turn of the event loop (db/sqlite/write-queue.ts), each in its own
 * savepoint, so one failing write rolls back alone.
 *
 * PostgreSQL: a real transaction (READ COMMITTED) on one pooled connection;
 * every query made through the handle inside `work` runs on it (see
 * db/postgres/open.ts). A deadlock or serialization failure is retried.
 *
 * `work` gets the handle to use inside the transaction and may await only
 * database calls on it (no hashing, no network): keep slow work before the
 * transaction and pass its result in.
 */
import { engineOf, type Db } from '#db/client.ts';
import { queueWrite } from '#db/sqlite/write-queue.ts';
import { pgTransaction } from '#db/postgres/tx.ts';

export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (engineOf(db) === 'postgres') return pgTransaction(db, work);
  return queueWrite(db, work);
}
