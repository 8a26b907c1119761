/**
 * Builds the Pagefind search index over the prerendered pages after every
 * build, and the word list the search page checks queries against
 * (`/sok/ord.txt`: every word in the index and the glossaries, most frequent
 * first; see public/scripts/search-words.js).
 *
 * Pages go to Pagefind as text we hand it rather than as a folder to crawl:
 * Astro's compressed HTML has no whitespace between tags, and Pagefind joins
 * the text of adjacent elements it does not treat as blocks, so excerpts read
 * "För vemIt-chefer" (<dt>For vem</dt><dd>It-chefer</dd>). A space after each
 * closing tag that is directly followed by another tag keeps words apart; the
 * HTML that is served is not changed. Pagefind's Node API reports problems in
 * `errors` arrays instead of throwing, so each step is checked and any error
 * fails the build.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { parse } from 'yaml';
import { contentDir } from '../lib/content/location.ts';
import { wordsOf } from '../../public/scripts/search-words.js';

/** Where the search page fetches the word list from. */
export const WORD_LIST = 'sok/ord.txt';
/** A glossary term counts as this many uses: the words trainers defined win a tie. */
const GLOSSARY_WEIGHT = 10;
const PARALLEL_PAGES = 8;

function fail(step: string, errors: string[]): never {
  throw new Error(`Sökindexet kunde inte byggas (${step}): ${errors.join('; ')}`);
}

/** A space between a closing tag and the next tag, so adjacent elements' words stay apart. */
export function spaceBetweenTags(html: string): string {
  return html.replace(/(<\/[a-zA-Z][\w-]*>|<br\s*\/?>)(?=<)/g, '$1 ');
}

/** Pages Pagefind should index: prerendered HTML with a `data-pagefind-body`. */
function searchablePages(site: string): string[] {
  return (readdirSync(site, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.html') && !file.startsWith('pagefind'),
  );
}

async function addPages(index: pagefind.PagefindIndex, site: string): Promise<number> {
  const queue = searchablePages(site);
  let added = 0;
  const worker = async () => {
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      const html = readFileSync(join(site, file), 'utf8');
      if (!html.includes('data-pagefind-body')) continue;
      const { errors } = await index.addHTMLFile({ sourcePath: file, content: spaceBetweenTags(html) });
      if (errors.length > 0) fail(`addHTMLFile ${file}`, errors);
      added++;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_PAGES }, worker));
  return added;
}

/** Words of the written index (its fragments hold each page's indexed text) and of the glossaries. */
function wordList(site: string, root: string): string {
  const counts = new Map<string, number>();
  const count = (text: string, weight: number) => {
    for (const word of wordsOf(text)) if (word.length >= 2) counts.set(word, (counts.get(word) ?? 0) + weight);
  };
  const fragments = join(site, 'pagefind', 'fragment');
  for (const file of readdirSync(fragments)) {
    // A fragment is gzip of "pagefind_dcd" followed by the page's JSON.
    const page = JSON.parse(
      gunzipSync(readFileSync(join(fragments, file)))
        .subarray(12)
        .toString('utf8'),
    ) as {
      content: string;
    };
    count(page.content, 1);
  }
  const content = join(root, contentDir);
  for (const course of readdirSync(content)) {
    const file = join(content, course, 'ordlista.yaml');
    if (!existsSync(file)) continue;
    const glossary = parse(readFileSync(file, 'utf8')) as { terms?: { term: string }[] } | null;
    for (const { term } of glossary?.terms ?? []) count(term, GLOSSARY_WEIGHT);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv'))
    .map(([word]) => word)
    .join('\n');
}

export function searchIndex(): AstroIntegration {
  let root = '';
  return {
    name: 'kompetensnav:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'sv' });
        if (!index) fail('createIndex', errors);
        const pages = await addPages(index, site);
        const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
        if (written.errors.length > 0) fail('writeFiles', written.errors);
        await pagefind.close();
        mkdirSync(join(site, 'sok'), { recursive: true });
        writeFileSync(join(site, WORD_LIST), wordList(site, root));
        logger.info(`Sökindex: ${pages} sidor indexerade`);
      },
    },
  };
}
