/**
 * `npm run bench:build`: the build of a generated 1,000-lesson library
 * (40 courses × 25 lessons of Swedish recombined from our own lessons), ours
 * against a default Starlight site with `lang: 'sv'` built from the same
 * files. Median of 3 cold builds each (run in turns, so the shared machine's
 * load hits both alike), peak memory of each build's process tree, and our
 * build time at 250, 500, 1,000 and 2,000 lessons.
 *
 * Options: `--quick` (or BENCH_QUICK=1): one build each and no size series;
 * BENCH_RUNS=n builds per system; `--no-peer`, `--no-sizes`; `--peer-cached`
 * (BENCH_PEER_CACHED=1) reuses the Starlight builds the last run measured
 * (.bench/starlight-runs.json, same Starlight and corpus) and says so, for
 * iterating on our side only — a result to report builds both in one run.
 * Leaves .bench/ holding the 1,000-lesson builds for bench:search.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { median } from './measure.ts';
import { buildOurs, buildPeer, loadLine, OUR_DIST, prepareCorpus } from './sites.ts';
import { STARLIGHT_VERSION } from './starlight.ts';
import { sizeOf } from './size.ts';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick') || process.env.BENCH_QUICK === '1';
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
const peer = !args.has('--no-peer');
const sizes = !quick && !args.has('--no-sizes');
const peerCached = args.has('--peer-cached') || process.env.BENCH_PEER_CACHED === '1';
const LESSONS = 1000;
const PEER_RUNS = '.bench/starlight-runs.json';

type PeerRun = Awaited<ReturnType<typeof buildPeer>>;
interface SavedPeerRuns {
  version: string;
  lessons: number;
  measured: string;
  runs: Omit<PeerRun, 'log'>[];
}

/** The Starlight runs saved by an earlier bench:build of the same corpus and version, or null. */
function savedPeerRuns(): SavedPeerRuns | null {
  if (!existsSync(PEER_RUNS)) return null;
  const saved = JSON.parse(readFileSync(PEER_RUNS, 'utf8')) as SavedPeerRuns;
  return saved.version === STARLIGHT_VERSION && saved.lessons === LESSONS && saved.runs.length > 0 ? saved : null;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).replace('.', ',');
const col = (s: string, width = 22) => s.padStart(width);

console.log(`bench:build på ${cpus().length} kärnor, ${loadLine()}`);

if (sizes) {
  // Linearity first, so the 1,000-lesson builds are what .bench holds afterwards.
  const series: { lessons: number; pages: number; seconds: number; cpuSeconds: number; peakMb: number }[] = [];
  for (const lessons of [250, 500, 1000, 2000]) {
    prepareCorpus(lessons, false);
    const run = await buildOurs();
    series.push({ lessons, pages: run.pages, seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakMb: run.peakMb });
    console.log(`  ${lessons} lektioner: ${fmt(run.seconds)} s, ${fmt(run.peakMb, 0)} MB`);
  }
  // Least squares: seconds = fixed + perPage × pages.
  const n = series.length;
  const mx = series.reduce((s, r) => s + r.pages, 0) / n;
  const my = series.reduce((s, r) => s + r.seconds, 0) / n;
  const perPage =
    series.reduce((s, r) => s + (r.pages - mx) * (r.seconds - my), 0) /
    series.reduce((s, r) => s + (r.pages - mx) ** 2, 0);
  const fixed = my - perPage * mx;
  const ssRes = series.reduce((s, r) => s + (r.seconds - (fixed + perPage * r.pages)) ** 2, 0);
  const ssTot = series.reduce((s, r) => s + (r.seconds - my) ** 2, 0);
  console.log('\nKompetensnav, byggtid efter storlek (ett kallt bygge per storlek)');
  console.log(
    'lektioner'.padEnd(10),
    col('sidor', 7),
    col('byggtid', 10),
    col('CPU-tid', 10),
    col('ms per sida', 13),
    col('toppminne', 11),
  );
  for (const r of series)
    console.log(
      String(r.lessons).padEnd(10),
      col(String(r.pages), 7),
      col(`${fmt(r.seconds)} s`, 10),
      col(`${fmt(r.cpuSeconds)} s`, 10),
      col(fmt((r.seconds * 1000) / r.pages, 0), 13),
      col(`${fmt(r.peakMb, 0)} MB`, 11),
    );
  console.log(
    `Linjär anpassning: ${fmt(fixed)} s fast + ${fmt(perPage * 1000)} ms per sida (R² = ${fmt(1 - ssRes / ssTot, 3)})\n`,
  );
}

