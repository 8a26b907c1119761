/**
 * Builds the Pagefind search index over the prerendered pages after every
 * build. Pagefind's Node API reports problems in `errors` arrays instead of
 * throwing, so each step is checked and any error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

function fail(step: string, errors: string[]): never {
  throw new Error(`Sökindexet kunde inte byggas (${step}): ${errors.join('; ')}`);
}

export function searchIndex(): AstroIntegration {
  return {
    name: 'kompetensnav:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'sv' });
        if (!index) fail('createIndex', errors);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length > 0) fail('addDirectory', added.errors);
        const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
        if (written.errors.length > 0) fail('writeFiles', written.errors);
        logger.info(`Sökindex: ${added.page_count} sidor indexerade`);
        await pagefind.close();
      },
    },
  };
}
