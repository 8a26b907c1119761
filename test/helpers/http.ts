/**
 * HTTP helpers for tests against the running server: a form post with the
 * site's own Origin (as a browser sends it), login that returns the session
 * cookie, and read-only access to the server's database file.
 */
import Database from 'better-sqlite3';
import { request as httpRequest } from 'node:http';

export interface Reply {
  status: number;
  headers: Headers;
  body: string;
}

/** GET (or any method) without following redirects. */
export async function request(
  base: string,
  path: string,
  init: RequestInit & { cookie?: string } = {},
): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  const res = await fetch(new URL(path, base), { ...init, headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** POSTs an urlencoded form with Origin set to the site. */
export function postForm(
  base: string,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
  origin = base,
): Promise<Reply> {
  return request(base, path, {
    method: 'POST',
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The `name=value` part of the session cookie a reply sets, or null. */
export function sessionCookie(reply: Reply): string | null {
  for (const line of reply.headers.getSetCookie()) {
    const m = /^((?:__Host-)?session)=([^;]*)/.exec(line);
    if (m && m[2]) return `${m[1]}=${m[2]}`;
  }
  return null;
}

/**
 * Logs in and returns the cookie header value; throws when login fails.
 * Admins and managers get the second step: the demo code the page shows in
 * demo mode is typed (each code works once, so a second login within the same
 * 30 seconds takes the next one).
 */
export async function login(base: string, email: string, password: string): Promise<string> {
  const reply = await postForm(base, '/logga-in', { email, password });
  const location = reply.headers.get('location') ?? '';
  if (reply.status === 303 && location.startsWith('/logga-in/tva-steg')) return secondStep(base, email, reply);
  const cookie = sessionCookie(reply);
  if (reply.status !== 303 || !cookie) throw new Error(`inloggning som ${email} misslyckades: ${reply.status}`);
  return cookie;
}

/** The pending-login cookie a password step set. */
export function pendingCookie(reply: Reply): string {
  const line = reply.headers.getSetCookie().find((l) => l.startsWith('inloggning-steg2='));
  return line ? line.split(';')[0] : '';
}

async function secondStep(base: string, email: string, passwordReply: Reply): Promise<string> {
  const pending = pendingCookie(passwordReply);
  for (let attempt = 0; attempt < 3; attempt++) {
    const page = await request(base, '/logga-in/tva-steg', { cookie: pending });
    const code = /data-demo-code="(\d{6})"/.exec(page.body)?.[1];
    if (!code) {
      await new Promise((r) => setTimeout(r, 5_000)); // both codes of the window used: wait for the next
      continue;
    }
    const reply = await postForm(base, '/logga-in/tva-steg', { code }, pending);
    const cookie = sessionCookie(reply);
    if (reply.status === 303 && cookie) return cookie;
  }
  throw new Error(`andra steget för ${email} misslyckades`);
}

/** Read-only connection to the server's database (WAL: sees committed writes). */
export function openReadOnly(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/**
 * A request with the exact path given (no URL normalisation, so `//x` or
 * `/%2e%2e/` reach the server as typed) via node:http. The server may answer
 * and close before a large body is sent (413): the answer still counts.
 */
export function rawRequest(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
