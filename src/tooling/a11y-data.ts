/**
 * Data the accessibility audit adds to its freshly seeded database: the demo
 * agencies are smaller than one page of the manager's matrix, so the audit
 * gives Pensionsmyndigheten a second page of participants (no progress, no
 * password) to reach the pager by keyboard.
 */
import { eq } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { agencies, teams, users } from '#db/schema.ts';
import { PAGE_SIZE } from '#lib/team-report/team-query.ts';

/** Adds one page of participants to the agency `code` in the database at `databasePath`. */
export async function addPageOfParticipants(databasePath: string, code = 'PM'): Promise<void> {
  const db = openDatabase(databasePath);
  try {
    const agency = (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code)).limit(1))[0];
    if (!agency) throw new Error(`myndigheten ${code} saknas i demodatan`);
    const team = (await db.select({ id: teams.id }).from(teams).where(eq(teams.agencyId, agency.id)).limit(1))[0];
    const rows = Array.from({ length: PAGE_SIZE }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return {
        name: `Provdeltagare ${n}`,
        email: `provdeltagare${n}@${code.toLowerCase()}.example`,
        agencyId: agency.id,
        teamId: team?.id ?? null,
        role: 'learner' as const,
      };
    });
    await db.insert(users).values(rows);
  } finally {
    closeDatabase(db);
  }
}
