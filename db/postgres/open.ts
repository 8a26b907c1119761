/**
 * Opening PostgreSQL (DATABASE_URL=postgres://…) through Drizzle
 * (drizzle-orm/node-postgres over a `pg` pool), and its migrations
 * (db/migrations-pg, applied at start under an advisory lock so that two
 * app servers starting together migrate once).
 *
 * Feature code holds one `Db` and never a pool client: the handle's client
 * is a `PgRouter`, which sends each query to the pool — or, inside
 * `transaction()` (db/tx.ts), to that transaction's connection, found
 * through AsyncLocalStorage. So statements prepared once per handle
 * (db/per-connection.ts) run inside whichever transaction awaits them.
 */
import pg from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as runMigrations } from 'drizzle-orm/node-postgres/migrator';

// count(*) and sum() answer bigint/numeric: numbers, as on SQLite (our counts stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

const besideThisFile = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'migrations-pg');
const migrationsFolder = existsSync(join(besideThisFile, 'meta', '_journal.json'))
  ? besideThisFile
  : resolve('db/migrations-pg');

/** Any lock id of our own: held while one process migrates. */
const MIGRATION_LOCK = 4_151_500;

/** The connection of the transaction the current async context runs in. */
interface TxContext {
  router: PgRouter;
  client: pg.PoolClient;
}
export const currentTx = new AsyncLocalStorage<TxContext>();

/** True when `url` names a PostgreSQL database. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** The handle's client on PostgreSQL: a pool, routed to the current transaction's connection. */
export class PgRouter {
  readonly pool: pg.Pool;
  readonly url: string;
  /** Settles when the database may be used (migrated; in tests also created). */
  ready: Promise<void>;

  constructor(url: string, options: { max?: number; before?: () => Promise<void> } = {}) {
    this.url = url;
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 15_000),
      idleTimeoutMillis: 30_000,
    });
    // An idle connection that the server closes (restart, failover) must not crash the process.
    this.pool.on('error', () => {});
    this.ready = options.before ? options.before() : Promise.resolve();
    this.ready.catch(() => {});
  }

  async query(config: pg.QueryConfig | string, values?: unknown[]): Promise<pg.QueryResult> {
    const tx = currentTx.getStore();
    if (tx && tx.router === this) return tx.client.query(config as pg.QueryConfig, values);
    await this.ready;
    return this.pool.query(config as pg.QueryConfig, values);
  }

  /** Ends the pool (tests, CLI tools, shutdown). */
  close(): Promise<void> {
    return this.pool.end();
  }
}

export function openPostgres(url: string, options?: ConstructorParameters<typeof PgRouter>[1]) {
  const router = new PgRouter(url, options);
  return drizzle({ client: router as unknown as pg.Pool });
}

/** Applies every pending migration in db/migrations-pg, one process at a time. */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('set client_min_messages = warning');
    await runMigrations(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
