/** The HTTP front (src/server/http.ts) on the real built server: headers on every response, compression. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '#tooling/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('security headers', () => {
  it('are on static pages, on-demand pages and 404s alike', async () => {
    for (const path of ['/', '/kurser/samordnad-it-drift/servicenivaer/', '/pagefind/pagefind.js', '/finns-inte/']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBeTruthy();
    }
  });

  it('compresses HTML', async () => {
    const res = await fetch(server.url + '/kurser/samordnad-it-drift/servicenivaer/', {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.headers.get('content-encoding')).toMatch(/br|gzip/);
  });
});
