/**
 * Behind a reverse proxy (TRUST_PROXY): which request headers the app may
 * believe. Run first on every request in the HTTP front (http.ts), before
 * the hot routes and Astro.
 *
 * Without TRUST_PROXY every X-Forwarded-* header is removed: a client cannot
 * claim another address, protocol or host. With TRUST_PROXY=N (or `true` =
 * 1), N proxies stand in front, each appending to X-Forwarded-For: the
 * client is the Nth address from the right (what a client wrote to the left
 * of it is ignored), and X-Forwarded-Proto/Host name the public protocol and
 * host. With PUBLIC_ORIGIN set they must agree with it, else they are
 * dropped. Astro (security.allowedDomains in astro.config.mjs) then builds
 * the request URL from them, so its origin check compares the browser's
 * `Origin: https://…` with the public origin, and `clientAddress` is the client.
 */
import type { IncomingMessage } from 'node:http';

const FORWARDED = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'];

/** Proxies in front of the server: 0 unless TRUST_PROXY is set. */
export function trustedHops(env: NodeJS.ProcessEnv = process.env): number {
  const value = (env.TRUST_PROXY ?? '').trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return 0;
  if (value === 'true') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`TRUST_PROXY ska vara true eller antalet proxyer framför servern, inte "${value}".`);
  return n;
}

export interface ProxySettings {
  hops: number;
  /** PUBLIC_ORIGIN when set: forwarded protocol and host must match it. */
  publicOrigin: URL | null;
}

export function proxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  return { hops: trustedHops(env), publicOrigin: env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN) : null };
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(',') : value;
  return text?.split(',')[0]?.trim() || undefined;
}

/** Rewrites `req.headers` so that only what the trusted proxies said is left (see the module comment). */
export function applyProxyHeaders(req: IncomingMessage, settings: ProxySettings): void {
  const headers = req.headers;
  if (settings.hops === 0) {
    for (const name of FORWARDED) delete headers[name];
    return;
  }
  const chain = [headers['x-forwarded-for']]
    .flat()
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const client = chain.length >= settings.hops ? chain[chain.length - settings.hops] : undefined;
  const proto = single(headers['x-forwarded-proto'])?.toLowerCase();
  const host = single(headers['x-forwarded-host']);
  for (const name of FORWARDED) delete headers[name];
  if (client) headers['x-forwarded-for'] = client;
  const origin = settings.publicOrigin;
  const protoOk = proto === 'https' || proto === 'http';
  if (protoOk && (!origin || `${proto}:` === origin.protocol)) headers['x-forwarded-proto'] = proto;
  if (host && (!origin || host.toLowerCase() === origin.host.toLowerCase())) headers['x-forwarded-host'] = host;
}
