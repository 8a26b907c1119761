/**
 * GET /api/jag: who is reading, for the personal parts of prerendered pages
 * (/scripts/personal.js). Never 401: signed out is `{"signedIn": false}`.
 * Personal, so `Cache-Control: no-store` (set here and by the middleware).
 */
import type { APIRoute } from 'astro';
import { loadCatalog } from '#lib/content/collections.ts';
import { personalState } from '#lib/content/personal-state.ts';
import { accountLinks } from '#lib/auth/account-links.ts';
import { completionsOf, lessonRecords } from '#lib/progress/progress.ts';

export const prerender = false;

const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export const GET: APIRoute = async ({ locals }) => {
  const user = locals.user;
  if (!user) return new Response(JSON.stringify({ signedIn: false }), { headers });
  const [catalog, records, completions] = await Promise.all([
    loadCatalog(),
    lessonRecords(locals.db, user.id),
    completionsOf(locals.db, user.id),
  ]);
  const certificates = new Map(completions.map((c) => [c.courseId, c.certificateCode]));
  const state = personalState(user, accountLinks(user), catalog, records, certificates);
  return new Response(JSON.stringify(state), { headers });
};
