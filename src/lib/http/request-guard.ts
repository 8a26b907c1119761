/**
 * What the middleware refuses before a route runs, and the one check after
 * it (issue 20, points 3 and 10):
 * - a method the route does not handle → 405 with Allow;
 * - any state-changing request (every method but GET/HEAD, whatever its
 *   content type) that does not come from our own origin → 403, logged;
 * - a POST that the page ignored (it rendered as for GET without reading the
 *   body) → 405, so a page never answers a method it does not handle.
 */
import type { APIContext } from 'astro';
import { logEvent } from '#lib/audit/log.ts';
import { allowedMethods, methodNotAllowed } from './methods.ts';
import { hasConfiguredOrigin, publicOrigin } from './public-origin.ts';
import { isSafeMethod, isSameOrigin } from './same-origin.ts';

type Ctx = Pick<APIContext, 'request' | 'url' | 'routePattern'>;

/** The origins a same-origin request may name: the configured public one and the one it was sent to. */
export function siteOrigins(requestUrl: URL): string[] {
  return hasConfiguredOrigin() ? [publicOrigin(), requestUrl.origin] : [requestUrl.origin];
}

/** The refusal for this request, or null to go on. */
export function refuseRequest(ctx: Ctx): Response | null {
  const method = ctx.request.method;
  const allow = allowedMethods(ctx.routePattern);
  // The 404 route answers every path it catches with 404, whatever the method.
  const unknownRoute = ctx.routePattern === '/404' || ctx.routePattern === '/500';
  if (!unknownRoute && !allow.includes(method) && !(method === 'HEAD' && allow.includes('GET')) && method !== 'POST')
    return methodNotAllowed(allow);
  if (isSafeMethod(method)) return null;
  if (!isSameOrigin(ctx.request.headers, siteOrigins(ctx.url))) {
    logEvent('request.cross-origin', {
      method,
      path: ctx.url.pathname.slice(0, 200),
      origin: ctx.request.headers.get('origin'),
    });
    return new Response('Förfrågan kom inte från Kompetensnav.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  return null;
}

/**
 * A POST the route ignored becomes a 405: nothing was read and the answer is the page as for GET (2xx), or
 * Astro's 404 for an endpoint without a POST handler. Routes listed as taking POST are left alone.
 */
export function answerUnhandledPost(ctx: Ctx, response: Response): Response {
  if (ctx.request.method !== 'POST' || ctx.request.bodyUsed) return response;
  if (response.status >= 300 && response.status !== 404) return response;
  if (ctx.routePattern === '/404' || allowedMethods(ctx.routePattern).includes('POST')) return response;
  return methodNotAllowed(allowedMethods(ctx.routePattern));
}
