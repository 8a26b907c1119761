/**
 * GET/HEAD /api/halsa answered in the HTTP front: the liveness check for load
 * balancers, and the ceiling `npm run bench:progress` compares the completion
 * route with (both skip Astro's pipeline). src/pages/api/halsa.ts answers the
 * same in `astro dev`.
 */
import type { FrontRoute } from './completion-route.ts';

export const healthRoute: FrontRoute = (req, res) => {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.url ?? '').split('?')[0] !== '/api/halsa') return false;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : 'ok');
  return true;
};
