/**
 * User accounts: look-up, listing within a scope, creation, role/team
 * changes, enabling/disabling and password changes. Disabling or changing a
 * password deletes every session of the user in the same transaction.
 */
import { and, asc, count, eq, or, type SQL } from 'drizzle-orm';
import { containsText, swedishOrder } from '#db/sql.ts';
import type { Db } from '#db/client.ts';
import { agencies, passwordResets, sessions, teams, users, ROLES, MANAGER_SCOPES } from '#db/schema.ts';
import { queueMail, type OutgoingMail } from '#lib/mail/outbox.ts';
import { normalizeEmail } from '#lib/http/text-input.ts';
import { transaction } from '#db/tx.ts';

export type UserRow = typeof users.$inferSelect;
export type Role = (typeof ROLES)[number];
export type ManagerScope = (typeof MANAGER_SCOPES)[number];

/** A user as lists and admin pages show it: no password hash. */
export type UserListItem = Omit<UserRow, 'passwordHash'> & {
  agencyCode: string;
  teamName: string | null;
  hasPassword: boolean;
};

/** What may be set when creating a user (already validated). */
export interface NewUser {
  name: string;
  email: string;
  agencyId: number;
  teamId: number | null;
  role: Role;
  managerScope: ManagerScope | null;
  passwordHash?: string | null;
}

export type UserWriteResult = { ok: true; id: number } | { ok: false; field: string; error: string };

/** The account for an e-mail (any case), or null. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  return (
    (
      await db
        .select()
        .from(users)
        .where(eq(users.email, normalizeEmail(email)))
        .limit(1)
    )[0] ?? null
  );
}

/** The account with this id, or null. */
export async function findUser(db: Db, id: number): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.id, id)).limit(1))[0] ?? null;
}

export interface UserListFilters {
  agencyId?: number;
  teamId?: number;
  /** Part of the name or e-mail. */
  q?: string;
  limit?: number;
}

const listColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  agencyId: users.agencyId,
  teamId: users.teamId,
  role: users.role,
  managerScope: users.managerScope,
  active: users.active,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  passwordHash: users.passwordHash,
  agencyCode: agencies.code,
  teamName: teams.name,
};

/** Users matching the filters, by name; callers pass the scope the actor may see. */
export async function listUsers(db: Db, filters: UserListFilters = {}): Promise<UserListItem[]> {
  const where: SQL[] = [];
  if (filters.agencyId !== undefined) where.push(eq(users.agencyId, filters.agencyId));
  if (filters.teamId !== undefined) where.push(eq(users.teamId, filters.teamId));
  if (filters.q) {
    where.push(or(containsText(users.name, filters.q), containsText(users.email, filters.q.toLowerCase()))!);
  }
  const rows = await db
    .select(listColumns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(...where))
    .orderBy(asc(swedishOrder(db, users.name)), asc(users.id))
    .limit(filters.limit ?? 500);
  return rows.map(({ passwordHash, ...rest }) => ({ ...rest, hasPassword: passwordHash !== null }));
}

async function teamInAgency(db: Db, teamId: number | null, agencyId: number): Promise<boolean> {
  if (teamId === null) return true;
  return !!(
    await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.agencyId, agencyId)))
      .limit(1)
  )[0];
}

function roleProblem(
  input: Pick<NewUser, 'role' | 'managerScope' | 'teamId'>,
): { field: string; error: string } | null {
  if (input.role === 'manager' && !input.managerScope)
    return { field: 'managerScope', error: 'Välj om chefen ansvarar för ett team eller hela myndigheten.' };
  if (input.role === 'manager' && input.managerScope === 'team' && input.teamId === null)
    return { field: 'teamId', error: 'En teamchef måste höra till ett team.' };
  return null;
}

/** Creates an account; refuses a taken e-mail or a team outside the agency. */
export async function createUser(db: Db, input: NewUser): Promise<UserWriteResult> {
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(db, email))
    return { ok: false, field: 'email', error: 'E-postadressen används redan av ett annat konto.' };
  if (!(await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, input.agencyId)).limit(1))[0])
    return { ok: false, field: 'agencyId', error: 'Välj en myndighet som finns.' };
  if (!(await teamInAgency(db, input.teamId, input.agencyId)))
    return { ok: false, field: 'teamId', error: 'Teamet hör inte till den valda myndigheten.' };
  const problem = roleProblem(input);
  if (problem) return { ok: false, ...problem };
  const managerScope = input.role === 'manager' ? input.managerScope : null;
  const [row] = await db
    .insert(users)
    .values({ ...input, email, managerScope, passwordHash: input.passwordHash ?? null })
    .returning({ id: users.id });
  return { ok: true, id: row.id };
}

/** Changes role, manager scope and team (admin only; the caller checks). */
export async function updateUserRole(
  db: Db,
  id: number,
  change: Pick<NewUser, 'role' | 'managerScope' | 'teamId'>,
): Promise<UserWriteResult> {
  const user = await findUser(db, id);
  if (!user) return { ok: false, field: 'id', error: 'Kontot finns inte.' };
  if (!(await teamInAgency(db, change.teamId, user.agencyId)))
    return { ok: false, field: 'teamId', error: 'Teamet hör inte till användarens myndighet.' };
  const problem = roleProblem(change);
  if (problem) return { ok: false, ...problem };
  const managerScope = change.role === 'manager' ? change.managerScope : null;
  await db.update(users).set({ role: change.role, managerScope, teamId: change.teamId }).where(eq(users.id, id));
  return { ok: true, id };
}

/** Enables or disables an account; disabling deletes all its sessions at once. */
export async function setUserActive(db: Db, id: number, active: boolean): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.update(users).set({ active }).where(eq(users.id, id));
    if (!active) await tx.delete(sessions).where(eq(sessions.userId, id));
  });
}

/**
 * Stores a new password hash, deletes every session and every outstanding
 * reset link of the user, and queues `notice` (the "your password changed" mail).
 */
export async function setUserPassword(db: Db, id: number, passwordHash: string, notice?: OutgoingMail): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await tx.delete(passwordResets).where(eq(passwordResets.userId, id));
    if (notice) await queueMail(tx, notice);
  });
}

/** Notes a successful login. */
export async function recordLogin(db: Db, id: number, at = new Date()): Promise<void> {
  await db.update(users).set({ lastLoginAt: at.toISOString() }).where(eq(users.id, id));
}

/** Aggregate counts per agency and role: figures only, never names (trainer statistics). */
export async function userCountsByAgency(
  db: Db,
): Promise<{ agencyCode: string; agencyName: string; role: Role; active: boolean; n: number }[]> {
  return await db
    .select({
      agencyCode: agencies.code,
      agencyName: agencies.name,
      role: users.role,
      active: users.active,
      n: count(),
    })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .groupBy(agencies.id, users.role, users.active)
    .orderBy(asc(swedishOrder(db, agencies.name)));
}
