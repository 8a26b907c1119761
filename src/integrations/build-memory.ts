/**
 * Keeps the build's peak memory down (`npm run bench:build` measures the peak
 * resident memory of the whole process tree: Astro, its worker, Pagefind).
 *
 * - V8 grows the heap after each major collection by a factor that depends on
 *   the allocation rate: prerendering 1,000 lessons let the heap, and with it
 *   the build, grow by ~300 MB over the objects still in use. Growing by at
 *   most 50 % keeps the heap in proportion to what is live as the content
 *   grows (unlike --max-old-space-size, a limit a larger library would hit),
 *   for ~0.3 s more CPU in the collector. Set at runtime because NODE_OPTIONS
 *   does not accept the flag; it only tunes the collector's heuristics.
 * - Rolldown (the bundler, native code) allocates with mimalloc, which `npm run
 *   build` tunes by environment variables, as they must be set before the
 *   process starts: MIMALLOC_PURGE_DELAY=0 returns freed memory at once, and
 *   MIMALLOC_ARENA_EAGER_COMMIT=0 commits its arenas page by page as they are
 *   used instead of whole. Together they keep ~115 MB less resident from the
 *   bundling on (1,000 lessons: peak 940 → 790 MB, the same build time).
 * - `releaseHeap()` runs a full, memory-reducing collection right away when the
 *   build exposes `gc` (`npm run build` passes --expose-gc) instead of V8's
 *   memory reducer some 8 s later; the search index calls it before Pagefind
 *   writes, the step where Pagefind's own process needs most memory.
 */
import type { AstroIntegration } from 'astro';
import { setFlagsFromString } from 'node:v8';

const HEAP_GROWING_PERCENT = 50;

export function buildMemory(): AstroIntegration {
  return {
    name: 'kompetensnav:build-memory',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command === 'build') setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
      },
    },
  };
}

/** A full collection that also returns free heap pages to the system (a no-op unless `gc` is exposed). */
export function releaseHeap(): void {
  (globalThis as { gc?: (options: object) => void }).gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
