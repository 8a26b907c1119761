/**
 * Structured log lines on stdout: one JSON object per line with a UTC time,
 * for logins, failures, lockouts, 403s and role changes. Callers pass only
 * ids, e-mails and outcomes: never a token or a password.
 */

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes one structured line, e.g. `{"time":"…Z","event":"login.failed",…}`. */
export function logEvent(event: string, fields: LogFields = {}): void {
  if (process.env.KOMPETENSNAV_QUIET_LOG === '1') return;
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}
