/**
 * Guards for the assignment pages and exports, decided from the session
 * user and the assignment itself, never from the URL: signed in (else the
 * login page), a manager or admin (else an audited 403), the assignment
 * exists (else 404) and reaches the user's scope (else a 403 audited with
 * the assignment's agency). Editing needs the assign rule on its target.
 */
import type { APIContext } from 'astro';
import type { Db } from '#db/client.ts';
import { deny, idParam, requireUser } from '#lib/access/guard.ts';
import type { SessionUser } from '#lib/auth/session.ts';
import { findAssignment, targetOf, type Assignment } from './assignments.ts';
import { assignDecision, complianceView } from './rules.ts';

type Ctx = Pick<APIContext, 'locals' | 'url' | 'redirect' | 'rewrite' | 'clientAddress' | 'request'>;

export interface AssignmentAccess {
  user: SessionUser;
  assignment: Assignment;
  /** Whose compliance the user sees: the whole target, or their team's people in it. */
  teamId: number | null;
  canEdit: boolean;
}

/** The assignment `rawId` names, as far as the user may see it, or the Response to send. */
export async function assignmentAccess(ctx: Ctx, rawId: string | undefined): Promise<AssignmentAccess | Response> {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  if (user.role !== 'manager' && user.role !== 'admin') return deny(ctx, 'obligatoriska kurser kräver chefsroll');
  const id = idParam(rawId);
  const assignment = id === null ? null : await findAssignment(ctx.locals.db, id);
  if (!assignment) return new Response(null, { status: 404 });
  const view = complianceView(user, assignment.agencyId);
  const denied = () => deny(ctx, `uppdrag ${assignment.id} ligger utanför behörigheten`, assignment.agencyId);
  if (!view) return denied();
  const target = await targetOf(ctx.locals.db, assignment);
  if (view.kind === 'team' && target.type !== 'agency' && target.teamId !== view.teamId) return denied();
  return {
    user,
    assignment,
    teamId: view.kind === 'team' ? view.teamId : null,
    canEdit: assignDecision(user, target) === 'ok',
  };
}

/**
 * Whether assignment `id` may be read within a resolved report scope (an
 * agency, optionally one team): `ok`, `not-found`, or `denied` with the
 * assignment's agency (another agency's, or not reaching the team).
 */
export async function assignmentInScope(
  db: Db,
  scope: { agencyId: number; teamId: number | null },
  id: number,
): Promise<{ kind: 'ok'; assignment: Assignment } | { kind: 'not-found' } | { kind: 'denied'; agencyId: number }> {
  const assignment = await findAssignment(db, id);
  if (!assignment) return { kind: 'not-found' };
  if (assignment.agencyId !== scope.agencyId) return { kind: 'denied', agencyId: assignment.agencyId };
  if (scope.teamId !== null) {
    const target = await targetOf(db, assignment);
    if (target.type !== 'agency' && target.teamId !== scope.teamId)
      return { kind: 'denied', agencyId: assignment.agencyId };
  }
  return { kind: 'ok', assignment };
}

/**
 * An admin names an assignment without its agency (admins' reports default
 * to the first agency): the agency to send them on to, or null.
 */
export async function adminAssignmentAgency(
  db: Db,
  user: SessionUser,
  query: { uppdrag?: number; myndighet?: number },
): Promise<number | null> {
  if (user.role !== 'admin' || !query.uppdrag || query.myndighet) return null;
  return (await findAssignment(db, query.uppdrag))?.agencyId ?? null;
}
