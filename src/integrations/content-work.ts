/**
 * The content check and the progress catalogue, computed once per build in a
 * worker thread (content-worker.ts) that both integrations share. The check
 * is awaited before Astro reads the content, so a broken course still stops
 * the build with our messages first; the catalogue is then computed while
 * Astro bundles and prerenders, on the machine's other core, instead of
 * parsing every file a second time after the build (~1 s of CPU for 1,000
 * lessons, and its garbage no longer grows the build's heap).
 */
import { Worker } from 'node:worker_threads';
import type { Problem } from '#lib/content/check.ts';
import type { ProgressCatalog } from '#lib/content/progress-catalog.ts';

export interface ContentWork {
  problems: Promise<Problem[]>;
  /** Rejects when the work was started without the catalogue (astro dev). */
  catalog: Promise<ProgressCatalog>;
}

let current: ContentWork | null = null;

/** Starts checking `dir` under `root`, and the catalogue with it when `catalog`; replaces earlier work. */
export function startContentWork(root: string, dir: string, catalog: boolean): ContentWork {
  const problems = Promise.withResolvers<Problem[]>();
  const catalogue = Promise.withResolvers<ProgressCatalog>();
  catalogue.promise.catch(() => {}); // astro dev never asks for it.
  // Settling twice is a no-op, so a late failure only rejects what is still pending.
  const fail = (e: Error) => {
    problems.reject(e);
    catalogue.reject(e);
  };
  const worker = new Worker(new URL('./content-worker.ts', import.meta.url), { workerData: { root, dir, catalog } });
  worker.on('message', (m: { problems?: Problem[]; catalog?: ProgressCatalog }) => {
    if (m.problems) problems.resolve(m.problems);
    if (m.catalog) catalogue.resolve(m.catalog);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`innehållskontrollen avslutades (kod ${code}) utan att bli klar`)));
  current = { problems: problems.promise, catalog: catalogue.promise };
  return current;
}

/** The work contentCheck() started for this build. */
export function contentWork(): ContentWork {
  if (!current)
    throw new Error('Innehållskontrollen har inte startats: contentCheck() ska ligga före progressCatalog().');
  return current;
}
