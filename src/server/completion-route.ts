/**
 * The hot write path, answered in the HTTP front before Astro:
 * POST /kurser/<kurs>/<lektion>/klar/ ("Markera som klar").
 *
 * Why here: Astro's request pipeline (web Request/Response conversion,
 * routing, middleware, cookies) costs more per request than the whole
 * completion, and capped the server at about 1,400 requests/s on two cores
 * (`npm run bench:progress` prints the ceiling). This route does the same
 * guard → act → answer as the Astro route (both call answerCompletion), with
 * the session validated by the same module the middleware uses, and the
 * lesson looked up in the catalogue the build wrote (progress-catalog.json).
 * Anything it does not recognise falls through to Astro unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDb } from '#db/client.ts';
import { lessonHref } from '#lib/content/catalog.ts';
import type { ProgressCatalog } from '#lib/content/progress-catalog.ts';
import { answerCompletion, type CompletionTarget } from '#lib/progress/completion-request.ts';
import { isSameOrigin } from '#lib/http/same-origin.ts';
import { hasConfiguredOrigin, publicOrigin } from '#lib/http/public-origin.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import { answerServerError } from './http.ts';
import { validateSessionToken } from '#lib/auth/session.ts';
import { sessionCookieHeader, sessionTokenFromHeader } from '#lib/auth/session-cookie.ts';

/** A route of the front: true when it took the request, false to pass it on. */
export type FrontRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

const COMPLETE_PATH = /^\/kurser\/([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/klar\/?$/;

function targets(catalog: ProgressCatalog): Map<string, CompletionTarget> {
  const byId = new Map<string, CompletionTarget>();
  for (const course of catalog) {
    const courseRef = { courseId: course.id, revision: course.revision, lessonIds: course.lessons.map((l) => l.id) };
    for (const l of course.lessons) {
      byId.set(l.id, {
        href: lessonHref(l.id),
        lesson: { courseId: course.id, lessonId: l.id, revision: l.revision, hasQuiz: l.hasQuiz },
        course: courseRef,
      });
    }
  }
  return byId;
}

function headerGetter(req: IncomingMessage) {
  return { get: (name: string) => (req.headers[name] as string | undefined) ?? null };
}

async function complete(
  req: IncomingMessage,
  res: ServerResponse,
  target: CompletionTarget | null,
  siteOrigins: string[],
): Promise<void> {
  const db = getDb();
  const token = sessionTokenFromHeader(req.headers.cookie);
  const validation = token ? await validateSessionToken(db, token) : null;
  if (token && validation && !validation.session) res.appendHeader('Set-Cookie', sessionCookieHeader(null));
  if (token && validation?.session && validation.renewed)
    res.appendHeader('Set-Cookie', sessionCookieHeader(token, validation.session.expiresAt));
  const answer = await answerCompletion(db, {
    sameOrigin: isSameOrigin(headerGetter(req), siteOrigins),
    wantsJson: (req.headers.accept ?? '').includes('application/json'),
    target,
    user: validation?.user ?? null,
  });
  res.statusCode = answer.status;
  res.setHeader('Cache-Control', 'no-store');
  if (answer.kind === 'redirect') {
    res.setHeader('Location', answer.location);
    res.end();
  } else if (answer.kind === 'json') {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(answer.body));
  } else {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(answer.body);
  }
}

/** A body over the limit (chunked, so no Content-Length said so first): 413, and the connection closed. */
function refuseOversized(res: ServerResponse): void {
  if (res.headersSent) return;
  res.statusCode = 413;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Connection', 'close');
  res.end(`Förfrågan är för stor: högst ${MAX_BODY_BYTES / 1024 / 1024} MB tas emot.`);
}

/**
 * The completion route over `catalog`. A request counts as same-origin when
 * it names the configured public origin (PUBLIC_ORIGIN) or the origin it
 * was sent to, as the middleware does. The body (an empty form) carries
 * nothing we use; it is read to the end but never past MAX_BODY_BYTES.
 */
export function completionRoute(catalog: ProgressCatalog): FrontRoute {
  const byId = targets(catalog);
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const match = COMPLETE_PATH.exec((req.url ?? '').split('?')[0]);
    if (!match) return false;
    const target = byId.get(`${match[1]}/${match[2]}`) ?? null;
    const own = `http://${req.headers.host ?? 'localhost'}`;
    const origins = hasConfiguredOrigin() ? [publicOrigin(), own] : [own];
    let received = 0;
    req.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Past 16 MB stop reading: answer and drop the connection.
      if (received > 16 * MAX_BODY_BYTES) {
        refuseOversized(res);
        req.destroy();
      }
    });
    // Answer once the body is read: closing earlier breaks the client's upload before it reads the 413.
    req.once('end', () => {
      if (received > MAX_BODY_BYTES) refuseOversized(res);
      else complete(req, res, target, origins).catch((error: unknown) => answerServerError(req, res, error));
    });
    return true;
  };
}
