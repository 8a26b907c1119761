/**
 * POST /api/framsteg {"lektion": "<kurs>/<lektion>"}: records that the
 * signed-in participant opened the lesson and answers with its state and the
 * course's progress, for the small script on lesson pages. While the person
 * renews a recurring required course, lessons done before the renewal window
 * read as started (to be done again). Signed out:
 * `{"inloggad": false}` and nothing written.
 */
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { findLesson } from '#lib/content/lookup.ts';
import { lessonRefOf } from '#lib/content/progress-refs.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import { courseProgress, lessonState, STATE_LABELS, withoutRenewed } from '#lib/progress/course-progress.ts';
import { lessonRecords, recordVisit, renewalSince } from '#lib/progress/progress.ts';
import { isSameOrigin } from '#lib/http/same-origin.ts';
import { jsonResponse as json } from '#lib/http/responses.ts';

export const prerender = false;

const Body = z.strictObject({
  lektion: z
    .string()
    .max(200)
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
});

export const POST: APIRoute = async ({ request, locals, url }) => {
  if (!isSameOrigin(request.headers, url.origin)) return json(403, { fel: 'Förfrågan kom inte från Kompetensnav.' });
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json'))
    return json(415, { fel: 'Skicka JSON.' });
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return json(400, { fel: 'Ogiltig JSON.' });
  }
  const parsed = Body.safeParse(raw);
  if (!parsed.success) return json(400, { fel: 'Ange lektionen som "kurs/lektion".' });
  const [course, slug] = parsed.data.lektion.split('/');
  const found = await findLesson(course, slug);
  if (!found) return json(404, { fel: 'Lektionen finns inte.' });
  const user = locals.user;
  if (!user) return json(200, { inloggad: false });

  const db = locals.db;
  const lesson = lessonRefOf(found.entry, found.lesson);
  const visited = await recordVisit(db, user, lesson);
  const since = await renewalSince(db, user, lesson.courseId);
  const records = new Map(
    [...(await lessonRecords(db, user.id, lesson.courseId))].map(([id, r]) => [id, withoutRenewed(r, since)!]),
  );
  const state = since ? lessonState(records.get(lesson.lessonId), lesson.revision) : visited;
  const progress = courseProgress(
    found.entry.lessons.map((l) => ({ id: l.id, revision: l.data.revision })),
    records,
  );
  const next = progress.nextLessonId ? found.entry.lessons.find((l) => l.id === progress.nextLessonId) : null;
  return json(200, {
    inloggad: true,
    status: state,
    statusText: STATE_LABELS[state],
    kurs: { klara: progress.completed, totalt: progress.total, procent: progress.percent, klar: progress.complete },
    nasta: next ? { titel: next.data.title, adress: lessonHref(next.id) } : null,
    fornyas: since !== null,
  });
};
