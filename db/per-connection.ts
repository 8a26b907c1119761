/**
 * Prepared statements belong to one connection: `perConnection(make)` gives
 * a getter that makes them on first use for each database and reuses them
 * after (tests open many in-memory databases; the server has one).
 */
import type { Db } from '#db/client.ts';

export function perConnection<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}
