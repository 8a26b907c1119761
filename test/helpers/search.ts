/**
 * The built site's search, run in Node the way the search page runs it:
 * public/scripts/search-words.js turns the query into Pagefind's term, and
 * dist/client/pagefind/pagefind.js (the same file browsers load) searches the
 * index, with `fetch` reading the index files from disk.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { interpret, parseVocabulary } from '#public/scripts/search-words.js';

export interface SearchOutcome {
  /** Page paths in Pagefind's order. */
  urls: string[];
  suggestion: string | null;
  unknown: string[];
  excerpts: string[];
}

interface PagefindApi {
  options: (o: Record<string, unknown>) => Promise<void>;
  search: (term: string) => Promise<{ results: { data: () => Promise<{ url: string; excerpt: string }> }[] }>;
}

/** A search over `client` (a built site's client folder). Replaces global fetch while it lives. */
export async function openSearch(client = 'dist/client'): Promise<{
  search: (query: string, excerpts?: number) => Promise<SearchOutcome>;
  close: () => void;
}> {
  const root = resolve(client);
  const base = pathToFileURL(join(root, 'pagefind/')).href;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL) =>
    new Response(await readFile(fileURLToPath(new URL(String(input)))))) as typeof fetch;
  const pagefind = (await import(/* @vite-ignore */ `${base}pagefind.js`)) as PagefindApi;
  await pagefind.options({ basePath: base, baseUrl: '/', excerptLength: 24 });
  const vocabulary = parseVocabulary(await readFile(join(root, 'sok/ord.txt'), 'utf8'));
  return {
    search: async (query, excerpts = 0) => {
      const { term, unknown, suggestion } = interpret(vocabulary, query);
      const results = unknown.length > 0 || !term ? [] : (await pagefind.search(term)).results;
      const data = await Promise.all(results.map((r) => r.data()));
      return {
        urls: data.map((d) => d.url),
        suggestion,
        unknown,
        excerpts: data.slice(0, excerpts).map((d) => d.excerpt),
      };
    },
    close: () => {
      globalThis.fetch = realFetch;
    },
  };
}

/** The text Pagefind indexed for each page (its fragments: gzip of "pagefind_dcd" + JSON). */
export function indexedPages(client = 'dist/client'): { url: string; content: string }[] {
  const dir = join(client, 'pagefind', 'fragment');
  return readdirSync(dir).map(
    (file) =>
      JSON.parse(
        gunzipSync(readFileSync(join(dir, file)))
          .subarray(12)
          .toString('utf8'),
      ) as { url: string; content: string },
  );
}
