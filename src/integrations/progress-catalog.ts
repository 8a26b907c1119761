/**
 * Writes `<server output>/progress-catalog.json` after every build: the
 * published courses with their lessons' ids, revisions and whether they have
 * a knowledge check — what the HTTP front's completion route needs, taken
 * from the same content the build published (no answer keys). The catalogue
 * is computed during the build by the content check's worker (content-work.ts).
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROGRESS_CATALOG_FILE } from '#lib/content/progress-catalog.ts';
import { contentWork } from './content-work.ts';

export function progressCatalog(): AstroIntegration {
  let serverDir = '';
  return {
    name: 'kompetensnav:progress-catalog',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = fileURLToPath(config.build.server);
      },
      'astro:build:done': async ({ logger }) => {
        const catalog = await contentWork().catalog;
        writeFileSync(`${serverDir}/${PROGRESS_CATALOG_FILE}`, JSON.stringify(catalog));
        logger.info(`Framstegskatalog: ${catalog.length} kurser till ${PROGRESS_CATALOG_FILE}`);
      },
    },
  };
}
