/**
 * Who may assign what, pure. Agency managers assign within their agency
 * (the agency, any of its teams, any of its people); team managers within
 * their team (the team, its people); admins anywhere. Editing and removing
 * an assignment follow the same rule on its target. Everyone else: 403.
 */
import type { SessionUser } from '#lib/auth/session.ts';

export type AssignTarget =
  | { type: 'agency'; agencyId: number }
  | { type: 'team'; agencyId: number; teamId: number }
  | { type: 'person'; agencyId: number; teamId: number | null; userId: number };

/** `ok`; `forbidden` (not a manager or admin); `denied` (a manager, outside their scope: audited with the agency). */
export type AssignDecision = 'ok' | 'forbidden' | 'denied';

/** May `actor` assign to (or edit and remove an assignment of) `target`? */
export function assignDecision(actor: SessionUser | null, target: AssignTarget): AssignDecision {
  if (!actor) return 'forbidden';
  if (actor.role === 'admin') return 'ok';
  if (actor.role !== 'manager') return 'forbidden';
  if (actor.agencyId !== target.agencyId) return 'denied';
  if (actor.managerScope === 'agency') return 'ok';
  if (actor.teamId === null || target.type === 'agency') return 'denied';
  return target.teamId === actor.teamId ? 'ok' : 'denied';
}

/**
 * Whose compliance `actor` may read in an agency: all its people, one team's,
 * or none. Team managers see every assignment that reaches their team
 * (also agency-wide ones), but only their team's people.
 */
export function complianceView(
  actor: SessionUser,
  agencyId: number,
): { kind: 'agency' } | { kind: 'team'; teamId: number } | null {
  if (actor.role === 'admin') return { kind: 'agency' };
  if (actor.role !== 'manager' || actor.agencyId !== agencyId) return null;
  if (actor.managerScope === 'agency') return { kind: 'agency' };
  return actor.teamId === null ? null : { kind: 'team', teamId: actor.teamId };
}
