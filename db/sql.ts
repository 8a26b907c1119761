/**
 * Raw SQL for the few reports Drizzle's builder cannot express well (the
 * team report's scope-wide sums). The one place such SQL runs.
 *
 * A query is one text (portable SQL) or a dialect map `{ sqlite, postgres }`
 * whose texts answer the same rows under the same column names. Parameters
 * are named (`:name`, an object) or positional (an array: `?` on SQLite,
 * `$1 …` on PostgreSQL). SQLite prepares each text once per connection;
 * PostgreSQL gets `:name` rewritten to `$n` (once per text).
 */
import { sql, type Column, type SQL } from 'drizzle-orm';
import { engineOf, type Db } from '#db/client.ts';
import { preparedRaw } from '#db/sqlite/raw.ts';
import type { PgRouter } from '#db/postgres/open.ts';

/** One query in each engine's dialect. */
export interface DialectSql {
  sqlite: string;
  postgres: string;
}

/** `:name` → `$n` (not `::type` casts), with the order of the names. */
const rewritten = new Map<string, { text: string; names: string[] }>();

function numbered(text: string): { text: string; names: string[] } {
  let done = rewritten.get(text);
  if (!done) {
    const names: string[] = [];
    const out = text.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (_, name: string) => {
      let i = names.indexOf(name);
      if (i < 0) i = names.push(name) - 1;
      return `$${i + 1}`;
    });
    rewritten.set(text, (done = { text: out, names }));
  }
  return done;
}

/** Every row of `query` run with `params`. */
export async function rawAll<T>(
  db: Db,
  query: string | DialectSql,
  params: Record<string, unknown> | unknown[],
): Promise<T[]> {
  if (engineOf(db) === 'postgres') {
    const router = db.$client as unknown as PgRouter;
    const text = typeof query === 'string' ? query : query.postgres;
    if (Array.isArray(params)) return (await router.query(text, params)).rows as T[];
    const { text: positional, names } = numbered(text);
    return (
      await router.query(
        positional,
        names.map((n) => params[n] ?? null),
      )
    ).rows as T[];
  }
  const statement = preparedRaw(db, typeof query === 'string' ? query : query.sqlite);
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

/**
 * `column` for ORDER BY in Swedish name order: on PostgreSQL the ICU
 * collation sv-SE (… Y, Z, Å, Ä, Ö; case does not split the list), which
 * the server's default (C.UTF-8 here: Ä before Å, lower case after Z) is
 * not; on SQLite the column as before.
 */
export function swedishOrder(db: Db, column: Column): SQL | Column {
  return engineOf(db) === 'postgres' ? sql`${column} collate "sv-SE-x-icu"` : column;
}
