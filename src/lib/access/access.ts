/**
 * Authorization rules: pure functions of the signed-in user and the thing
 * asked for. Every page and endpoint calls one of these itself (role AND
 * agency/team scope); nothing is decided by URL prefix.
 *
 * - learner: only themself.
 * - manager (team scope): reads their own team; (agency scope): reads every
 *   team of their agency, and adds/disables learners and team managers there.
 * - trainer: aggregate statistics across agencies, never individual names.
 * - admin: the whole platform.
 */
import type { SessionUser } from '#lib/auth/session.ts';

/** Whose accounts a user may administer. */
export type UserAdminScope = { kind: 'all' } | { kind: 'agency'; agencyId: number };

/** A user row as far as access decisions need it. */
export interface AccessTarget {
  id: number;
  agencyId: number;
  role: SessionUser['role'];
  managerScope: SessionUser['managerScope'];
}

/** Platform administrator. */
export function isAdmin(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}

/** Manager responsible for their whole agency (not one team). */
export function isAgencyManager(user: SessionUser | null): boolean {
  return user?.role === 'manager' && user.managerScope === 'agency';
}

/** The accounts this user may list and administer, or null for none. */
export function userAdminScope(user: SessionUser | null): UserAdminScope | null {
  if (isAdmin(user)) return { kind: 'all' };
  if (user && isAgencyManager(user)) return { kind: 'agency', agencyId: user.agencyId };
  return null;
}

/** May `actor` see and act on the account `target` at all? */
export function canAdministerUser(actor: SessionUser | null, target: AccessTarget): boolean {
  const scope = userAdminScope(actor);
  if (!scope || !actor) return false;
  if (scope.kind === 'all') return true;
  // Agency managers: own agency, only learners and team managers, never themselves.
  return (
    target.agencyId === scope.agencyId &&
    target.id !== actor.id &&
    (target.role === 'learner' || (target.role === 'manager' && target.managerScope === 'team'))
  );
}

/** May `actor` change roles, teams, reset links and sessions (admin-only powers)? */
export function canChangeRoles(actor: SessionUser | null): boolean {
  return isAdmin(actor);
}

/** May `actor` read the members (names) of `team`? */
export function canReadTeam(actor: SessionUser | null, team: { id: number; agencyId: number }): boolean {
  if (!actor) return false;
  if (isAdmin(actor)) return true;
  if (actor.role !== 'manager' || actor.agencyId !== team.agencyId) return false;
  return actor.managerScope === 'agency' || actor.teamId === team.id;
}

/** The teams whose members `actor` may read: all, one agency's, one team, or none. */
export function readableTeams(
  actor: SessionUser | null,
): { kind: 'all' } | { kind: 'agency'; agencyId: number } | { kind: 'team'; teamId: number } | null {
  if (!actor) return null;
  if (isAdmin(actor)) return { kind: 'all' };
  if (actor.role !== 'manager') return null;
  if (actor.managerScope === 'agency') return { kind: 'agency', agencyId: actor.agencyId };
  return actor.teamId === null ? null : { kind: 'team', teamId: actor.teamId };
}

/** May `actor` see aggregate statistics across agencies (no names)? */
export function canViewStatistics(actor: SessionUser | null): boolean {
  return actor?.role === 'trainer' || isAdmin(actor);
}

/** Agencies and teams are platform settings: admins only. */
export function canManageOrganisations(actor: SessionUser | null): boolean {
  return isAdmin(actor);
}

/** The audit log holds every agency's events: admins only. */
export function canReadAuditLog(actor: SessionUser | null): boolean {
  return isAdmin(actor);
}

/**
 * Who counts as a participant in the manager's reports: an active learner or manager. The one rule for the
 * dashboard, exports, course pages (the MEMBER query in team-report.ts) and the participant page, where
 * anyone else (a trainer, an admin, a disabled account) is "not found" like an id outside the scope.
 */
export function isReportParticipant(target: { role: SessionUser['role']; active: boolean }): boolean {
  return target.active && (target.role === 'learner' || target.role === 'manager');
}

/** May `actor` read one participant's progress (personal data)? Same rule as reading their team. */
export function canReadParticipant(
  actor: SessionUser | null,
  target: { agencyId: number; teamId: number | null },
): boolean {
  if (!actor) return false;
  if (isAdmin(actor)) return true;
  if (actor.role !== 'manager' || actor.agencyId !== target.agencyId) return false;
  return actor.managerScope === 'agency' || (target.teamId !== null && actor.teamId === target.teamId);
}
