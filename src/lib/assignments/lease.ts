/**
 * Job leases in the database (table job_leases): a background job runs
 * when it is due, in one process at a time, across processes and restarts.
 * `claimJob` atomically takes the row only if the run is due (`next_run_at`
 * reached) and no live lease exists; `finishJob` schedules the next run and
 * frees the lease. A holder that dies mid-run leaves a lease that expires,
 * after which another process claims the same (still due) run: nothing is
 * skipped, and the dedupe keys of what the job writes keep anything from
 * happening twice.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { jobLeases } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** True when `holder` now holds `job` for `leaseMs`. */
export async function claimJob(db: Db, job: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  const at = iso(now.getTime());
  return transaction(db, async (tx) => {
    const claimed = await tx
      .insert(jobLeases)
      .values({ name: job, holder, leaseUntil: iso(now.getTime() + leaseMs), nextRunAt: at })
      .onConflictDoUpdate({
        target: jobLeases.name,
        set: { holder, leaseUntil: iso(now.getTime() + leaseMs) },
        where: sql`${jobLeases.nextRunAt} <= ${at} and ${jobLeases.leaseUntil} <= ${at}`,
      })
      .returning({ holder: jobLeases.holder });
    return claimed.length === 1 && claimed[0].holder === holder;
  });
}

/** Ends `holder`'s run: the next one is due `intervalMs` after `now`; false when the lease was lost. */
export async function finishJob(
  db: Db,
  job: string,
  holder: string,
  now: Date,
  intervalMs: number,
  result: string,
): Promise<boolean> {
  return transaction(db, async (tx) => {
    const done = await tx
      .update(jobLeases)
      .set({
        holder: null,
        leaseUntil: iso(now.getTime()),
        nextRunAt: iso(now.getTime() + intervalMs),
        lastRunAt: iso(now.getTime()),
        lastResult: result.slice(0, 500),
      })
      .where(and(eq(jobLeases.name, job), eq(jobLeases.holder, holder)))
      .returning({ name: jobLeases.name });
    return done.length === 1;
  });
}
