/**
 * Accounts for tests: agencies, teams and one user per role in a migrated
 * database, with a cheap shared password hash (hashed once per process).
 */
import type { Db } from '#db/client.ts';
import { agencies, teams, users } from '#db/schema.ts';
import { hashPassword } from '#lib/auth/password.ts';
import type { SessionUser } from '#lib/auth/session.ts';

// Unit tests audit many logins: keep stdout readable (the structured lines themselves are tested in integration).
process.env.KOMPETENSNAV_QUIET_LOG ??= '1';

export const TEST_PASSWORD = 'ett-rimligt-testlösenord';
let hashed: Promise<string> | null = null;

/** The argon2id hash of TEST_PASSWORD, computed once. */
export function testHash(): Promise<string> {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
}

export interface Fixture {
  agencyA: number;
  agencyB: number;
  teamA1: number;
  teamA2: number;
  teamB1: number;
  users: Record<
    'learnerA' | 'learnerB' | 'teamManagerA' | 'agencyManagerA' | 'agencyManagerB' | 'trainer' | 'admin',
    SessionUser
  >;
}

/** Two agencies (A, B), three teams and one user of every kind. */
export async function seedAccounts(db: Db): Promise<Fixture> {
  const hash = await testHash();
  const [a] = await db.insert(agencies).values({ name: 'Myndighet A', code: 'MA' }).returning();
  const [b] = await db.insert(agencies).values({ name: 'Myndighet B', code: 'MB' }).returning();
  const [a1] = await db.insert(teams).values({ agencyId: a.id, name: 'A1' }).returning();
  const [a2] = await db.insert(teams).values({ agencyId: a.id, name: 'A2' }).returning();
  const [b1] = await db.insert(teams).values({ agencyId: b.id, name: 'B1' }).returning();
  const add = async (values: typeof users.$inferInsert): Promise<SessionUser> => {
    const [row] = await db
      .insert(users)
      .values({ passwordHash: hash, ...values })
      .returning();
    const { id, name, email, agencyId, teamId, role, managerScope } = row;
    return { id, name, email, agencyId, teamId, role, managerScope };
  };
  return {
    agencyA: a.id,
    agencyB: b.id,
    teamA1: a1.id,
    teamA2: a2.id,
    teamB1: b1.id,
    users: {
      learnerA: await add({ name: 'Lena Lärande', email: 'lena@a.example', agencyId: a.id, teamId: a1.id }),
      learnerB: await add({ name: 'Bo Bee', email: 'bo@b.example', agencyId: b.id, teamId: b1.id }),
      teamManagerA: await add({
        name: 'Tina Teamchef',
        email: 'tina@a.example',
        agencyId: a.id,
        teamId: a1.id,
        role: 'manager',
        managerScope: 'team',
      }),
      agencyManagerA: await add({
        name: 'Mats Myndighetschef',
        email: 'mats@a.example',
        agencyId: a.id,
        role: 'manager',
        managerScope: 'agency',
      }),
      agencyManagerB: await add({
        name: 'Britt Myndighetschef',
        email: 'britt@b.example',
        agencyId: b.id,
        role: 'manager',
        managerScope: 'agency',
      }),
      trainer: await add({ name: 'Ulla Utbildare', email: 'ulla@a.example', agencyId: a.id, role: 'trainer' }),
      admin: await add({ name: 'Adam Admin', email: 'adam@a.example', agencyId: a.id, role: 'admin' }),
    },
  };
}
