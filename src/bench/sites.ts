/**
 * The two sites the benchmarks compare, built from one generated corpus:
 * ours (.bench/dist, from .bench/content via CONTENT_DIR/OUT_DIR) and the
 * Starlight peer (.bench/starlight/dist). `.bench/corpus.json` records which
 * corpus the builds in .bench are from, so bench:search and bench:preview
 * can reuse what bench:build left.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sentencesFrom, writeCorpus } from './corpus.ts';
import { measure, type Measured } from './measure.ts';
import { buildStarlight, STARLIGHT_DIST, writeStarlightSite } from './starlight.ts';

export const CORPUS_DIR = '.bench/content';
export const OUR_DIST = '.bench/dist';
const STAMP = '.bench/corpus.json';
const LESSONS_PER_COURSE = 25;

/** Lessons in the corpus .bench currently holds (0 when none). */
export function corpusLessons(): number {
  return existsSync(STAMP) ? (JSON.parse(readFileSync(STAMP, 'utf8')) as { lessons: number }).lessons : 0;
}

/** Writes a corpus of `lessons` lessons (25 per course) and the Starlight copy of it. */
export function prepareCorpus(lessons: number, peer = true): void {
  const courses = Math.ceil(lessons / LESSONS_PER_COURSE);
  writeCorpus(CORPUS_DIR, sentencesFrom('content'), courses, LESSONS_PER_COURSE);
  if (peer) writeStarlightSite(CORPUS_DIR);
  writeFileSync(STAMP, JSON.stringify({ lessons: courses * LESSONS_PER_COURSE }));
}

/** Environment variables `npm run build` sets before `astro build` (package.json), so the bench builds the same way. */
function buildScriptEnv(): Record<string, string> {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { build: string } }).scripts.build;
  return Object.fromEntries(
    [...script.matchAll(/(?:^|\s)([A-Z_]+)=('[^']*'|\S+)(?=\s)/g)].map(([, k, v]) => [k, v.replace(/^'(.*)'$/, '$1')]),
  );
}

/** One cold build of our site from the corpus (caches and output removed first). */
export async function buildOurs(): Promise<Measured & { pages: number }> {
  for (const dir of [OUR_DIST, 'node_modules/.astro', 'node_modules/.vite', '.astro'])
    rmSync(dir, { recursive: true, force: true });
  const run = await measure(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    env: { ...buildScriptEnv(), CONTENT_DIR: CORPUS_DIR, OUT_DIR: OUR_DIST },
  });
  return { ...run, pages: Number(/Sökindex: (\d+) sidor/.exec(run.log)?.[1] ?? 0) };
}

/** One cold build of the Starlight copy of the corpus. */
export async function buildPeer(): Promise<Measured & { pages: number }> {
  const run = await buildStarlight();
  return { ...run, pages: Number(/Found (\d+) HTML files/.exec(run.log)?.[1] ?? 0) };
}

/** Makes sure both sites are built from a corpus of `lessons` lessons. */
export async function ensureBuilt(lessons: number): Promise<void> {
  const fresh = corpusLessons() === lessons;
  if (!fresh) prepareCorpus(lessons);
  if (!fresh || !existsSync(`${OUR_DIST}/server/entry.mjs`)) {
    console.log(`Bygger Kompetensnav (${lessons} lektioner) …`);
    await buildOurs();
  }
  if (!fresh || !existsSync(`${STAMP}`) || !existsSync(`${STARLIGHT_DIST}/index.html`)) {
    console.log(`Bygger Starlight (${lessons} lektioner) …`);
    await buildPeer();
  }
}

/** "belastning 3,2 / 2,9 / 2,1" — the machine is shared, so every report says how busy it was. */
export function loadLine(): string {
  return `belastning (1/5/15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`;
}
