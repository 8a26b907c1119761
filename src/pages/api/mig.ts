/**
 * GET /api/mig: who is signed in, for the small script that upgrades the
 * header of prerendered pages. Read-only, same-origin only (Sec-Fetch-Site),
 * no-store; answers only the caller's own name and navigation links.
 */
import type { APIRoute } from 'astro';
import { accountLinks } from '../../lib/server/account-links.ts';

export const prerender = false;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export const GET: APIRoute = ({ locals, request }) => {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return json({ fel: 'Endast från samma webbplats.' }, 403);
  const user = locals.user;
  if (!user) return json({ inloggad: false });
  return json({ inloggad: true, namn: user.name, lankar: accountLinks(user) });
};
