/**
 * CSRF defence for JSON endpoints (Astro's checkOrigin only covers form
 * content types): a state-changing request must come from our own pages.
 */

/** True when the request's Origin matches the site, or the browser says same-origin. */
export function isSameOrigin(request: Request, siteUrl: URL): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = request.headers.get('origin');
  return origin !== null && origin === siteUrl.origin;
}
