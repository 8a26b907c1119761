/**
 * db/tx.ts on either engine (the PostgreSQL suite runs this file too): a
 * Drizzle query that `work` returns unawaited (a thenable that runs only
 * when awaited) runs inside the transaction. On PostgreSQL it once ran on
 * another pooled connection, outside the transaction: with every pooled
 * connection in a transaction (here a pool of one) it then waited forever.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencies } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';
import { memoryDb, postgresDb, TEST_ENGINE } from '../helpers/db.ts';

describe('transaction', () => {
  it('runs a query the work returns unawaited on the transaction itself', async () => {
    const db = TEST_ENGINE === 'postgres' ? postgresDb({ max: 1 }).db : memoryDb();
    await transaction(db, async (tx) => {
      await tx.insert(agencies).values({ name: 'Transaktionsmyndigheten', code: 'TX' });
    });
    const seen = await transaction(db, (tx) =>
      tx.select({ code: agencies.code }).from(agencies).where(eq(agencies.code, 'TX')),
    );
    expect(seen).toEqual([{ code: 'TX' }]);
  }, 30_000);
});
