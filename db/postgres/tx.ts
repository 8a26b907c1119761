/** PostgreSQL transactions for db/tx.ts: one pooled connection, BEGIN … COMMIT, retried on deadlock. */
import type { Db } from '#db/client.ts';
import { currentTx, type PgRouter } from '#db/postgres/open.ts';

/** Deadlock and serialization failure: the transaction did nothing and may run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

export async function pgTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const router = db.$client as unknown as PgRouter;
  // Nested: already inside this handle's transaction, so part of it.
  if (currentTx.getStore()?.router === router) return await work(db);
  await router.ready;
  for (let attempt = 1; ; attempt++) {
    const client = await router.pool.connect();
    let broken = false;
    try {
      await client.query('begin');
      // Awaited inside run(): `work` may return a Drizzle query (a thenable that runs only when awaited),
      // which must run on this connection, not on the pool outside the transaction.
      const result = await currentTx.run({ router, client }, async () => await work(db));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      const code = (error as { code?: string }).code;
      if (attempt < ATTEMPTS && code && RETRYABLE.has(code)) continue;
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
