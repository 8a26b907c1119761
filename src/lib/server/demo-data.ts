/**
 * Demo data for `npm start` on a new database: agencies and teams that the
 * demo accounts and progress (later issues) hang on. Never run in production
 * mode; idempotent, so a second start changes nothing.
 */
import { count } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { agencies, teams } from '../../../db/schema.ts';

export const DEMO_AGENCIES = [
  { name: 'Försäkringskassan', code: 'FK', teams: ['It-drift', 'Informationssäkerhet', 'Digitala tjänster'] },
  { name: 'Pensionsmyndigheten', code: 'PM', teams: ['Förvaltning', 'Kundservice'] },
  { name: 'Arbetsförmedlingen', code: 'AF', teams: ['Plattform', 'Verksamhetsutveckling'] },
] as const;

/** True when the database holds no agencies yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = db.select({ n: count() }).from(agencies).all();
  return row.n === 0;
}

/** Seeds the demo agencies and teams in one transaction. */
export async function seedDemo(db: Db): Promise<{ agencies: number; teams: number }> {
  let teamCount = 0;
  db.transaction(
    (tx) => {
      for (const a of DEMO_AGENCIES) {
        const [agency] = tx.insert(agencies).values({ name: a.name, code: a.code }).returning({ id: agencies.id }).all();
        for (const name of a.teams) {
          tx.insert(teams).values({ agencyId: agency.id, name }).run();
          teamCount++;
        }
      }
    },
    { behavior: 'immediate' },
  );
  return { agencies: DEMO_AGENCIES.length, teams: teamCount };
}
