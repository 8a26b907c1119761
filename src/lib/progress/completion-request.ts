/**
 * "Markera som klar" as one decision, shared by the Astro route
 * (src/pages/kurser/[course]/[lesson]/klar.ts, used by `astro dev`) and the
 * HTTP front's fast route (src/server/completion-route.ts, used by the built
 * server): guard → act → answer, independent of the request API around it.
 */
import type { Db } from '#db/client.ts';
import { STATE_LABELS } from './course-progress.ts';
import { completeLesson, type CourseRef, type LessonRef, type Participant } from './progress.ts';

/** The lesson the URL names, resolved against the catalogue, or null. */
export interface CompletionTarget {
  href: string;
  lesson: LessonRef;
  course: CourseRef;
}

export interface CompletionAsk {
  /** The request came from our own pages (same-origin.ts). */
  sameOrigin: boolean;
  /** The lesson script asked for JSON; otherwise a plain form post. */
  wantsJson: boolean;
  target: CompletionTarget | null;
  /** The session user; identity never comes from the request body. */
  user: Participant | null;
}

/** What to send: a JSON body, a plain text body, or a 303 to `location`. */
export type CompletionAnswer =
  | { status: number; kind: 'json'; body: unknown }
  | { status: number; kind: 'text'; body: string }
  | { status: 303; kind: 'redirect'; location: string };

function refuse(ask: CompletionAsk, status: number, message: string): CompletionAnswer {
  return ask.wantsJson ? { status, kind: 'json', body: { fel: message } } : { status, kind: 'text', body: message };
}

/** Guards, records the completion, and says how to answer. */
export async function answerCompletion(db: Db, ask: CompletionAsk): Promise<CompletionAnswer> {
  if (!ask.sameOrigin) return refuse(ask, 403, 'Förfrågan kom inte från Kompetensnav.');
  const { target, user } = ask;
  if (!target) return refuse(ask, 404, 'Lektionen finns inte.');
  if (!user) {
    return ask.wantsJson
      ? { status: 401, kind: 'json', body: { fel: 'Logga in för att spara dina framsteg.' } }
      : { status: 303, kind: 'redirect', location: `/logga-in?till=${encodeURIComponent(target.href)}` };
  }
  const result = await completeLesson(db, user, target.lesson, target.course);
  if (!ask.wantsJson)
    return {
      status: 303,
      kind: 'redirect',
      location: `${target.href}#${result.completed ? 'markerad-klar' : 'klar-kraver-kunskapskoll'}`,
    };
  return {
    status: 200,
    kind: 'json',
    body: {
      klar: result.completed,
      status: result.state,
      statusText: STATE_LABELS[result.state],
      kravKunskapskoll: !result.completed,
      intyg: result.certificateCode !== null,
    },
  };
}
