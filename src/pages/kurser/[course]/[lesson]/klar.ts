/**
 * POST /kurser/<kurs>/<lektion>/klar — "Markera som klar". Without JavaScript
 * it is a plain form post that goes back to the lesson (303) with a fragment
 * the page shows a message for; with `Accept: application/json` the lesson
 * script gets the new state instead. Identity only from the session.
 *
 * The built server answers this URL in its HTTP front before Astro
 * (src/server/completion-route.ts: the hot write path); this route serves
 * `astro dev` and any build without the front. Both make the same decision
 * in src/lib/progress/completion-request.ts.
 */
import type { APIRoute } from 'astro';
import { findLesson } from '#lib/content/lookup.ts';
import { courseRefOf, lessonRefOf } from '#lib/content/progress-refs.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { answerCompletion } from '#lib/progress/completion-request.ts';
import { isSameOrigin } from '#lib/http/same-origin.ts';
import { jsonResponse, textResponse } from '#lib/http/responses.ts';

export const prerender = false;

export const POST: APIRoute = async ({ params, request, locals, url, redirect }) => {
  const found = await findLesson(params.course, params.lesson);
  const answer = await answerCompletion(locals.db, {
    sameOrigin: isSameOrigin(request.headers, url.origin),
    wantsJson: (request.headers.get('accept') ?? '').includes('application/json'),
    target: found && {
      href: lessonHref(found.lesson.id),
      lesson: lessonRefOf(found.entry, found.lesson),
      course: courseRefOf(found.entry),
    },
    user: locals.user,
  });
  if (answer.kind === 'redirect') return redirect(answer.location, 303);
  return answer.kind === 'json' ? jsonResponse(answer.status, answer.body) : textResponse(answer.status, answer.body);
};
