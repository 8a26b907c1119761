// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { contentCheck } from './src/integrations/content-check.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { progressCatalog } from './src/integrations/progress-catalog.ts';
import { lessonBundles } from './src/integrations/lesson-bundles.ts';
import { buildMemory } from './src/integrations/build-memory.ts';
import { MAX_BODY_BYTES } from '#server/limits.ts';

export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  // Benchmarks build generated courses into their own folder (OUT_DIR) without touching dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  trailingSlash: 'ignore',
  adapter: node({ mode: 'standalone', bodySizeLimit: MAX_BODY_BYTES }),
  integrations: [
    buildMemory(),
    contentCheck(),
    // Static MDX as HTML strings: 1,000 lessons bundle in ~300 MB less and render faster; the same HTML
    // (compared file by file). `table` is left out: mdxComponents replaces it with Table.astro.
    mdx({ optimize: { ignoreElementNames: ['table'] } }),
    lessonBundles(),
    searchIndex(),
    progressCatalog(),
  ],
  session: false,
  build: { inlineStylesheets: 'never' },
  // The HTTP front (src/server/proxy.ts) strips X-Forwarded-* unless TRUST_PROXY is set, and keeps only
  // what the trusted proxy said (matching PUBLIC_ORIGIN); Astro may then build the request URL from them.
  security: { checkOrigin: true, allowedDomains: [{ protocol: 'https' }, { protocol: 'http' }] },
  devToolbar: { enabled: false },
});
