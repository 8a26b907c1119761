/**
 * Reads the facts the content check needs from an MDX body: headings, word
 * count, links, glossary terms and images, each with its line number. A light
 * line scanner rather than a full MDX parse: the check must report every
 * problem at once, also in files the MDX compiler would reject outright.
 */

export interface BodyFacts {
  headings: { depth: number; text: string; line: number }[];
  words: number;
  links: { href: string; line: number }[];
  terms: { id: string; line: number }[];
  images: { src: string; alt: string; line: number }[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;
const IMPORT = /^import\s+(\w+)\s+from\s+['"]([^'"]+)['"];?\s*$/;

/** Scans `body`, whose first line is line `firstLine` of the file. */
export function bodyFacts(body: string, firstLine: number): BodyFacts {
  const facts: BodyFacts = { headings: [], words: 0, links: [], terms: [], images: [] };
  const imports = new Map<string, string>();
  let inFence = false;
  body.split('\n').forEach((line, i) => {
    const lineNo = firstLine + i;
    if (FENCE.test(line)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    const imported = IMPORT.exec(line);
    if (imported) {
      imports.set(imported[1], imported[2]);
      return;
    }
    const heading = HEADING.exec(line);
    if (heading) facts.headings.push({ depth: heading[1].length, text: heading[2], line: lineNo });
    for (const m of line.matchAll(/(!?)\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g)) {
      if (m[1]) facts.images.push({ src: m[3], alt: m[2], line: lineNo });
      else facts.links.push({ href: m[3], line: lineNo });
    }
    for (const m of line.matchAll(/<Term\b[^>]*?\bid=["']([^"']*)["']/g)) {
      facts.terms.push({ id: m[1], line: lineNo });
    }
    for (const m of line.matchAll(/<(Figure|img)\b([^>]*)>/g)) {
      const attrs = m[2];
      const alt = /\balt=(?:"([^"]*)"|'([^']*)')/.exec(attrs);
      const src = /\bsrc=(?:\{(\w+)\}|"([^"]*)"|'([^']*)')/.exec(attrs);
      const path = src ? (src[1] ? (imports.get(src[1]) ?? '') : (src[2] ?? src[3] ?? '')) : '';
      facts.images.push({ src: path, alt: alt ? (alt[1] ?? alt[2] ?? '') : '', line: lineNo });
    }
    facts.words += countWords(line);
  });
  return facts;
}

/** Words a reader reads: markup, tags, link targets and punctuation removed. */
export function countWords(line: string): number {
  const text = line
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(#{1,6}|[-*+]|\d+\.|>|\|)\s*/, ' ')
    .replace(/[|*_`#>]/g, ' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
