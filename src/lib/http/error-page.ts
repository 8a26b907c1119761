/**
 * The server-error answer (issue 20, point 9): a short Swedish page with a
 * reference id, and the same id in the structured log line, so a person can
 * quote it and an operator can find the error. Used by src/pages/500.astro
 * (errors inside Astro) and by the HTTP front (errors before Astro).
 */
import { randomBytes } from 'node:crypto';
import { logEvent } from '#lib/audit/log.ts';

/** A new reference id, e.g. `FEL-3KQ9-ZP7M`: short to read aloud, no look-alike characters. */
export function errorReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]);
  return `FEL-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Logs the error with a new reference id and returns the id. Never logs request bodies or cookies. */
export function logServerError(error: unknown, where: { method?: string; path?: string } = {}): string {
  const ref = errorReference();
  logEvent('server.error', {
    ref,
    method: where.method,
    path: where.path?.slice(0, 200),
    message: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
  });
  return ref;
}

/** The text people see, shared by both pages. */
export const ERROR_TITLE = 'Något gick fel hos oss';
export const ERROR_TEXT =
  'Det du försökte göra kunde inte slutföras. Försök igen om en stund. Om felet kvarstår, kontakta supporten och uppge referensen nedan.';

/** The front's stand-alone page (no layout: Astro may be what failed). */
export function errorPageHtml(ref: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${ERROR_TITLE} – Kompetensnav</title></head>
<body>
<main>
<h1>${ERROR_TITLE}</h1>
<p>${ERROR_TEXT}</p>
<p>Referens: <code>${ref}</code></p>
<p><a href="/">Till startsidan</a></p>
</main>
</body>
</html>
`;
}
