/**
 * What a first visit to a built page downloads, gzip-compressed: the HTML,
 * its stylesheets and its scripts (including modules they import). Sizes are
 * deterministic for a given build, so budgets on them can be tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  page: string;
  html: number;
  css: number;
  js: number;
  /** Every CSS/JS file the page loads, as site paths. */
  assets: string[];
}

const gz = (data: Buffer | string): number => gzipSync(data, { level: 9 }).length;

/** The built HTML file for a site path ("/kurser/x/" → dist/client/kurser/x/index.html). */
export function htmlFileOf(client: string, page: string): string {
  return page.endsWith('.html') ? join(client, page) : join(client, page, 'index.html');
}

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}=["']([^"']+)["']`).exec(tag)?.[1] ?? null;
}

/** Local CSS and JS a page's HTML references (stylesheets, script src, modulepreload). */
export function assetsOf(html: string): { css: string[]; js: string[] } {
  const css: string[] = [];
  const js: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = attr(tag, 'href');
    const rel = attr(tag, 'rel');
    if (!href?.startsWith('/')) continue;
    if (rel === 'stylesheet') css.push(href);
    if (rel === 'modulepreload') js.push(href);
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = attr(tag, 'src');
    if (src?.startsWith('/')) js.push(src);
  }
  return { css: [...new Set(css)], js: [...new Set(js)] };
}

/** Follows static `import … from "./x.js"` in a module to the files it pulls in. */
function withImports(client: string, scripts: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...scripts];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const file = join(client, path);
    if (!existsSync(file)) continue;
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    for (const m of readFileSync(file, 'utf8').matchAll(
      /\bimport\s*(?:[^'"()]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g,
    )) {
      queue.push(m[1].startsWith('/') ? m[1] : new URL(m[1], `http://x${dir}`).pathname);
    }
  }
  return [...seen];
}

/** Gzip sizes of a page and what it loads on a first visit. */
export function pageWeight(client: string, page: string): PageWeight {
  const html = readFileSync(htmlFileOf(client, page), 'utf8');
  const { css, js } = assetsOf(html);
  const scripts = withImports(client, js);
  const sizeOf = (paths: string[]) =>
    paths.reduce((sum, p) => sum + (existsSync(join(client, p)) ? gz(readFileSync(join(client, p))) : 0), 0);
  return { page, html: gz(html), css: sizeOf(css), js: sizeOf(scripts), assets: [...css, ...scripts] };
}
