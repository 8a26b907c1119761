/**
 * Data the accessibility audit adds to its freshly seeded database: the demo
 * agencies are smaller than one page of the manager's matrix, so the audit
 * gives Pensionsmyndigheten a second page of participants (no progress, no
 * password) to reach the pager by keyboard.
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '#db/client.ts';
import { agencies, teams, users } from '#db/schema.ts';
import { PAGE_SIZE } from '#lib/team-report/team-query.ts';

/** Adds one page of participants to the agency `code` in the database at `databasePath`. */
export function addPageOfParticipants(databasePath: string, code = 'PM'): void {
  const db = openDatabase(databasePath);
  try {
    const agency = db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code)).get();
    if (!agency) throw new Error(`myndigheten ${code} saknas i demodatan`);
    const team = db.select({ id: teams.id }).from(teams).where(eq(teams.agencyId, agency.id)).get();
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
    db.insert(users).values(rows).run();
  } finally {
    db.$client.close();
  }
}
