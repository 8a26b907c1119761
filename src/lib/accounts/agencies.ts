/**
 * Agencies (customer organisations) and their teams: listing and creating.
 * Names are NFC-normalised; codes are upper-case letters.
 */
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { swedishOrder } from '#db/sql.ts';
import { agencies, teams, users } from '#db/schema.ts';

export type Agency = typeof agencies.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type TeamWithAgency = Team & { agencyCode: string; agencyName: string; members: number };

export type CreateResult = { ok: true; id: number } | { ok: false; field: string; error: string };

/** Every agency, by name. */
export async function listAgencies(db: Db): Promise<Agency[]> {
  return await db
    .select()
    .from(agencies)
    .orderBy(asc(swedishOrder(db, agencies.name)));
}

/** One agency by id or code, or null. */
export async function findAgency(db: Db, key: { id?: number; code?: string }): Promise<Agency | null> {
  if (key.id !== undefined)
    return (await db.select().from(agencies).where(eq(agencies.id, key.id)).limit(1))[0] ?? null;
  if (key.code !== undefined)
    return (await db.select().from(agencies).where(eq(agencies.code, key.code.toUpperCase())).limit(1))[0] ?? null;
  return null;
}

/** Creates an agency; refuses a name or code already in use. */
export async function createAgency(db: Db, input: { name: string; code: string }): Promise<CreateResult> {
  const existing = await db.select().from(agencies);
  if (existing.some((a) => a.code === input.code))
    return { ok: false, field: 'code', error: 'Kortnamnet används redan av en annan myndighet.' };
  if (existing.some((a) => a.name.toLowerCase() === input.name.toLowerCase()))
    return { ok: false, field: 'name', error: 'Det finns redan en myndighet med det namnet.' };
  const [row] = await db.insert(agencies).values(input).returning({ id: agencies.id });
  return { ok: true, id: row.id };
}

/** Teams with their agency and member counts, optionally for one agency. */
export async function listTeams(db: Db, agencyId?: number): Promise<TeamWithAgency[]> {
  const rows = await db
    .select({ team: teams, agencyCode: agencies.code, agencyName: agencies.name, members: count(users.id) })
    .from(teams)
    .innerJoin(agencies, eq(agencies.id, teams.agencyId))
    .leftJoin(users, eq(users.teamId, teams.id))
    .where(agencyId === undefined ? undefined : eq(teams.agencyId, agencyId))
    // agencies.id too: PostgreSQL selects agency columns only when their key is grouped.
    .groupBy(teams.id, agencies.id)
    .orderBy(asc(swedishOrder(db, agencies.name)), asc(swedishOrder(db, teams.name)));
  return rows.map((r) => ({ ...r.team, agencyCode: r.agencyCode, agencyName: r.agencyName, members: r.members }));
}

/** One team, or null. */
export async function findTeam(db: Db, id: number): Promise<Team | null> {
  return (await db.select().from(teams).where(eq(teams.id, id)).limit(1))[0] ?? null;
}

/** Creates a team in an agency; refuses a duplicate name within the agency. */
export async function createTeam(db: Db, input: { agencyId: number; name: string }): Promise<CreateResult> {
  if (!(await findAgency(db, { id: input.agencyId })))
    return { ok: false, field: 'agencyId', error: 'Välj en myndighet som finns.' };
  const same = await db.select().from(teams).where(eq(teams.agencyId, input.agencyId));
  if (same.some((t) => t.name.toLowerCase() === input.name.toLowerCase()))
    return { ok: false, field: 'name', error: 'Myndigheten har redan ett team med det namnet.' };
  const [row] = await db.insert(teams).values(input).returning({ id: teams.id });
  return { ok: true, id: row.id };
}
