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