const cached = peer && peerCached ? savedPeerRuns() : null;
if (peer && peerCached && !cached) console.log(`Inga sparade Starlight-byggen i ${PEER_RUNS}: bygger Starlight.`);
const buildsPeer = peer && !cached;
prepareCorpus(LESSONS, buildsPeer);
const ours: Awaited<ReturnType<typeof buildOurs>>[] = [];
const theirs: Omit<PeerRun, 'log'>[] = cached ? cached.runs : [];
for (let i = 1; i <= runs; i++) {
  ours.push(await buildOurs());
  console.log(`  bygge ${i}: Kompetensnav ${fmt(ours.at(-1)!.seconds)} s, ${fmt(ours.at(-1)!.peakMb, 0)} MB`);
  if (buildsPeer) {
    theirs.push(await buildPeer());
    console.log(`  bygge ${i}: Starlight    ${fmt(theirs.at(-1)!.seconds)} s, ${fmt(theirs.at(-1)!.peakMb, 0)} MB`);
  }
}
if (buildsPeer) {
  const saved: SavedPeerRuns = {
    version: STARLIGHT_VERSION,
    lessons: LESSONS,
    measured: `${new Date().toISOString().slice(0, 16)}, ${loadLine()}`,
    runs: theirs.map(({ seconds, cpuSeconds, peakMb, pages }) => ({ seconds, cpuSeconds, peakMb, pages })),
  };
  writeFileSync(PEER_RUNS, JSON.stringify(saved, null, 2));
}
if (cached) console.log(`  Starlight: ${cached.runs.length} sparade byggen (${cached.measured}), inte byggda nu`);

const row = (label: string, a: number[], b: number[], unit: string, digits = 1) => {
  const ma = median(a);
  const mb = b.length ? median(b) : NaN;
  console.log(
    label.padEnd(26),
    col(`${fmt(ma, digits)} ${unit}`, 16),
    col(b.length ? `${fmt(mb, digits)} ${unit}` : '–', 18),
    col(b.length ? fmt(ma / mb, 2) : '–', 8),
  );
};
console.log(`\nBygge av ${LESSONS} lektioner, median av ${runs} kalla byggen (${loadLine()})`);
console.log(
  ''.padEnd(26),
  col('Kompetensnav', 16),
  col(`Starlight ${STARLIGHT_VERSION}${cached ? ' *' : ''}`, 18),
  col('kvot', 8),
);
if (cached) console.log(`* Starlight sparad från en tidigare körning (${cached.measured}), inte byggd i denna.`);
row(
  'Byggtid',
  ours.map((r) => r.seconds),
  theirs.map((r) => r.seconds),
  's',
);
row(
  'CPU-tid (användare + system)',
  ours.map((r) => r.cpuSeconds),
  theirs.map((r) => r.cpuSeconds),
  's',
);
row(
  'Toppminne (processträd)',
  ours.map((r) => r.peakMb),
  theirs.map((r) => r.peakMb),
  'MB',
  0,
);
console.log('Sidor'.padEnd(26), col(String(ours[0].pages), 16), col(theirs.length ? String(theirs[0].pages) : '–', 18));
console.log(
  'Byggtider (s)'.padEnd(26),
  ours.map((r) => fmt(r.seconds)).join(' / '),
  '|',
  theirs.map((r) => fmt(r.seconds)).join(' / '),
);
console.log(
  'Toppminnen (MB)'.padEnd(26),
  ours.map((r) => fmt(r.peakMb, 0)).join(' / '),
  '|',
  theirs.map((r) => fmt(r.peakMb, 0)).join(' / '),
);
console.log(`Sökindex: ${fmt(sizeOf(`${OUR_DIST}/client/pagefind`) / 1024 / 1024)} MB (${OUR_DIST}/client/pagefind)`);
