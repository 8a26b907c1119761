/**
 * In-memory token buckets (one server process; documented in README: with
 * several processes this moves to a shared store).
 *
 * Each key (an IP, an e-mail) has a bucket of `capacity` tokens refilled at
 * `refillPerMinute`; an attempt takes one token and is refused when none is
 * left. Buckets that have filled up again are forgotten, so the map stays small.
 */

export interface BucketOptions {
  capacity: number;
  refillPerMinute: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A set of token buckets keyed by string. */
export class TokenBuckets {
  readonly options: BucketOptions;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: BucketOptions) {
    this.options = options;
  }

  private current(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: this.options.capacity, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / 60_000) * this.options.refillPerMinute;
    return { tokens: Math.min(this.options.capacity, bucket.tokens + refill), updatedAt: now };
  }

  /** Takes a token for `key`; false when the bucket is empty (throttled). */
  consume(key: string, now = Date.now()): boolean {
    const bucket = this.current(key, now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    this.sweep(now);
    return true;
  }

  /**
   * Gives back the token an attempt took, once it turned out legitimate (a
   * correct password): the bucket then counts only failures, so colleagues
   * behind one NAT address do not use up each other's sign-ins.
   */
  refund(key: string, now = Date.now()): void {
    const bucket = this.current(key, now);
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + 1);
    this.buckets.set(key, bucket);
  }

  /** Forgets a key (e.g. the account after a successful login). */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  private sweep(now: number): void {
    if (this.buckets.size < 10_000) return;
    for (const [key, bucket] of this.buckets) {
      if (this.current(key, now).tokens >= this.options.capacity || bucket.updatedAt < now - 86_400_000)
        this.buckets.delete(key);
    }
  }
}

function envNumber(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Failed login attempts per client IP: bursts of 30, then one every 10 s. An
 * attempt takes a token before the password is checked and a correct password
 * gives it back (`refund`), so successful sign-ins never drain it.
 */
export const loginByIp = new TokenBuckets({
  capacity: envNumber('LOGIN_IP_BURST', 30),
  refillPerMinute: envNumber('LOGIN_IP_PER_MINUTE', 6),
});

/** Login attempts per account (e-mail, known or not): 5, then one every 3 min. */
export const loginByAccount = new TokenBuckets({
  capacity: envNumber('LOGIN_ACCOUNT_BURST', 5),
  refillPerMinute: envNumber('LOGIN_ACCOUNT_PER_MINUTE', 1 / 3),
});
