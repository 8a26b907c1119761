/**
 * Token buckets for sign-in throttling, kept in the database
 * (rate_limit_buckets) so that every app process behind a load balancer
 * counts the same attempts.
 *
 * Each key (an IP, an e-mail) has a bucket of `capacity` tokens refilled at
 * `refillPerMinute`; an attempt takes one token and is refused when none is
 * left (a refused attempt takes nothing). Taking a token is ONE upsert that
 * refills, takes and answers whether it took (`last_allowed`), so concurrent
 * attempts from several processes can never both take the last token.
 * Rows idle for a day are swept now and then.
 */
import { lt, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { rateLimitBuckets } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';

export interface BucketOptions {
  capacity: number;
  refillPerMinute: number;
}

const DAY_MS = 86_400_000;
/** About one attempt in this many sweeps idle rows. */
const SWEEP_EVERY = 500;

/** Portable on SQLite and PostgreSQL: parameters typed, no min()/least(). */
const num = (n: number) => sql`cast(${n} as double precision)`;

/** A named set of token buckets keyed by string (the name keeps sets apart in the one table). */
export class TokenBuckets {
  readonly name: string;
  readonly options: BucketOptions;

  constructor(name: string, options: BucketOptions) {
    this.name = name;
    this.options = options;
  }

  /** Takes a token for `key`; false when the bucket is empty (throttled). */
  async consume(db: Db, key: string, now = Date.now()): Promise<boolean> {
    const t = rateLimitBuckets;
    const elapsed = sql`(case when ${num(now)} > ${t.updatedAt} then ${num(now)} - ${t.updatedAt} else 0 end)`;
    const grown = sql`(${t.tokens} + ${elapsed} * ${num(this.options.refillPerMinute / 60_000)})`;
    const refilled = sql`(case when ${grown} > ${num(this.options.capacity)} then ${num(this.options.capacity)} else ${grown} end)`;
    const [row] = await transaction(db, (tx) =>
      tx
        .insert(t)
        .values({ key: this.key(key), tokens: this.options.capacity - 1, updatedAt: now, lastAllowed: true })
        .onConflictDoUpdate({
          target: t.key,
          set: {
            tokens: sql`(case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end)`,
            updatedAt: sql`(case when ${num(now)} > ${t.updatedAt} then ${now} else ${t.updatedAt} end)`,
            lastAllowed: sql`(${refilled} >= 1)`,
          },
        })
        .returning({ allowed: t.lastAllowed }),
    );
    if (Math.random() * SWEEP_EVERY < 1)
      await transaction(db, (tx) => tx.delete(t).where(lt(t.updatedAt, now - DAY_MS)));
    return Boolean(row.allowed);
  }

  /**
   * Gives back the token an attempt took, once it turned out legitimate (a
   * correct password): the bucket then counts only failures, so colleagues
   * behind one NAT address do not use up each other's sign-ins.
   */
  async refund(db: Db, key: string): Promise<void> {
    const t = rateLimitBuckets;
    const capacity = num(this.options.capacity);
    await transaction(db, (tx) =>
      tx
        .update(t)
        .set({ tokens: sql`(case when ${t.tokens} + 1 > ${capacity} then ${capacity} else ${t.tokens} + 1 end)` })
        .where(sql`${t.key} = ${this.key(key)}`),
    );
  }

  /** Forgets a key (e.g. the account after a successful login). */
  async reset(db: Db, key: string): Promise<void> {
    await transaction(db, (tx) => tx.delete(rateLimitBuckets).where(sql`${rateLimitBuckets.key} = ${this.key(key)}`));
  }

  private key(key: string): string {
    return `${this.name}:${key}`;
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
export const loginByIp = new TokenBuckets('login-ip', {
  capacity: envNumber('LOGIN_IP_BURST', 30),
  refillPerMinute: envNumber('LOGIN_IP_PER_MINUTE', 6),
});

/** Login attempts per account (e-mail, known or not): 5, then one every 3 min. */
export const loginByAccount = new TokenBuckets('login-account', {
  capacity: envNumber('LOGIN_ACCOUNT_BURST', 5),
  refillPerMinute: envNumber('LOGIN_ACCOUNT_PER_MINUTE', 1 / 3),
});
