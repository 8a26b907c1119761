/**
 * When a person may make another knowledge-check attempt, pure. Two rules:
 * - cool-down: after every `maxFailures` failed attempts in a row on one
 *   check (counted since its last pass), the next attempt waits
 *   `cooldownMinutes` after the last of them;
 * - throttle: at most `perMinute` graded attempts a minute per person, over
 *   all checks, so a script cannot hammer several lessons at once.
 * The attempts are read from the database (quiz_attempts), so the rules hold
 * across server processes and restarts.
 */

export interface AttemptLimits {
  maxFailures: number;
  cooldownMinutes: number;
  perMinute: number;
}

/** Why an attempt must wait, and until when (ISO time). */
export type AttemptBlock = { kind: 'cooldown'; until: string } | { kind: 'throttle'; until: string };

const MINUTE = 60_000;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * The limits from the environment: QUIZ_MAX_FAILURES (default 3),
 * QUIZ_COOLDOWN_MINUTES (default 10) and QUIZ_ATTEMPTS_PER_MINUTE (default 5).
 */
export function attemptLimits(env: Record<string, string | undefined> = process.env): AttemptLimits {
  return {
    maxFailures: Math.floor(positive(env.QUIZ_MAX_FAILURES, 3)),
    cooldownMinutes: positive(env.QUIZ_COOLDOWN_MINUTES, 10),
    perMinute: Math.floor(positive(env.QUIZ_ATTEMPTS_PER_MINUTE, 5)),
  };
}

/**
 * The block on a new attempt at `now`, or null. `onCheck` is this check's
 * attempts newest first (at least the last `maxFailures`); `lastMinute` the
 * person's attempt times (any check) of the last minute.
 */
export function attemptBlock(
  onCheck: { at: string; passed: boolean }[],
  lastMinute: string[],
  now: Date,
  limits: AttemptLimits,
): AttemptBlock | null {
  const failures = onCheck.findIndex((a) => a.passed);
  const inARow = failures === -1 ? onCheck.length : failures;
  if (inARow > 0 && inARow % limits.maxFailures === 0) {
    const until = Date.parse(onCheck[0].at) + limits.cooldownMinutes * MINUTE;
    if (now.getTime() < until) return { kind: 'cooldown', until: new Date(until).toISOString() };
  }
  const recent = lastMinute.filter((at) => now.getTime() - Date.parse(at) < MINUTE).sort();
  if (recent.length >= limits.perMinute) {
    const until = Date.parse(recent[recent.length - limits.perMinute]) + MINUTE;
    return { kind: 'throttle', until: new Date(until).toISOString() };
  }
  return null;
}

/** Swedish wall-clock time (Europe/Stockholm) of an ISO time, e.g. "14:35". */
function clock(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** The message a person sees when an attempt must wait: why, and when they can try again. */
export function blockMessage(block: AttemptBlock, limits: AttemptLimits, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((Date.parse(block.until) - now.getTime()) / MINUTE));
  const when = `Du kan försöka igen kl. ${clock(block.until)} (om ${minutes} ${minutes === 1 ? 'minut' : 'minuter'}).`;
  if (block.kind === 'cooldown') {
    return `Du har svarat fel ${limits.maxFailures} gånger i rad på den här kontrollen. Ta en paus och läs lektionen igen innan nästa försök. ${when}`;
  }
  return `Du har gjort många försök på kort tid. ${when}`;
}
