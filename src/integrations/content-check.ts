/**
 * Runs the content check before every build: a broken course stops the build
 * with every problem listed as `file:line: what is wrong — what to do`.
 * In `astro dev` problems are printed but the preview keeps running.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkContent, formatProblem } from '#lib/content/check.ts';
import { readContentTree } from '#lib/content/files.ts';
import { contentDir } from '#lib/content/location.ts';

export function contentCheck(): AstroIntegration {
  return {
    name: 'kompetensnav:content-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const { files, assets } = readContentTree(fileURLToPath(config.root), contentDir);
        const problems = checkContent(files, assets, contentDir);
        const errors = problems.filter((p) => p.severity === 'error');
        for (const p of problems) (p.severity === 'error' ? logger.error : logger.warn).call(logger, formatProblem(p));
        if (errors.length > 0 && command === 'build') {
          throw new Error(
            `Innehållet har ${errors.length} fel (se ovan) — rätta dem och bygg igen. Kör npm run content:check för listan.`,
          );
        }
      },
    },
  };
}
