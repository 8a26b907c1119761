/**
 * Demo data for `npm start` on a new database: three agencies with teams,
 * ~60 participants, one manager per team, one agency-level manager, a trainer
 * and an admin, with known demo passwords (printed at start-up, listed in
 * the README's "Demo-inloggningar"). Never run in production mode; only on an empty database.
 * Each distinct demo password is hashed once and the hash reused.
 */
import { count } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { agencies, teams, users } from '#db/schema.ts';
import { hashPassword } from '#lib/auth/password.ts';
import { transaction } from '#db/tx.ts';

export const DEMO_AGENCIES = [
  { name: 'Försäkringskassan', code: 'FK', teams: ['It-drift', 'Informationssäkerhet', 'Digitala tjänster'] },
  { name: 'Pensionsmyndigheten', code: 'PM', teams: ['Förvaltning', 'Kundservice'] },
  { name: 'Arbetsförmedlingen', code: 'AF', teams: ['Plattform', 'Verksamhetsutveckling'] },
] as const;

/** The demo passwords, one per kind of account. Demo only: never in production mode. */
export const DEMO_PASSWORDS = {
  admin: 'demo-admin-kompetensnav',
  trainer: 'demo-utbildare-kompetensnav',
  manager: 'demo-chef-kompetensnav',
  learner: 'demo-deltagare-kompetensnav',
} as const;

/** The named demo accounts shown at start-up (participants are listed by pattern). */
export const DEMO_LOGINS = [
  { label: 'Administratör', email: 'admin@fk.example', password: DEMO_PASSWORDS.admin },
  { label: 'Utbildare (FK)', email: 'utbildare@fk.example', password: DEMO_PASSWORDS.trainer },
  { label: 'Chef för hela Pensionsmyndigheten', email: 'myndighetschef@pm.example', password: DEMO_PASSWORDS.manager },
  { label: 'Teamchef, FK It-drift', email: 'chef.it-drift@fk.example', password: DEMO_PASSWORDS.manager },
  { label: 'Teamchef, PM Kundservice', email: 'chef.kundservice@pm.example', password: DEMO_PASSWORDS.manager },
  { label: 'Teamchef, AF Plattform', email: 'chef.plattform@af.example', password: DEMO_PASSWORDS.manager },
  { label: 'Deltagare, FK It-drift', email: 'anna.andersson@fk.example', password: DEMO_PASSWORDS.learner },
] as const;

const FIRST = [
  'Anna',
  'Erik',
  'Åsa',
  'Lars',
  'Maria',
  'Johan',
  'Karin',
  'Björn',
  'Sara',
  'Mikael',
  'Eva',
  'Per',
  'Linnéa',
  'Anders',
  'Ingrid',
  'Örjan',
  'Elin',
  'Nils',
  'Sofia',
  'Göran',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Öberg',
  'Lindström',
  'Ström',
  'Ek',
  'Åberg',
  'Hägglund',
  'Björk',
  'Wikström',
];

/** Lower-case ASCII e-mail part from a name: "Åsa Öberg" → "asa.oberg". */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function slug(team: string): string {
  return emailLocalPart(team).replace(/\./g, '-');
}

/** True when the database holds no agencies yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(agencies);
  return row.n === 0;
}

type UserValues = typeof users.$inferInsert;

function participants(teamIds: { agencyId: number; teamId: number; code: string }[], hash: string): UserValues[] {
  const rows: UserValues[] = [];
  for (let i = 0; i < 60; i++) {
    const slot = teamIds[i % teamIds.length];
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const email = `${emailLocalPart(name)}${i < FIRST.length ? '' : i}@${slot.code.toLowerCase()}.example`;
    rows.push({ name, email, agencyId: slot.agencyId, teamId: slot.teamId, role: 'learner', passwordHash: hash });
  }
  return rows;
}

/** Seeds agencies, teams and demo accounts in one transaction. */
export async function seedDemo(db: Db): Promise<{ agencies: number; teams: number; users: number }> {
  const hashes = {
    admin: await hashPassword(DEMO_PASSWORDS.admin),
    trainer: await hashPassword(DEMO_PASSWORDS.trainer),
    manager: await hashPassword(DEMO_PASSWORDS.manager),
    learner: await hashPassword(DEMO_PASSWORDS.learner),
  };
  let userCount = 0;
  let teamCount = 0;
  await transaction(db, async (tx) => {
    const slots: { agencyId: number; teamId: number; code: string }[] = [];
    const rows: UserValues[] = [];
    for (const a of DEMO_AGENCIES) {
      const [agency] = await tx.insert(agencies).values({ name: a.name, code: a.code }).returning({ id: agencies.id });
      const domain = `${a.code.toLowerCase()}.example`;
      for (const name of a.teams) {
        const [team] = await tx.insert(teams).values({ agencyId: agency.id, name }).returning({ id: teams.id });
        teamCount++;
        slots.push({ agencyId: agency.id, teamId: team.id, code: a.code });
        rows.push({
          name: `Chef ${name}`,
          email: `chef.${slug(name)}@${domain}`,
          agencyId: agency.id,
          teamId: team.id,
          role: 'manager',
          managerScope: 'team',
          passwordHash: hashes.manager,
        });
      }
      if (a.code === 'FK') {
        rows.push({
          name: 'Agnes Admin',
          email: `admin@${domain}`,
          agencyId: agency.id,
          teamId: null,
          role: 'admin',
          passwordHash: hashes.admin,
        });
        rows.push({
          name: 'Ulf Utbildare',
          email: `utbildare@${domain}`,
          agencyId: agency.id,
          teamId: null,
          role: 'trainer',
          passwordHash: hashes.trainer,
        });
      }
      if (a.code === 'PM') {
        rows.push({
          name: 'Maja Myndighetschef',
          email: `myndighetschef@${domain}`,
          agencyId: agency.id,
          teamId: null,
          role: 'manager',
          managerScope: 'agency',
          passwordHash: hashes.manager,
        });
      }
    }
    rows.push(...participants(slots, hashes.learner));
    for (const row of rows) await tx.insert(users).values(row);
    userCount = rows.length;
  });
  return { agencies: DEMO_AGENCIES.length, teams: teamCount, users: userCount };
}
