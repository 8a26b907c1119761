/**
 * Assignments (required courses) in the database: resolving whom a form
 * names, creating, editing and removing (each in one transaction with its
 * audit row, so nothing is half-written), and listing.
 *
 * Data shape: table `assignments` (db/schema.ts). Membership is resolved
 * when read, by set-based SQL (members.ts): an agency's active learners and
 * managers, a team's current members, or one person while still in the
 * assignment's agency.
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { assignments, teams, users } from '#db/schema.ts';
import { transaction } from '#db/tx.ts';
import { audit } from '#lib/audit/audit-log.ts';
import type { SessionUser } from '#lib/auth/session.ts';
import type { AssignTarget } from './rules.ts';
import type { PathInput } from './assignment-form.ts';

export type AssignmentRow = typeof assignments.$inferSelect;

export interface Assignment extends Omit<AssignmentRow, 'courseIds'> {
  courseIds: string[];
  /** "Hela myndigheten", "Team It-drift", "Anna Andersson". */
  targetName: string;
}

export type FormTarget = { type: 'agency' } | { type: 'team'; teamId: number } | { type: 'person'; email: string };

/** The target a form names, looked up anywhere (the rule decides after), or a field error. */
export async function resolveTarget(
  db: Db,
  agencyId: number,
  target: FormTarget,
): Promise<AssignTarget | { field: string; error: string }> {
  if (target.type === 'agency') return { type: 'agency', agencyId };
  if (target.type === 'team') {
    const team = (await db.select().from(teams).where(eq(teams.id, target.teamId)).limit(1))[0];
    if (!team) return { field: 'mottagare', error: 'Teamet finns inte längre. Välj ett team i listan.' };
    return { type: 'team', agencyId: team.agencyId, teamId: team.id };
  }
  const person = (
    await db
      .select({ id: users.id, agencyId: users.agencyId, teamId: users.teamId, active: users.active })
      .from(users)
      .where(eq(users.email, target.email))
      .limit(1)
  )[0];
  if (!person || !person.active)
    return { field: 'epost', error: 'Det finns ingen aktiv person med den e-postadressen. Kontrollera stavningen.' };
  return { type: 'person', agencyId: person.agencyId, teamId: person.teamId, userId: person.id };
}

interface Actor {
  user: Pick<SessionUser, 'id' | 'email'>;
  ip: string | null;
}

const describe = (a: { courseIds: string[]; dueDate: string; recurrenceMonths: number | null }) =>
  `kurser: ${a.courseIds.join(' → ')}; sista dag: ${a.dueDate}; förnyelse: ${a.recurrenceMonths ? `${a.recurrenceMonths} mån` : 'ingen'}`;

/** Creates an assignment and its audit row in one transaction; the new id. */
export async function createAssignment(db: Db, actor: Actor, target: AssignTarget, path: PathInput): Promise<number> {
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(assignments)
      .values({
        agencyId: target.agencyId,
        targetType: target.type,
        targetTeamId: target.type === 'team' ? target.teamId : null,
        targetUserId: target.type === 'person' ? target.userId : null,
        courseIds: JSON.stringify(path.courseIds),
        dueDate: path.dueDate,
        recurrenceMonths: path.recurrenceMonths,
        createdBy: actor.user.id,
      })
      .returning({ id: assignments.id });
    await audit(tx, {
      actor: actor.user,
      action: 'assignment.create',
      targetType: 'assignment',
      targetId: row.id,
      agencyId: target.agencyId,
      outcome: 'ok',
      detail: `${target.type}${target.type === 'team' ? ` ${target.teamId}` : target.type === 'person' ? ` ${target.userId}` : ''}; ${describe(path)}`,
      ip: actor.ip,
    });
    return row.id;
  });
}

