/**
 * The login page's `?till=` return path: only a local path on this site.
 * Anything else (absolute or protocol-relative URLs, backslashes, control
 * characters, encoded slashes, very long values) falls back to the start page.
 */

const FALLBACK = '/konto';

/** A safe local path to go to after login, or `/konto`. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 512) return FALLBACK;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return FALLBACK;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  if (/%(2f|5c|00)/i.test(value)) return FALLBACK;
  try {
    const url = new URL(value, 'http://kompetensnav.invalid');
    if (url.origin !== 'http://kompetensnav.invalid') return FALLBACK;
    if (url.pathname.startsWith('/logga-in') || url.pathname.startsWith('/logga-ut')) return FALLBACK;
    return url.pathname + url.search;
  } catch {
    return FALLBACK;
  }
}
