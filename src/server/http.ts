/**
 * The HTTP front of the built site. The node adapter serves prerendered pages
 * and static files before Astro's middleware runs, so headers that must be on
 * EVERY response (CSP, nosniff, …) and compression are applied here, around
 * the adapter's handler, before anything is written.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import compression from 'compression';
import { errorPageHtml, logServerError } from '#lib/http/error-page.ts';
import { allowedMethodsForPath } from '#lib/http/methods.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '#db/client.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import type { FrontRoute } from './completion-route.ts';
import { applyProxyHeaders, proxySettings } from './proxy.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** CSP for every response. Pagefind needs wasm and a blob: worker. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface FrontOptions {
  /** Served over https (directly or behind a TLS proxy): adds HSTS. */
  https: boolean;
  /** Hot routes answered before Astro (completion-route.ts); each passes on what it does not take. */
  routes?: FrontRoute[];
  /** The built static files (dist/client): they answer GET and HEAD only. */
  staticDir?: string;
}

/** Sets the headers every response carries; routes may still override caching. */
export function setBaseHeaders(req: IncomingMessage, res: ServerResponse, options: FrontOptions): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  const path = (req.url ?? '/').split('?')[0];
  res.setHeader('Cache-Control', path.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** Oversized bodies are read and discarded up to this much, so the client sees the 413 instead of a broken pipe. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

/**
 * Answers 413 for a body whose declared length is over the limit without
 * handing it to the app, and closes the connection afterwards so the unread
 * rest cannot poison the next request. (Chunked bodies are cut off by the
 * adapter's own bodySizeLimit.)
 */
function refuseOversized(req: IncomingMessage, res: ServerResponse): void {
  const answer = () => {
    if (res.headersSent) return;
    res.statusCode = 413;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Connection', 'close');
    res.end(`Förfrågan är för stor: högst ${MAX_BODY_BYTES / 1024 / 1024} MB tas emot.`);
  };
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) {
      answer();
      req.destroy();
    }
  });
  // Answer once the body is read: closing earlier breaks the client's upload pipe before it reads the 413.
  req.once('end', answer);
  req.resume();
}

/**
 * Answers a server error with the Swedish error page and a reference id that is also in the log line;
 * the database being away (PostgreSQL restarting, failing over) is a 503 with its own message instead.
 */
export function answerServerError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (isDatabaseUnavailable(error) && !res.headersSent) {
    res.statusCode = 503;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Retry-After', '5');
    res.end(DATABASE_UNAVAILABLE_MESSAGE);
    return;
  }
  const ref = logServerError(error, { method: req.method, path: (req.url ?? '').split('?')[0] });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(errorPageHtml(ref));
}

/** True when the adapter's static handler would serve `url` from `dir` (a file, or a folder's index.html). */
function isStaticFile(dir: string, url: string): boolean {
  let path = url.split('?')[0].split('#')[0];
  try {
    path = decodeURI(path);
  } catch {
    return false;
  }
  const file = resolve(join(dir, path));
  if (file !== resolve(dir) && !file.startsWith(resolve(dir) + sep)) return false;
  try {
    const stat = statSync(file);
    return stat.isFile() || statSync(join(file, 'index.html')).isFile();
  } catch {
    return false;
  }
}

/**
 * Static files and prerendered pages answer only GET and HEAD (the adapter
 * would serve them for any method): anything else is a 405 with Allow. So
 * does TRACE (and CONNECT) on every path.
 * On-demand routes get the same rule from the middleware, per route.
 */
function refuseStaticMethod(req: IncomingMessage, res: ServerResponse, options: FrontOptions): boolean {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return false;
  // TRACE and CONNECT cannot become a web Request (the adapter would fail with a 500): refused everywhere.
  const unrepresentable = method === 'TRACE' || method === 'CONNECT' || method === 'TRACK';
  const path = (req.url ?? '/').split('?')[0];
  if (!unrepresentable && !(options.staticDir && isStaticFile(options.staticDir, path))) return false;
  res.statusCode = 405;
  res.setHeader('Allow', unrepresentable ? allowedMethodsForPath(path).join(', ') : 'GET, HEAD');
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Metoden stöds inte för den här adressen.');
  req.resume();
  return true;
}

/** An http.Server around the adapter's `handler`. */
export function createFrontServer(handler: Handler, options: FrontOptions): Server {
  const compress = compression({ threshold: 1024 }) as unknown as (
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ) => void;
  // TRUST_PROXY (src/server/proxy.ts): read once; the forwarded headers are settled before anything else runs.
  const proxy = proxySettings();
  return createServer((req, res) => {
    applyProxyHeaders(req, proxy);
    setBaseHeaders(req, res, options);
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      refuseOversized(req, res);
      return;
    }
    // The front's own routes first: they match only their POST paths, never a file, so the hot
    // completion route skips the file-system check below.
    if (options.routes?.some((route) => route(req, res))) return;
    if (refuseStaticMethod(req, res, options)) return;
    try {
      compress(req, res, () => handler(req, res));
    } catch (error) {
      answerServerError(req, res, error);
    }
  });
}