/** Changes an assignment's path, date and renewal, with its audit row; false when it no longer exists. */
export async function updateAssignment(
  db: Db,
  actor: Actor,
  id: number,
  path: PathInput,
  now = new Date(),
): Promise<boolean> {
  return transaction(db, async (tx) => {
    const changed = await tx
      .update(assignments)
      .set({
        courseIds: JSON.stringify(path.courseIds),
        dueDate: path.dueDate,
        recurrenceMonths: path.recurrenceMonths,
        updatedAt: now.toISOString(),
      })
      .where(eq(assignments.id, id))
      .returning({ agencyId: assignments.agencyId });
    if (changed.length === 0) return false;
    await audit(tx, {
      actor: actor.user,
      action: 'assignment.update',
      targetType: 'assignment',
      targetId: id,
      agencyId: changed[0].agencyId,
      outcome: 'ok',
      detail: describe(path),
      ip: actor.ip,
    });
    return true;
  });
}

/** Removes an assignment, with its audit row; false when it no longer exists. */
export async function removeAssignment(db: Db, actor: Actor, id: number): Promise<boolean> {
  return transaction(db, async (tx) => {
    const gone = await tx.delete(assignments).where(eq(assignments.id, id)).returning();
    if (gone.length === 0) return false;
    await audit(tx, {
      actor: actor.user,
      action: 'assignment.remove',
      targetType: 'assignment',
      targetId: id,
      agencyId: gone[0].agencyId,
      outcome: 'ok',
      detail: describe({ ...gone[0], courseIds: JSON.parse(gone[0].courseIds) as string[] }),
      ip: actor.ip,
    });
    return true;
  });
}

/** Parses the stored course path (a CHECK keeps it a non-empty JSON array). */
export function coursePath(row: Pick<AssignmentRow, 'courseIds'>): string[] {
  return JSON.parse(row.courseIds) as string[];
}

/** The assignment's target as the rules see it (a person target with their current team). */
export async function targetOf(
  db: Db,
  row: Pick<AssignmentRow, 'agencyId' | 'targetType' | 'targetTeamId' | 'targetUserId'>,
): Promise<AssignTarget> {
  if (row.targetType === 'team') return { type: 'team', agencyId: row.agencyId, teamId: row.targetTeamId! };
  if (row.targetType === 'person') {
    const person = (await db.select({ teamId: users.teamId }).from(users).where(eq(users.id, row.targetUserId!)))[0];
    return { type: 'person', agencyId: row.agencyId, teamId: person?.teamId ?? null, userId: row.targetUserId! };
  }
  return { type: 'agency', agencyId: row.agencyId };
}

/** One assignment with its target's name, or null. */
export async function findAssignment(db: Db, id: number): Promise<Assignment | null> {
  const rows = await listWhere(db, eq(assignments.id, id));
  return rows[0] ?? null;
}

/**
 * An agency's assignments, newest first; with `teamId`, those that reach
 * that team: agency-wide ones, the team's own, and those of its people.
 */
export async function listAssignments(db: Db, agencyId: number, teamId: number | null = null): Promise<Assignment[]> {
  const inAgency = eq(assignments.agencyId, agencyId);
  if (teamId === null) return listWhere(db, inAgency);
  const teamPeople = db.select({ id: users.id }).from(users).where(eq(users.teamId, teamId));
  return listWhere(
    db,
    and(
      inAgency,
      or(
        eq(assignments.targetType, 'agency'),
        eq(assignments.targetTeamId, teamId),
        inArray(assignments.targetUserId, teamPeople),
      ),
    ),
  );
}

async function listWhere(db: Db, where: ReturnType<typeof and>): Promise<Assignment[]> {
  const rows = await db
    .select({
      a: assignments,
      teamName: teams.name,
      personName: users.name,
    })
    .from(assignments)
    .leftJoin(teams, eq(teams.id, assignments.targetTeamId))
    .leftJoin(users, eq(users.id, assignments.targetUserId))
    .where(where)
    .orderBy(desc(assignments.id));
  return rows.map(({ a, teamName, personName }) => ({
    ...a,
    courseIds: coursePath(a),
    targetName:
      a.targetType === 'agency'
        ? 'Hela myndigheten'
        : a.targetType === 'team'
          ? `Team ${teamName}`
          : (personName ?? '–'),
  }));
}

/** How many assignments name the team (a team with any cannot be deleted: the foreign key refuses). */
export async function teamAssignmentCount(db: Db, teamId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(assignments)
    .where(eq(assignments.targetTeamId, teamId));
  return row.n;
}
