/**
 * Absolute links for e-mail, from the configured public origin, never from a
 * request's Host header. PUBLIC_ORIGIN in production; without it, the
 * address this process listens on (what `npm start` prints). (The security helper's
 * `#lib/http/public-origin.ts` replaces `publicOrigin` when merged.)
 */

/** The site's public origin, without a trailing slash. */
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string {
  const configured = (env.PUBLIC_ORIGIN ?? '').trim();
  if (configured) return new URL(configured).origin;
  // Set by src/cli/serve.ts once it listens: the address it printed (demo and tests).
  if (env.KOMPETENSNAV_LISTEN_ORIGIN) return env.KOMPETENSNAV_LISTEN_ORIGIN;
  return 'http://localhost:4321';
}

/** `path` as an absolute URL on the public origin. */
export function publicUrl(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return new URL(path, `${publicOrigin(env)}/`).href;
}
