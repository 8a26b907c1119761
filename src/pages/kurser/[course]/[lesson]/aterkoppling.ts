/**
 * POST /kurser/<kurs>/<lektion>/aterkoppling/ — "Hjälpte den här lektionen?".
 * A plain form post from the (prerendered) lesson page: saved per participant
 * (answering again replaces the earlier answer), then back to the lesson (303)
 * with a fragment the page's CSS reveals a thank-you for. Identity only from
 * the session; the body may hold exactly `hjalpte` and `kommentar`.
 */
import type { APIRoute } from 'astro';
import { findLesson } from '#lib/content/lookup.ts';
import { lessonRefOf } from '#lib/content/progress-refs.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { feedbackForm, saveFeedback } from '#lib/progress/feedback.ts';
import { submitForm } from '#lib/http/form.ts';
import { isSameOrigin } from '#lib/http/same-origin.ts';
import { textResponse as text } from '#lib/http/responses.ts';

export const prerender = false;

export const POST: APIRoute = async ({ params, request, locals, redirect, url }) => {
  if (!isSameOrigin(request.headers, url.origin)) return text(403, 'Förfrågan kom inte från Kompetensnav.');
  const found = await findLesson(params.course, params.lesson);
  if (!found) return text(404, 'Lektionen finns inte.');
  const href = lessonHref(found.lesson.id);
  const user = locals.user;
  if (!user) return redirect(`/logga-in?till=${encodeURIComponent(href)}`, 303);

  // The shared form mechanism; this endpoint answers in plain text instead of re-rendering a page.
  const answer = { status: 200 };
  const form = await submitForm({ request, response: answer }, feedbackForm);
  if (!form.ok) {
    const { message, errors } = form.state;
    return text(
      answer.status,
      message ?? `${errors.map((e) => e.message).join(' ')} Gå tillbaka till lektionen och försök igen.`,
    );
  }

  await saveFeedback(locals.db, user, lessonRefOf(found.entry, found.lesson), form.data);
  return redirect(`${href}#aterkoppling-sparad`, 303);
};

export const GET: APIRoute = async ({ params, redirect }) => {
  const found = await findLesson(params.course, params.lesson);
  return found ? redirect(`${lessonHref(found.lesson.id)}#aterkoppling`, 303) : text(404, 'Lektionen finns inte.');
};
