/**
 * Raw SQL for the few reports Drizzle's builder cannot express well (the
 * team report's scope-wide sums). The one place such SQL runs: each text is
 * prepared once per connection and run with named (`:name`) or positional
 * (`?`) parameters.
 */
import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { preparedRaw } from '#db/sqlite/raw.ts';

/** Every row of `text` run with `params`. */
export async function rawAll<T>(db: Db, text: string, params: Record<string, unknown> | unknown[]): Promise<T[]> {
  const statement = preparedRaw(db, text);
  return (Array.isArray(params) ? statement.all(...params) : statement.all(params)) as T[];
}

/**
 * `column` contains `text` literally: `%`, `_` and `\` in the text match
 * themselves (LIKE with an explicit escape character, which SQLite needs
 * and PostgreSQL accepts).
 */
export function containsText(column: Column, text: string): SQL {
  const pattern = `%${text.replace(/[%_\\]/g, '\\$&')}%`;
  return sql`${column} like ${pattern} escape '\\'`;
}
