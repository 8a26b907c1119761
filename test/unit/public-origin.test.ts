import { describe, expect, it } from 'vitest';
import { absoluteUrl, publicOrigin } from '#lib/http/public-origin.ts';

describe('public origin', () => {
  it('uses PUBLIC_ORIGIN, without a trailing slash', () => {
    expect(publicOrigin({ PUBLIC_ORIGIN: 'https://kompetensnav.example/' })).toBe('https://kompetensnav.example');
    expect(absoluteUrl('/konto/aterstall/abc', { PUBLIC_ORIGIN: 'https://kompetensnav.example' })).toBe(
      'https://kompetensnav.example/konto/aterstall/abc',
    );
  });

  it('defaults to http://localhost:<PORT> in demo mode', () => {
    expect(publicOrigin({ PORT: '8080' })).toBe('http://localhost:8080');
    expect(publicOrigin({})).toBe('http://localhost:4321');
  });

  it('refuses a PUBLIC_ORIGIN with a path or another scheme, and paths that are not local', () => {
    expect(() => publicOrigin({ PUBLIC_ORIGIN: 'https://x.example/app' })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => publicOrigin({ PUBLIC_ORIGIN: 'javascript:alert(1)' })).toThrow();
    expect(() => absoluteUrl('//evil.example/x', {})).toThrow();
  });
});
