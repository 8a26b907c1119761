import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '#db/client.ts';
import { TokenBuckets } from '#lib/auth/rate-limit.ts';
import { memoryDb } from '../helpers/db.ts';

let db: Db;
beforeEach(() => {
  db = memoryDb();
});

describe('rate limit (buckets in the database)', () => {
  it('allows a burst, then refuses, then refills over time', async () => {
    const buckets = new TokenBuckets('t', { capacity: 3, refillPerMinute: 1 });
    const t = 1_000_000;
    const take = (at: number) => buckets.consume(db, 'k', at);
    expect([await take(t), await take(t), await take(t)]).toEqual([true, true, true]);
    expect(await take(t)).toBe(false);
    expect(await take(t + 30_000)).toBe(false);
    expect(await take(t + 61_000)).toBe(true);
    expect(await take(t + 62_000)).toBe(false);
  });

  it('keeps keys and named sets apart and resets one key', async () => {
    const buckets = new TokenBuckets('t', { capacity: 1, refillPerMinute: 1 });
    const others = new TokenBuckets('u', { capacity: 1, refillPerMinute: 1 });
    expect(await buckets.consume(db, 'a', 0)).toBe(true);
    expect(await buckets.consume(db, 'a', 0)).toBe(false);
    expect(await buckets.consume(db, 'b', 0)).toBe(true);
    expect(await others.consume(db, 'a', 0)).toBe(true);
    await buckets.reset(db, 'a');
    expect(await buckets.consume(db, 'a', 0)).toBe(true);
  });

  it('never fills above capacity after a long pause', async () => {
    const buckets = new TokenBuckets('t', { capacity: 2, refillPerMinute: 10 });
    await buckets.consume(db, 'k', 0);
    const later = 60 * 60_000;
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await buckets.consume(db, 'k', later));
    expect(results).toEqual([true, true, false]);
  });

  it('gives exactly `capacity` tokens to concurrent attempts', async () => {
    const buckets = new TokenBuckets('t', { capacity: 5, refillPerMinute: 0.0001 });
    const results = await Promise.all(Array.from({ length: 40 }, () => buckets.consume(db, 'k', 1000)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it('refund gives back a token, never above capacity', async () => {
    const buckets = new TokenBuckets('t', { capacity: 2, refillPerMinute: 0.0001 });
    const take = () => buckets.consume(db, 'k', 0);
    expect([await take(), await take(), await take()]).toEqual([true, true, false]);
    await buckets.refund(db, 'k');
    expect(await take()).toBe(true);
    for (let i = 0; i < 5; i++) await buckets.refund(db, 'k');
    expect([await take(), await take(), await take()]).toEqual([true, true, false]);
  });
});
