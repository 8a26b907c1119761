/**
 * `npm run bench:build`: generates 1,000 lessons (40 courses × 25) of Swedish
 * text into .bench/content, builds them with the search index into .bench/dist,
 * and prints build time, pages per second, peak memory and the index size.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sentencesFrom, writeCorpus } from './corpus.ts';

const COURSES = Number(process.env.BENCH_COURSES ?? 40);
const LESSONS = Number(process.env.BENCH_LESSONS ?? 25);

function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

process.stdout.write(`Genererar ${COURSES * LESSONS} lektioner … `);
const lessons = writeCorpus('.bench/content', sentencesFrom('content'), COURSES, LESSONS);
console.log('klart');

const started = performance.now();
// /usr/bin/time -f reports the build's peak resident memory (children included).
const child = spawn(
  '/usr/bin/time',
  ['-f', 'PEAK_RSS_KB=%M', process.execPath, 'node_modules/astro/bin/astro.mjs', 'build'],
  {
    env: { ...process.env, CONTENT_DIR: '.bench/content', OUT_DIR: '.bench/dist', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let log = '';
child.stdout.on('data', (d) => (log += d));
child.stderr.on('data', (d) => (log += d));
const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
const seconds = (performance.now() - started) / 1000;
if (code !== 0) {
  console.error(log.slice(-4000));
  throw new Error(`bygget misslyckades (${code})`);
}
const peakKb = Number(/PEAK_RSS_KB=(\d+)/.exec(log)?.[1] ?? 0);
const pages = Number(/Sökindex: (\d+) sidor/.exec(log)?.[1] ?? 0);
const index = sizeOf('.bench/dist/client/pagefind');
console.log(`Lektioner:          ${lessons} (${COURSES} kurser)`);
console.log(`Byggtid:            ${seconds.toFixed(1)} s (inklusive innehållskontroll och sökindex)`);
console.log(`Sidor per sekund:   ${(pages / seconds).toFixed(0)} (${pages} indexerade sidor)`);
console.log(`Toppminne:          ${(peakKb / 1024).toFixed(0)} MB`);
console.log(`Sökindexets storlek: ${(index / 1024 / 1024).toFixed(1)} MB (.bench/dist/client/pagefind)`);
