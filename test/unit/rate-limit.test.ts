import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '#lib/auth/rate-limit.ts';

describe('rate limit', () => {
  it('allows a burst, then refuses, then refills over time', () => {
    const buckets = new TokenBuckets({ capacity: 3, refillPerMinute: 1 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => buckets.consume('k', t))).toEqual([true, true, true]);
    expect(buckets.consume('k', t)).toBe(false);
    expect(buckets.consume('k', t + 30_000)).toBe(false);
    expect(buckets.consume('k', t + 61_000)).toBe(true);
    expect(buckets.consume('k', t + 62_000)).toBe(false);
  });

  it('keeps keys apart and resets one key', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerMinute: 1 });
    expect(buckets.consume('a', 0)).toBe(true);
    expect(buckets.consume('a', 0)).toBe(false);
    expect(buckets.consume('b', 0)).toBe(true);
    buckets.reset('a');
    expect(buckets.consume('a', 0)).toBe(true);
  });

  it('never fills above capacity after a long pause', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerMinute: 10 });
    buckets.consume('k', 0);
    const later = 60 * 60_000;
    expect([buckets.consume('k', later), buckets.consume('k', later), buckets.consume('k', later)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('refund gives back a token, never above capacity', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerMinute: 1 });
    expect([buckets.consume('k', 0), buckets.consume('k', 0), buckets.consume('k', 0)]).toEqual([true, true, false]);
    buckets.refund('k', 0);
    expect(buckets.consume('k', 0)).toBe(true);
    for (let i = 0; i < 5; i++) buckets.refund('k', 0);
    expect([buckets.consume('k', 0), buckets.consume('k', 0), buckets.consume('k', 0)]).toEqual([true, true, false]);
  });
});
