/**
 * The reminder scheduler inside the server process: every `tickMs` it asks
 * the job lease whether a reminder run is due and this process may do it
 * (lease.ts), so any number of server processes can run it side by side.
 * Timers are unref'd; `stop` ends it. Errors are logged, never thrown: the
 * lease expires and the run is retried on a later tick.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '#db/client.ts';
import { logEvent } from '#lib/audit/log.ts';
import { runScheduledReminders, type ReminderOptions } from './reminder-run.ts';

export interface SchedulerOptions extends Omit<ReminderOptions, 'now'> {
  tickMs: number;
  intervalMs: number;
  leaseMs?: number;
}

/** Starts ticking; returns a function that stops it (and waits for a run in progress). */
export function startReminderScheduler(db: Db, options: SchedulerOptions): () => Promise<void> {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runScheduledReminders(db, holder, options)
      .then((r) => {
        if (r.ran) logEvent('reminders.run', { holder, ...r.result });
      })
      .catch((err: unknown) => logEvent('reminders.failed', { holder, error: String(err).slice(0, 300) }))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, options.tickMs);
  timer.unref();
  const first = setTimeout(tick, Math.min(options.tickMs, 2000));
  first.unref();
  return async () => {
    clearInterval(timer);
    clearTimeout(first);
    await running;
  };
}
