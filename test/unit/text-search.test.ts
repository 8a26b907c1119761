import { describe, expect, it } from 'vitest';
import { agencies, users } from '#db/schema.ts';
import { audit, listAudit } from '#lib/audit/audit-log.ts';
import { listUsers } from '#lib/accounts/users.ts';
import { memoryDb } from '../helpers/db.ts';

process.env.KOMPETENSNAV_QUIET_LOG ??= '1';

async function people() {
  const db = memoryDb();
  const [agency] = await db.insert(agencies).values({ name: 'Myndighet A', code: 'MA' }).returning();
  await db
    .insert(users)
    .values(
      ['anna_b@a.example', 'annaxb@a.example', '100%@a.example', '1000@a.example', 'back\\slash@a.example'].map(
        (email) => ({ name: email.split('@')[0], email, agencyId: agency.id, role: 'learner' as const }),
      ),
    );
  return db;
}

describe('searching users and the audit log for text', () => {
  it('matches _ , % and \\ literally, not as wildcards', async () => {
    const db = await people();
    const emails = async (q: string) => (await listUsers(db, { q })).map((u) => u.email);
    expect(await emails('anna_b')).toEqual(['anna_b@a.example']);
    expect(await emails('100%')).toEqual(['100%@a.example']);
    expect(await emails('back\\slash')).toEqual(['back\\slash@a.example']);
    expect(await emails('ANNA')).toHaveLength(2);
  });

  it('finds an actor with _ in the address in the audit log', async () => {
    const db = await people();
    for (const actorEmail of ['anna_b@a.example', 'annaxb@a.example'])
      await audit(db, { actor: { id: 1, email: actorEmail }, action: 'login.ok', outcome: 'ok' });
    const rows = await listAudit(db, { actor: 'anna_b' });
    expect(rows.map((r) => r.actorEmail)).toEqual(['anna_b@a.example']);
  });
});
