/**
 * Where a person lands after signing in: the page they came from (a safe
 * `?till=` path), otherwise their role's own start: learner → Mina kurser,
 * manager → /team, trainer → /statistik, admin → /admin. Pure.
 */
import { safeReturnPath } from './return-path.ts';
import type { SessionUser } from './session.ts';

const BY_ROLE: Record<SessionUser['role'], string> = {
  learner: '/mina-kurser/',
  manager: '/team',
  trainer: '/statistik',
  admin: '/admin',
};

/** The welcome a new user sees on Mina kurser after choosing their password. */
export const WELCOME_PATH = '/mina-kurser/?valkommen=1';

/** `returnTo` when it is a safe local path, otherwise '' (no return path: the role's page then). */
export function cleanReturnPath(returnTo: string | null | undefined): string {
  const safe = returnTo ? safeReturnPath(returnTo) : null;
  // safeReturnPath falls back to /konto for anything unsafe: treat that as "no return path".
  return safe && !(safe === '/konto' && returnTo !== '/konto') ? safe : '';
}

/** The path to redirect to after a successful sign-in. */
export function landingPath(user: Pick<SessionUser, 'role'>, returnTo: string | null | undefined): string {
  return cleanReturnPath(returnTo) || BY_ROLE[user.role];
}
