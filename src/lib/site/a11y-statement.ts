/** Reads the latest accessibility report for the statement page (at request time). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { A11yReport } from './a11y-report.ts';

/** The report written by `npm run audit:a11y` for this build, or null when none has run. */
export function latestReport(): A11yReport | null {
  try {
    return JSON.parse(
      readFileSync(join(process.env.OUT_DIR ?? 'dist', 'client/tillganglighet/rapport.json'), 'utf8'),
    ) as A11yReport;
  } catch {
    return null;
  }
}

/** How to report accessibility problems: an e-mail address and/or a form's address. */
export interface A11yContact {
  email: string | null;
  url: string | null;
}

/** Used when the operator has configured nothing (set A11Y_CONTACT_EMAIL / A11Y_CONTACT_URL in production). */
export const DEFAULT_A11Y_CONTACT_EMAIL = 'kompetensnav@forsakringskassan.se';

/**
 * The contact route from A11Y_CONTACT_EMAIL and A11Y_CONTACT_URL (read at
 * request time). Values that are not a plausible address or an http(s) URL
 * are ignored, so a typo never renders as a broken or unsafe link.
 */
export function a11yContact(env: Record<string, string | undefined> = process.env): A11yContact {
  const email = env.A11Y_CONTACT_EMAIL?.trim() ?? '';
  const url = env.A11Y_CONTACT_URL?.trim() ?? '';
  const okEmail = /^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i.test(email) ? email : null;
  let okUrl: string | null = null;
  try {
    if (url && ['https:', 'http:'].includes(new URL(url).protocol)) okUrl = url;
  } catch {
    okUrl = null;
  }
  return { email: okEmail ?? (okUrl ? null : DEFAULT_A11Y_CONTACT_EMAIL), url: okUrl };
}
