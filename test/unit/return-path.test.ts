import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '#lib/auth/return-path.ts';

describe('return path', () => {
  it('keeps local paths with their query', () => {
    expect(safeReturnPath('/admin/anvandare?q=anna')).toBe('/admin/anvandare?q=anna');
    expect(safeReturnPath('/kurser/x/y')).toBe('/kurser/x/y');
  });

  it('refuses everything that could leave the site or loop', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/%2F%2Fevil.example',
      '/%5cevil',
      '/x\u0000y',
      '/x\ny',
      'evil',
      '',
      null,
      undefined,
      `/${'a'.repeat(600)}`,
      '/logga-in?till=/admin',
      '/logga-ut',
    ]) {
      expect(safeReturnPath(bad as string), String(bad)).toBe('/konto');
    }
  });

  it('normalises dot segments before the checks (issue 20, point 1)', () => {
    for (const bad of [
      '/..//evil.example',
      '/.//evil.example',
      '/%2e%2e//evil.example',
      '/%2E%2E//x',
      '/a/..//x',
      '/a/b/../..//x',
      '/././/x',
    ]) {
      const path = safeReturnPath(bad);
      expect(path, bad).toBe('/konto');
    }
    expect(safeReturnPath('/kurser/../mina-kurser/')).toBe('/mina-kurser/');
  });
});
