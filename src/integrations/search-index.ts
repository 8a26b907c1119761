/**
 * Builds the Pagefind search index over the prerendered pages, and the word
 * list the search page checks queries against (`/sok/ord.txt`: every word in
 * the index and the glossaries, most frequent first; see
 * public/scripts/search-words.js).
 *
 * Pages go to Pagefind as Astro renders them, not by crawling dist/ after
 * the build: the integration wraps Astro's prerenderer, so Pagefind (its own
 * process) indexes on the other core while Astro renders the next page, and
 * only writing the index is left for the end.
 *
 * Each page is handed over with a space after every closing tag that is
 * directly followed by another tag. Astro's compressed HTML has no whitespace
 * between tags, and Pagefind joins the text of adjacent elements it does not
 * treat as blocks, so excerpts read "För vemIt-chefer" (<dt>För vem</dt>
 * <dd>It-chefer</dd>). The HTML that is served is not changed. Pagefind's
 * Node API reports problems in `errors` arrays instead of throwing, so each
 * step is checked and any error fails the build.
 */
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { parse } from 'yaml';
import { contentDir } from '#lib/content/location.ts';
import { wordsOf } from '#public/scripts/search-words.js';
import { releaseHeap } from './build-memory.ts';

/** Where the search page fetches the word list from. */
export const WORD_LIST = 'sok/ord.txt';
/** A glossary term counts as this many uses: the words trainers defined win a tie. */
const GLOSSARY_WEIGHT = 10;

function fail(step: string, errors: string[]): never {
  throw new Error(`Sökindexet kunde inte byggas (${step}): ${errors.join('; ')}`);
}

/** A space between a closing tag and the next tag, so adjacent elements' words stay apart. */
export function spaceBetweenTags(html: string): string {
  return html.replace(/(<\/[a-zA-Z][\w-]*>|<br\s*\/?>)(?=<)/g, '$1 ');
}

/**
 * What Pagefind needs of a page: its language and its `<main data-pagefind-body>`
 * (title, filter and meta are marked inside it). Header, footer and head are a
 * third of each page and would only travel to Pagefind's process to be skipped.
 */
export function searchablePart(html: string): string | null {
  const start = html.search(/<main\b[^>]*\bdata-pagefind-body\b/);
  const end = html.lastIndexOf('</main>');
  if (start === -1 || end < start) return null;
  return `<html lang="sv"><body>${spaceBetweenTags(html.slice(start, end + 7))}</body></html>`;
}

