/**
 * The login page's `?till=` return path: only a local path on this site.
 * Anything else (absolute or protocol-relative URLs, backslashes, control
 * characters, encoded slashes, very long values) falls back to `/konto`.
 * Dot segments (`/..//x`, `/%2e%2e//x`, `/a/..//x`) are resolved first and
 * the result checked again: resolving them can produce `//host`, which a
 * browser reads as another site (issue 20, point 1).
 */

const FALLBACK = '/konto';
const BASE = 'http://kompetensnav.invalid';

/** True when `path` is a plain local path: one leading slash, no backslash, controls or encoded slashes. */
function isLocalPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return false;
  return !/%(2f|5c|00)/i.test(path);
}

/** A safe local path to go to after login, or `/konto`. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 512 || !isLocalPath(value)) return FALLBACK;
  try {
    // The URL parser resolves `.`/`..` segments, encoded ones too; the result is checked like the input.
    const url = new URL(value, BASE);
    const path = url.pathname + url.search;
    if (url.origin !== BASE || !isLocalPath(url.pathname) || /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(url.pathname))
      return FALLBACK;
    if (url.pathname.startsWith('/logga-in') || url.pathname.startsWith('/logga-ut')) return FALLBACK;
    return path;
  } catch {
    return FALLBACK;
  }
}
