/**
 * Name lists on PostgreSQL in Swedish order (db/sql.ts swedishOrder, ICU
 * sv-SE): Å, Ä, Ö after Z and in that order, and case does not split the
 * list — unlike the server's default collation (C.UTF-8: Ä before Å,
 * lower case after Z).
 */
import { describe, expect, it } from 'vitest';
import { agencies, teams, users } from '#db/schema.ts';
import { listAgencies, listTeams } from '#lib/accounts/agencies.ts';
import { listUsers } from '#lib/accounts/users.ts';
import { postgresDb } from '../helpers/db.ts';

const NAMES = ['Östen', 'Åsa', 'Zlatan', 'Ärla', 'anna', 'Bo', 'Ylva', 'örjan', 'Åke'];
const SWEDISH = ['anna', 'Bo', 'Ylva', 'Zlatan', 'Åke', 'Åsa', 'Ärla', 'örjan', 'Östen'];

describe('Swedish name order (PostgreSQL)', () => {
  it('sorts users, agencies and teams with Å Ä Ö after Z', async () => {
    const { db } = postgresDb();
    const made = await db
      .insert(agencies)
      .values(NAMES.map((name, i) => ({ name, code: `M${i}` })))
      .returning();
    const agencyId = made[0].id;
    await db.insert(users).values(NAMES.map((name, i) => ({ name, email: `p${i}@ex.se`, agencyId })));
    await db.insert(teams).values(NAMES.map((name) => ({ name, agencyId })));
    expect((await listUsers(db, { agencyId })).map((u) => u.name)).toEqual(SWEDISH);
    expect((await listAgencies(db)).map((a) => a.name)).toEqual(SWEDISH);
    expect((await listTeams(db, agencyId)).map((t) => t.name)).toEqual(SWEDISH);
  });
});
