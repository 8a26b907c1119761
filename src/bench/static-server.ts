/**
 * A plain static file server for the peer's build (Starlight writes only
 * static files), gzip-compressed like our own front, so both systems are
 * measured over the same kind of connection.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import compression from 'compression';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  stop: () => Promise<void>;
}

function fileFor(root: string, urlPath: string): string | null {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(root, path);
  if (!candidate.startsWith(root)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  return existsSync(index) ? index : null;
}

/** Serves `root` on 127.0.0.1 and a free port. */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const compress = compression({ threshold: 1024 }) as unknown as (
    req: unknown,
    res: unknown,
    next: () => void,
  ) => void;
  const server: Server = createServer((req, res) => {
    compress(req, res, () => {
      const file = fileFor(root, req.url ?? '/');
      const notFound = join(root, '404.html');
      res.statusCode = file ? 200 : 404;
      const body = file ? readFileSync(file) : existsSync(notFound) ? readFileSync(notFound) : 'Not found';
      res.setHeader('Content-Type', TYPES[extname(file ?? notFound)] ?? 'application/octet-stream');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
