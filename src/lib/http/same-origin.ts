/**
 * CSRF defence for every state-changing request (any method but GET/HEAD,
 * any content type; Astro's checkOrigin only covers form content types):
 * it must come from our own pages. Browsers say so with Sec-Fetch-Site, or
 * with an Origin header equal to the site's origin.
 */

/** Request headers as both the Fetch API and the HTTP front can offer them. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * True when the browser says same-origin, or the request's Origin is one of
 * the site's origins (the configured public origin, and the origin the
 * request was addressed to). No Sec-Fetch-Site and no Origin: false.
 */
export function isSameOrigin(headers: HeaderSource, siteOrigins: string | string[]): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = headers.get('origin');
  return origin !== null && origin !== 'null' && [siteOrigins].flat().includes(origin);
}

/** True for methods that change nothing (and so need no same-origin check). */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}
