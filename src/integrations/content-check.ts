/**
 * Runs the content check on every build: a broken course stops the build
 * with every problem listed as `file:line: what is wrong — what to do`.
 * In `astro dev` problems are printed but the preview keeps running.
 *
 * The check runs in a worker thread (content-work.ts) from the moment the
 * config is read, alongside Astro's own reading of the content, and the
 * build waits for it before bundling anything: its ~2.5 s of CPU for 1,000
 * lessons no longer sit in front of the build. A frontmatter error that the
 * collection schema also rejects is then reported by Astro first, with the
 * file, the field and the schema's advice; `npm run content:check` (which
 * `npm test` runs before building) lists every problem at once.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { fileURLToPath } from 'node:url';
import { formatProblem, type Problem } from '#lib/content/check.ts';
import { contentDir } from '#lib/content/location.ts';
import { startContentWork, type ContentWork } from './content-work.ts';

/** Logs each problem; returns the number of errors. */
function report(problems: Problem[], logger: AstroIntegrationLogger): number {
  for (const p of problems) (p.severity === 'error' ? logger.error : logger.warn).call(logger, formatProblem(p));
  return problems.filter((p) => p.severity === 'error').length;
}

export function contentCheck(): AstroIntegration {
  let work: ContentWork | null = null;
  return {
    name: 'kompetensnav:content-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        work = startContentWork(fileURLToPath(config.root), contentDir, command === 'build');
        if (command !== 'build') work.problems.then((problems) => report(problems, logger), logger.error);
      },
      'astro:build:start': async ({ logger }) => {
        const errors = report(await work!.problems, logger);
        if (errors > 0) {
          throw new Error(
            `Innehållet har ${errors} fel (se ovan) — rätta dem och bygg igen. Kör npm run content:check för listan.`,
          );
        }
      },
    },
  };
}
