/** SQLite statements by SQL text, prepared once per connection (db/sql.ts). */
import type Database from 'better-sqlite3';
import type { Db } from '#db/client.ts';
import { perConnection } from '#db/per-connection.ts';

const statements = perConnection((): Map<string, Database.Statement<unknown[]>> => new Map());

export function preparedRaw(db: Db, text: string): Database.Statement<unknown[]> {
  const cache = statements(db);
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.$client.prepare(text)));
  return statement;
}
