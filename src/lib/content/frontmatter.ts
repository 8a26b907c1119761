/**
 * Splits an MDX/Markdown source into its YAML frontmatter and body, keeping
 * enough position information to report problems by line number.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Document } from 'yaml';

export interface SplitSource {
  /** Parsed YAML document of the frontmatter, or null when there is none. */
  doc: Document | null;
  lineCounter: LineCounter;
  /** 1-based line number of the first frontmatter line (after the opening ---). */
  frontmatterLine: number;
  body: string;
  /** 1-based line number of the first body line. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*\r?$/;

/** Splits `source` at its `---` fences; a file without them has an empty frontmatter. */
export function splitSource(source: string): SplitSource {
  const lines = source.split('\n');
  const lineCounter = new LineCounter();
  if (!FENCE.test(lines[0] ?? '')) {
    return { doc: null, lineCounter, frontmatterLine: 1, body: source, bodyLine: 1 };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end === -1) {
    return { doc: null, lineCounter, frontmatterLine: 2, body: '', bodyLine: lines.length + 1 };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false });
  return {
    doc,
    lineCounter,
    frontmatterLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

/**
 * Line (1-based, in the whole file) of the YAML node at `path`, falling back
 * to the deepest ancestor that exists, and to the frontmatter start.
 */
export function lineOfPath(split: SplitSource, path: ReadonlyArray<PropertyKey>): number {
  let node: unknown = split.doc?.contents;
  let offset: number | undefined = (node as { range?: [number] } | undefined)?.range?.[0];
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      next = pair?.value ?? pair?.key;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    const range = (next as { range?: [number] } | undefined)?.range;
    if (!range) break;
    node = next;
    offset = range[0];
  }
  if (offset === undefined) return split.frontmatterLine;
  return split.lineCounter.linePos(offset).line + split.frontmatterLine - 1;
}
