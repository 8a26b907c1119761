/**
 * Writes `<server output>/progress-catalog.json` after every build: the
 * published courses with their lessons' ids, revisions and whether they have
 * a knowledge check — what the HTTP front's completion route needs, taken
 * from the same content the build published (no answer keys).
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { contentDir } from '#lib/content/location.ts';
import { PROGRESS_CATALOG_FILE, progressCatalogOf } from '#lib/content/progress-catalog.ts';

export function progressCatalog(): AstroIntegration {
  let root = '';
  let serverDir = '';
  return {
    name: 'kompetensnav:progress-catalog',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        serverDir = fileURLToPath(config.build.server);
      },
      'astro:build:done': ({ logger }) => {
        const catalog = progressCatalogOf(catalogFromFiles(root, contentDir));
        writeFileSync(`${serverDir}/${PROGRESS_CATALOG_FILE}`, JSON.stringify(catalog));
        logger.info(`Framstegskatalog: ${catalog.length} kurser till ${PROGRESS_CATALOG_FILE}`);
      },
    },
  };
}
