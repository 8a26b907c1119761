/**
 * Runs the content check before every build: a broken course stops the build
 * with every problem listed as `file:line: what is wrong — what to do`.
 * In `astro dev` problems are printed but the preview keeps running. The
 * check runs in a worker thread that goes on to compute the progress
 * catalogue while Astro builds (content-work.ts).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { formatProblem } from '../lib/content/check.ts';
import { contentDir } from '../lib/content/location.ts';
import { startContentWork, type ContentWork } from './content-work.ts';

export function contentCheck(): AstroIntegration {
  let work: ContentWork | null = null;
  let building = false;
  return {
    name: 'kompetensnav:content-check',
    hooks: {
      'astro:config:setup': ({ config, command }) => {
        building = command === 'build';
        work = startContentWork(fileURLToPath(config.root), contentDir, building);
      },
      // Astro reads the content right after this hook, so the check must be done by then.
      'astro:config:done': async ({ logger }) => {
        const problems = await work!.problems;
        const errors = problems.filter((p) => p.severity === 'error');
        for (const p of problems) (p.severity === 'error' ? logger.error : logger.warn).call(logger, formatProblem(p));
        if (errors.length > 0 && building) {
          throw new Error(
            `Innehållet har ${errors.length} fel (se ovan) — rätta dem och bygg igen. Kör npm run content:check för listan.`,
          );
        }
      },
    },
  };
}
