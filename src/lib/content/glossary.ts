/**
 * The glossary: terms from every course's ordlista.yaml, merged and sorted,
 * with the lessons that use each term (found from `<Term id="…">` in lesson bodies).
 */
import { readFileSync } from 'node:fs';
import { getCollection } from 'astro:content';
import type { GlossaryTerm } from './schema.ts';

export interface GlossaryEntry extends GlossaryTerm {
  usedIn: string[];
}

let cache: Map<string, GlossaryTerm> | null = null;

async function terms(): Promise<Map<string, GlossaryTerm>> {
  if (!cache) {
    const files = await getCollection('glossaries');
    cache = new Map(files.flatMap((f) => f.data.terms.map((t) => [t.id, t] as const)));
  }
  return cache;
}

/** One term by id, or null. */
export async function getTerm(id: string): Promise<GlossaryTerm | null> {
  return (await terms()).get(id) ?? null;
}

/** Ids of the terms a lesson body marks with `<Term id="…">`. */
export function termIdsIn(body: string): string[] {
  return [...new Set([...body.matchAll(/<Term\b[^>]*?\bid=["']([^"']+)["']/g)].map((m) => m[1]))];
}

/** Every term, alphabetical in Swedish, with the lesson ids that use it. */
export async function glossaryWithUsage(
  lessons: { id: string; body?: string; filePath?: string }[],
): Promise<GlossaryEntry[]> {
  const usage = new Map<string, string[]>();
  for (const lesson of lessons) {
    // The collections keep no bodies (src/content.config.ts): read the lesson's file.
    const source = lesson.body ?? (lesson.filePath ? readFileSync(lesson.filePath, 'utf8') : '');
    for (const id of termIdsIn(source)) usage.set(id, [...(usage.get(id) ?? []), lesson.id]);
  }
  return [...(await terms()).values()]
    .map((t) => ({ ...t, usedIn: usage.get(t.id) ?? [] }))
    .sort((a, b) => a.term.localeCompare(b.term, 'sv'));
}
