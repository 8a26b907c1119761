/**
 * Which methods a route handles, for 405 answers with a correct Allow
 * header (issue 20, point 3). Pages and files answer GET and HEAD; the
 * routes below also take POST (or only POST). The table only fills Allow
 * and refuses methods early: a page that is missing here but reads a POSTed
 * body still works (the middleware sees the body was read), and
 * test/unit/methods.test.ts fails when a page handling POST is missing.
 */

const PAGE = ['GET', 'HEAD'];
const FORM = ['GET', 'HEAD', 'POST'];
const POST_ONLY = ['POST'];

/** Astro route patterns (as in `ctx.routePattern`) that take POST, with their methods. */
export const ROUTE_METHODS: Record<string, string[]> = {
  '/logga-in': FORM,
  '/logga-ut': FORM,
  '/konto/losenord': FORM,
  '/konto/aterstall/[token]': FORM,
  '/admin/anvandare': FORM,
  '/admin/anvandare/[id]': FORM,
  '/admin/team': FORM,
  '/admin/myndigheter': FORM,
  '/admin/import': FORM,
  '/konto/paminnelser': FORM,
  '/konto': FORM,
  '/konto/glomt-losenord': FORM,
  '/konto/tvastegs': FORM,
  '/logga-in/tva-steg': FORM,
  '/admin/sso': FORM,
  '/team/obligatoriska': FORM,
  '/team/obligatoriska/[id]': FORM,
  '/kurser/[course]/[lesson]/kunskapskoll': FORM,
  '/kurser/[course]/slutfall/kunskapskoll': FORM,
  '/kurser/[course]/[lesson]/aterkoppling': FORM,
  '/kurser/[course]/[lesson]/klar': POST_ONLY,
  '/api/framsteg': POST_ONLY,
};

/** The methods `routePattern` handles. */
export function allowedMethods(routePattern: string | undefined): string[] {
  const key = (routePattern ?? '').replace(/\/$/, '') || '/';
  return ROUTE_METHODS[key] ?? PAGE;
}

const PATTERNS = Object.entries(ROUTE_METHODS).map(
  ([pattern, methods]) => [new RegExp(`^${pattern.replace(/\[[a-z]+\]/g, '[^/]+')}/?$`), methods] as const,
);

/**
 * The methods for a raw request path, for the HTTP front's answer to methods the adapter cannot even
 * represent (TRACE, CONNECT). Only fills the Allow header: the method is refused on every path.
 */
export function allowedMethodsForPath(path: string): string[] {
  return PATTERNS.find(([pattern]) => pattern.test(path))?.[1] ?? PAGE;
}

/** The 405 answer with its Allow header. */
export function methodNotAllowed(allow: string[]): Response {
  return new Response('Metoden stöds inte för den här adressen.', {
    status: 405,
    headers: { allow: allow.join(', '), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
