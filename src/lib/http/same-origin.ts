/**
 * CSRF defence for JSON endpoints (Astro's checkOrigin only covers form
 * content types): a state-changing request must come from our own pages.
 */

/** Request headers as both the Fetch API and the HTTP front can offer them. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** True when the request's Origin matches the site's origin, or the browser says same-origin. */
export function isSameOrigin(headers: HeaderSource, siteOrigin: string): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = headers.get('origin');
  return origin !== null && origin === siteOrigin;
}
