import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { applyProxyHeaders, proxySettings, trustedHops } from '#server/proxy.ts';

const request = (headers: Record<string, string>) => ({ headers: { ...headers } }) as unknown as IncomingMessage;
const forwarded = {
  host: 'app:4321',
  'x-forwarded-for': '6.6.6.6, 198.51.100.7',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'kurser.example.se',
};

describe('TRUST_PROXY', () => {
  it('removes every forwarded header when not set', () => {
    const req = request({ ...forwarded, forwarded: 'for=1.2.3.4' });
    applyProxyHeaders(req, proxySettings({}));
    expect(req.headers).toEqual({ host: 'app:4321' });
  });

  it('takes the client as the address the trusted proxy appended, not what the client wrote', () => {
    const req = request(forwarded);
    applyProxyHeaders(req, proxySettings({ TRUST_PROXY: 'true', PUBLIC_ORIGIN: 'https://kurser.example.se' }));
    expect(req.headers).toMatchObject({
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'kurser.example.se',
    });
    const two = request(forwarded);
    applyProxyHeaders(two, proxySettings({ TRUST_PROXY: '2' }));
    expect(two.headers['x-forwarded-for']).toBe('6.6.6.6');
  });

  it('drops a forwarded protocol or host that disagrees with PUBLIC_ORIGIN', () => {
    const req = request({ ...forwarded, 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' });
    applyProxyHeaders(req, proxySettings({ TRUST_PROXY: '1', PUBLIC_ORIGIN: 'https://kurser.example.se' }));
    expect(req.headers['x-forwarded-host']).toBeUndefined();
    expect(req.headers['x-forwarded-proto']).toBeUndefined();
    expect(req.headers['x-forwarded-for']).toBe('198.51.100.7');
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(trustedHops({ TRUST_PROXY: 'false' })).toBe(0);
    expect(() => trustedHops({ TRUST_PROXY: 'ja' })).toThrow(/TRUST_PROXY/);
  });
});
