/**
 * Session and cookie settings, read from the environment at call time (not
 * inlined at build): SESSION_IDLE_HOURS (default 8 working hours),
 * SESSION_MAX_DAYS (absolute cap, default 7) and PUBLIC_ORIGIN (https →
 * Secure cookie with the `__Host-` prefix).
 */

const HOUR = 60 * 60 * 1000;

export interface SessionSettings {
  /** A session unused this long expires (sliding). */
  idleMs: number;
  /** No session lives longer than this, however active. */
  absoluteMs: number;
  /** `last_verified_at` is written at most this often. */
  renewMs: number;
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The session lifetimes in force. */
export function sessionSettings(env: NodeJS.ProcessEnv = process.env): SessionSettings {
  const idleMs = positiveNumber(env.SESSION_IDLE_HOURS, 8) * HOUR;
  return {
    idleMs,
    absoluteMs: positiveNumber(env.SESSION_MAX_DAYS, 7) * 24 * HOUR,
    renewMs: Math.min(HOUR, idleMs / 2),
  };
}

/** True when the site is served over https (directly or behind a TLS proxy). */
export function servedOverHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PUBLIC_ORIGIN ?? '').startsWith('https://');
}

/** The session cookie's name: `__Host-session` over https, else `session`. */
export function sessionCookieName(env: NodeJS.ProcessEnv = process.env): string {
  return servedOverHttps(env) ? '__Host-session' : 'session';
}
