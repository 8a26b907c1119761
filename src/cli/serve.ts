/**
 * Serves the built site (dist/, or OUT_DIR) on HOST:PORT behind the header and compression
 * front. Used by `npm start` after build, migration and seeding, and by the
 * browser tests. Stops cleanly on SIGINT/SIGTERM.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createFrontServer } from '../server/http.ts';

/** Starts the server and resolves with its base URL once it listens. */
export async function serve(host = process.env.HOST ?? 'localhost', port = Number(process.env.PORT ?? 4321)): Promise<string> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = pathToFileURL(resolve(process.env.OUT_DIR ?? 'dist', 'server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: Parameters<typeof createFrontServer>[0] };
  const https = (process.env.PUBLIC_ORIGIN ?? '').startsWith('https://');
  const server = createFrontServer(handler, { https });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${actualPort}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = await serve();
  console.log(`Kompetensnav körs på ${url}`);
}