/** Prerendered HTML files under `site` (the fallback when no page went through the prerenderer). */
function htmlFiles(site: string): string[] {
  return (readdirSync(site, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.html') && !file.startsWith('pagefind'),
  );
}

/**
 * Pagefind's binary (its own process, which inherits our environment) allocates with jemalloc, by default
 * with several arenas per core. One arena lowers its peak while writing the index, the build's peak, by
 * ~50 MB for 1,000 lessons (pagefind CLI on the bench corpus: 352 → 302 MB) at the same CPU time.
 */
const PAGEFIND_ALLOCATOR = 'narenas:1';

/** Pages handed to Pagefind during one build. */
class Indexing {
  readonly index: Promise<pagefind.PagefindIndex>;
  private readonly adds: Promise<void>[] = [];

  constructor() {
    process.env._RJEM_MALLOC_CONF ??= PAGEFIND_ALLOCATOR;
    this.index = pagefind
      .createIndex({ forceLanguage: 'sv' })
      .then(({ index, errors }) => index ?? fail('createIndex', errors));
  }

  /** Queues a page if it is searchable (has a `<main data-pagefind-body>`). */
  add(page: { url?: string; sourcePath?: string }, html: string): void {
    const content = searchablePart(html);
    if (content === null) return;
    const added = this.index
      .then((index) => index.addHTMLFile({ ...page, content }))
      .then(({ errors }) => {
        if (errors.length > 0) fail(`addHTMLFile ${page.url ?? page.sourcePath}`, errors);
      });
    added.catch(() => {}); // Reported by done().
    this.adds.push(added);
  }

  /** Astro's prerenderer, with every page it renders also queued here. */
  wrap(base: AstroPrerenderer): AstroPrerenderer {
    return {
      name: `${base.name}+kompetensnav:search-index`,
      setup: () => base.setup?.() ?? Promise.resolve(),
      getStaticPaths: () => base.getStaticPaths(),
      collectStaticImages: base.collectStaticImages && (() => base.collectStaticImages!()),
      teardown: () => base.teardown?.() ?? Promise.resolve(),
      render: async (request, options) => {
        const result = await base.render(request, options);
        const response = result instanceof Response ? result : result.response;
        if (response.status !== 200 || !response.headers.get('content-type')?.includes('text/html')) return result;
        const html = await response.text();
        this.add({ url: new URL(request.url).pathname }, html);
        const copy = new Response(html, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
        return result instanceof Response ? copy : { ...result, response: copy };
      },
    };
  }

  /** Writes the index into `site`/pagefind; returns the number of pages and whether they came from the prerenderer. */
  async done(site: string): Promise<{ pages: number; whileRendering: boolean }> {
    const whileRendering = this.adds.length > 0;
    if (!whileRendering) {
      for (const file of htmlFiles(site)) this.add({ sourcePath: file }, readFileSync(join(site, file), 'utf8'));
    }
    await Promise.all(this.adds);
    const writing = (await this.index).writeFiles({ outputPath: join(site, 'pagefind') });
    // Pagefind's process needs most of its memory while writing: collect Astro's garbage meanwhile (the
    // collection takes ~1 s here, on this core, while Pagefind writes on the other instead of after it).
    releaseHeap();
    const written = await writing;
    if (written.errors.length > 0) fail('writeFiles', written.errors);
    return { pages: this.adds.length, whileRendering };
  }
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

/**
 * Lets the search page fetch Pagefind's entry file and metadata while it loads,
 * in parallel with the rest, instead of one after the other once Pagefind has
 * started: their names are known only once the index is written, after the
 * page was rendered. The metadata's hash doubles as Pagefind's `metaCacheTag`,
 * which makes the entry file's address stable (it is otherwise `?ts=<now>`).
 */
function preloadIndex(site: string): void {
  const entry = JSON.parse(readFileSync(join(site, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  const hash = entry.languages.sv?.hash;
  const page = join(site, 'sok', 'index.html');
  if (!hash || !existsSync(page) || !/^[\w-]+$/.test(hash)) return;
  const links =
    `<meta name="pagefind-index" content="${hash}">` +
    `<link rel="preload" href="/pagefind/pagefind-entry.json?ts=${hash}" as="fetch" crossorigin>` +
    `<link rel="preload" href="/pagefind/pagefind.${hash}.pf_meta" as="fetch" crossorigin>`;
  writeFileSync(page, readFileSync(page, 'utf8').replace('</head>', `${links}</head>`));
}

export function searchIndex(): AstroIntegration {
  let root = '';
  let indexing: Indexing | null = null;
  let setPrerenderer: ((wrap: (base: AstroPrerenderer) => AstroPrerenderer) => void) | null = null;
  return {
    name: 'kompetensnav:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': (options) => {
        indexing = new Indexing();
        setPrerenderer = options.setPrerenderer;
      },
      // Wrapped here, not in build:start: a prerenderer set before Astro writes its bundler
      // config makes it leave out its own prerender entry, which the wrapped one still needs.
      'astro:build:setup': () => {
        const current = indexing!;
        setPrerenderer?.((base) => current.wrap(base));
        setPrerenderer = null;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { pages, whileRendering } = await indexing!.done(site);
        await pagefind.close();
        mkdirSync(join(site, 'sok'), { recursive: true });
        writeFileSync(join(site, WORD_LIST), wordList(site, root));
        preloadIndex(site);
        logger.info(`Sökindex: ${pages} sidor indexerade${whileRendering ? ' under förrenderingen' : ' från dist'}`);
      },
    },
  };
}
