/**
 * POST /kurser/<kurs>/<lektion>/klar — "Markera som klar". Without JavaScript
 * it is a plain form post that goes back to the lesson (303) with a fragment
 * the page shows a message for; with `Accept: application/json` the lesson
 * script gets the new state instead. Identity only from the session.
 */
import type { APIRoute } from 'astro';
import { getDb } from '../../../../../db/client.ts';
import { findLesson } from '../../../../lib/content/lookup.ts';
import { courseRefOf, lessonRefOf } from '../../../../lib/content/progress-refs.ts';
import { lessonHref } from '../../../../lib/content/catalog.ts';
import { STATE_LABELS } from '../../../../lib/progress/course-progress.ts';
import { completeLesson } from '../../../../lib/server/progress.ts';
import { isSameOrigin } from '../../../../lib/server/same-origin.ts';
import { jsonResponse as json } from '../../../../lib/server/responses.ts';

export const prerender = false;

export const POST: APIRoute = async ({ params, request, locals, url, redirect }) => {
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  if (!isSameOrigin(request, url)) return wantsJson ? json(403, { fel: 'Förfrågan kom inte från Kompetensnav.' }) : new Response('Förfrågan kom inte från Kompetensnav.', { status: 403 });
  const found = await findLesson(params.course, params.lesson);
  if (!found) return wantsJson ? json(404, { fel: 'Lektionen finns inte.' }) : new Response('Lektionen finns inte.', { status: 404 });
  const href = lessonHref(found.lesson.id);
  const user = locals.user;
  if (!user) return wantsJson ? json(401, { fel: 'Logga in för att spara dina framsteg.' }) : redirect(`/logga-in?till=${encodeURIComponent(href)}`, 303);

  const result = await completeLesson(getDb(), user, lessonRefOf(found.entry, found.lesson), courseRefOf(found.entry));
  if (wantsJson) {
    return json(200, { klar: result.completed, status: result.state, statusText: STATE_LABELS[result.state], kravKunskapskoll: !result.completed, intyg: result.certificateCode !== null });
  }
  return redirect(`${href}#${result.completed ? 'markerad-klar' : 'klar-kraver-kunskapskoll'}`, 303);
};
