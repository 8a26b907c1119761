/**
 * Serves the built site (dist/, or OUT_DIR) on HOST:PORT behind the header and compression
 * front. Used by `npm start` after build, migration and seeding, and by the
 * browser tests. Stops cleanly on SIGINT/SIGTERM.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createFrontServer } from '#server/http.ts';
import { completionRoute, type FrontRoute } from '#server/completion-route.ts';
import { healthRoute } from '#server/health-route.ts';
import { rememberListeningPort } from '#lib/http/public-origin.ts';
import { startCheckpointer } from '#db/sqlite/checkpointer.ts';
import { configuredEngine, databasePath, getDb } from '#db/client.ts';
import { startReminderScheduler } from '#lib/assignments/scheduler.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { contentDir } from '#lib/content/location.ts';
import { startMailDelivery } from '#lib/mail/delivery.ts';
import { PROGRESS_CATALOG_FILE, type ProgressCatalog } from '#lib/content/progress-catalog.ts';

/** The front's hot routes; a build without the progress catalogue leaves completions to Astro. */
function frontRoutes(outDir: string): FrontRoute[] {
  const file = resolve(outDir, 'server', PROGRESS_CATALOG_FILE);
  if (!existsSync(file)) return [healthRoute];
  return [healthRoute, completionRoute(JSON.parse(readFileSync(file, 'utf8')) as ProgressCatalog)];
}

/**
 * The required-course reminders (#17) in this process: a tick every
 * REMINDER_TICK_SECONDS (60), a run every REMINDER_INTERVAL_MINUTES (60)
 * across all processes (a lease in the database). REMINDERS=off turns it off.
 */
function startReminders(origin: string): void {
  if (process.env.REMINDERS === 'off') return;
  const titles = new Map(catalogFromFiles(process.cwd(), contentDir).map((c) => [c.id, c.title ?? c.id]));
  const stop = startReminderScheduler(getDb(), {
    titles,
    origin: process.env.PUBLIC_ORIGIN ?? origin,
    tickMs: Number(process.env.REMINDER_TICK_SECONDS ?? 60) * 1000,
    intervalMs: Number(process.env.REMINDER_INTERVAL_MINUTES ?? 60) * 60_000,
    daysBefore: Number(process.env.REMINDER_DAYS_BEFORE ?? 7),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

/** Starts the server and resolves with its base URL once it listens; `extraRoutes` go before Astro (the demo IdP). */
export async function serve(
  host = process.env.HOST ?? 'localhost',
  port = Number(process.env.PORT ?? 4321),
  extraRoutes: FrontRoute[] = [],
): Promise<string> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const outDir = process.env.OUT_DIR ?? 'dist';
  const entry = pathToFileURL(resolve(outDir, 'server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: Parameters<typeof createFrontServer>[0] };
  const https = (process.env.PUBLIC_ORIGIN ?? '').startsWith('https://');
  const server = createFrontServer(handler, {
    https,
    routes: [...frontRoutes(outDir), ...extraRoutes],
    staticDir: resolve(outDir, 'client'),
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  rememberListeningPort(actualPort);
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  // Queued e-mail goes out over SMTP_URL from this process; without it, it stays in the outbox.
  const stopMail = startMailDelivery(getDb());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopMail();
      server.close(() => process.exit(0));
    });
  }
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${actualPort}`;
  startReminders(url);
  return url;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (configuredEngine() === 'sqlite') startCheckpointer(databasePath());
  const url = await serve();
  console.log(`Kompetensnav körs på ${url}`);
}
