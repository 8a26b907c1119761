/**
 * Aggregation of repeated events (issue 20, point 5): a flood of the same
 * event from one source (a throttled sign-in from one address) writes one
 * audit row per source and window, and the next row says how many were
 * left out. State: key → { window end, count left out }, in memory, pruned
 * when it grows past `maxKeys` (the oldest windows go first).
 */

export type Repeat = { record: true; suppressed: number } | { record: false };

export class RepeatedEvents {
  private readonly seen = new Map<string, { until: number; suppressed: number }>();

  constructor(
    private readonly windowMs = 10 * 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** Whether to record this event of `key` now, and how many of its kind were left out before it. */
  take(key: string, now = Date.now()): Repeat {
    const entry = this.seen.get(key);
    if (entry && now < entry.until) {
      entry.suppressed++;
      return { record: false };
    }
    const suppressed = entry?.suppressed ?? 0;
    this.seen.delete(key);
    this.seen.set(key, { until: now + this.windowMs, suppressed: 0 });
    if (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value!);
    return { record: true, suppressed };
  }
}

/** An audit detail with the count left out since the previous row, when there were any. */
export function withSuppressed(detail: string, suppressed: number): string {
  return suppressed > 0 ? `${detail} (och ${suppressed} likadana händelser sedan förra raden)` : detail;
}
