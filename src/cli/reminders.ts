/**
 * `npm run reminders`: one reminder run for required courses, under the same
 * database lease as the server's scheduler (so running it beside servers, or
 * twice at once, sends nothing twice). Prints the outcome as JSON.
 * REMINDER_FORCE=1 ignores when the next run is due (the lease still holds).
 */
import { closeDatabase, getDb } from '#db/client.ts';
import { runScheduledReminders } from '#lib/assignments/reminder-run.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { contentDir } from '#lib/content/location.ts';

const db = getDb();
const titles = new Map(catalogFromFiles(process.cwd(), contentDir).map((c) => [c.id, c.title ?? c.id]));
const result = await runScheduledReminders(db, `cli:${process.pid}`, {
  titles,
  origin: process.env.PUBLIC_ORIGIN ?? 'http://localhost:4321',
  intervalMs: Number(process.env.REMINDER_INTERVAL_MINUTES ?? 60) * 60_000,
  daysBefore: Number(process.env.REMINDER_DAYS_BEFORE ?? 7),
});
console.log(JSON.stringify(result));
await closeDatabase(db);
