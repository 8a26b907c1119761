/**
 * The site's public origin (scheme, host, port), the one base for every
 * absolute link the site hands out: reset and invitation links, certificate
 * verification URLs, the CLI's link file. It comes from configuration only,
 * never from a request's Host or forwarded headers, which a client chooses
 * (issue 20, point 6).
 *
 * PUBLIC_ORIGIN (e.g. https://kompetensnav.myndighet.se) when set; otherwise
 * http://localhost:<port> with the port the server listens on (PORT, or the
 * one the OS picked for PORT=0, which serve.ts reports once listening).
 */

/**
 * Called once the server listens, so a PORT=0 server still names its real port. Kept in the
 * environment: the server's entry and the Astro bundle each hold their own copy of this module.
 */
export function rememberListeningPort(port: number): void {
  process.env.KOMPETENSNAV_LISTEN_PORT = String(port);
}

/** The configured origin without a trailing slash; throws when PUBLIC_ORIGIN is not an http(s) origin. */
export function publicOrigin(env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_ORIGIN?.trim();
  if (configured) {
    const url = new URL(configured);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname.replace(/\/$/, '') !== '')
      throw new Error(
        `PUBLIC_ORIGIN ska vara en ursprungsadress som https://kompetensnav.example, inte "${configured}".`,
      );
    return url.origin;
  }
  return `http://localhost:${Number(env.KOMPETENSNAV_LISTEN_PORT) || Number(env.PORT) || 4321}`;
}

/** True when PUBLIC_ORIGIN is set (otherwise the demo default is in use). */
export function hasConfiguredOrigin(env: Record<string, string | undefined> = process.env): boolean {
  return !!env.PUBLIC_ORIGIN?.trim();
}

/** An absolute URL on the public origin for a local path (`/konto/aterstall/…`). */
export function absoluteUrl(path: string, env: Record<string, string | undefined> = process.env): string {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`inte en lokal sökväg: ${path}`);
  return new URL(path, publicOrigin(env)).href;
}
