import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedMethods, ROUTE_METHODS } from '#lib/http/methods.ts';

/** Every page or endpoint file under src/pages with its Astro route pattern. */
function routes(dir = 'src/pages'): { pattern: string; source: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routes(path);
    if (!/\.(astro|ts)$/.test(entry.name)) return [];
    const pattern = `/${relative('src/pages', path)}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '') || '/';
    return [{ pattern, source: readFileSync(path, 'utf8') }];
  });
}

describe('route methods', () => {
  it('lists every route that handles POST, with the methods it handles (issue 20, point 3)', () => {
    const handlesPost = routes()
      .filter((r) => /export const POST\b|request\.method [!=]== 'POST'|submitForm\(|answerCheck\(/.test(r.source))
      .map((r) => r.pattern)
      .sort();
    expect(handlesPost).toEqual(Object.keys(ROUTE_METHODS).sort());
    for (const pattern of handlesPost) expect(allowedMethods(pattern), pattern).toContain('POST');
  });

  it('gives pages and files GET and HEAD', () => {
    expect(allowedMethods('/om')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods('/api/framsteg')).toEqual(['POST']);
    expect(allowedMethods(undefined)).toEqual(['GET', 'HEAD']);
  });
});
