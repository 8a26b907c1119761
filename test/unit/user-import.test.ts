/** The import: nothing written until the file is clean, then all in one transaction. */
import { beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema.ts';
import { memoryDb, row } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import { importUsers } from '#lib/accounts/user-import.ts';

let db: Db;
let fx: Fixture;
const userCount = async () => (await db.select({ n: count() }).from(users))[0].n;

beforeEach(async () => {
  db = memoryDb();
  fx = await seedAccounts(db);
});

describe('user import', () => {
  it('a dry run validates and writes nothing', async () => {
    const before = await userCount();
    const result = await importUsers(db, {
      agencyId: fx.agencyA,
      text: 'namn;e-post;team\nNy Person;ny@a.example;A1\n',
      dryRun: true,
      actor: null,
    });
    expect(result).toMatchObject({ ok: true, dryRun: true, created: 0 });
    expect(await userCount()).toBe(before);
  });

  it('a file with one bad row imports nothing', async () => {
    const before = await userCount();
    const result = await importUsers(db, {
      agencyId: fx.agencyA,
      text: 'namn;e-post;team\nOk;ok@a.example;A1\nDålig;dålig;A1\n',
      dryRun: false,
      actor: null,
    });
    expect(result.ok).toBe(false);
    expect(await userCount()).toBe(before);
  });

  it('a team of another agency is an unknown team', async () => {
    const result = await importUsers(db, {
      agencyId: fx.agencyA,
      text: 'namn;e-post;team\nX;x@a.example;B1\n',
      dryRun: true,
      actor: null,
    });
    expect(result.ok === false && result.problems[0]).toMatchObject({ line: 2, field: 'team' });
  });

  it('an e-mail already in the database (other case) is refused', async () => {
    const result = await importUsers(db, {
      agencyId: fx.agencyA,
      text: 'namn;e-post\nX;LENA@A.example\n',
      dryRun: true,
      actor: null,
    });
    expect(result.ok === false && result.problems[0]).toMatchObject({ line: 2, field: 'e-post' });
  });

  it('imports a clean file of 1200 rows as learners without passwords, reporting progress', async () => {
    const lines = [
      'namn,email,team',
      ...Array.from({ length: 1200 }, (_, i) => `Person ${i},p${i}@a.example,${i % 2 ? 'A1' : 'A2'}`),
    ];
    const progress: number[] = [];
    const before = await userCount();
    const result = await importUsers(db, {
      agencyId: fx.agencyA,
      text: lines.join('\n'),
      dryRun: false,
      actor: null,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toMatchObject({ ok: true, created: 1200 });
    expect(result.ok && result.accounts.length).toBe(1200);
    expect(await userCount()).toBe(before + 1200);
    expect(progress.at(-1)).toBe(1200);
    const imported = await row(db, "select role, password_hash, agency_id from users where email = 'p7@a.example'");
    expect(imported).toEqual({ role: 'learner', password_hash: null, agency_id: fx.agencyA });
  });
});
