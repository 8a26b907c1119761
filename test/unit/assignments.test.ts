import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { assignments, auditLog, courseCompletions, teams, users } from '#db/schema.ts';
import type { Db } from '#db/client.ts';
import {
  createAssignment,
  findAssignment,
  listAssignments,
  removeAssignment,
  resolveTarget,
  updateAssignment,
} from '#lib/assignments/assignments.ts';
import { complianceRows, memberCounts } from '#lib/assignments/compliance-rows.ts';
import { memoryDb } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';

let db: Db;
let f: Fixture;
const catalogue = new Set(['saker-it-drift', 'teknikplattformen']);
const path = { courseIds: ['saker-it-drift', 'teknikplattformen'], dueDate: '2027-01-31', recurrenceMonths: null };

beforeEach(async () => {
  db = memoryDb();
  f = await seedAccounts(db);
});

const actor = () => ({ user: f.users.teamManagerA, ip: '127.0.0.1' });
/** What the database said when it refused `write` (the driver's own message, under Drizzle's "Failed query"). */
async function refusal(write: PromiseLike<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  return 'no refusal';
}
const auditActions = async () => (await db.select().from(auditLog)).map((r) => r.action);

describe('assignments', () => {
  it('creates, edits and removes, each with one audit row', async () => {
    const id = await createAssignment(db, actor(), { type: 'team', agencyId: f.agencyA, teamId: f.teamA1 }, path);
    expect(await findAssignment(db, id)).toMatchObject({ targetName: 'Team A1', courseIds: path.courseIds });
    expect(await updateAssignment(db, actor(), id, { ...path, dueDate: '2027-02-28', recurrenceMonths: 12 })).toBe(
      true,
    );
    expect(await findAssignment(db, id)).toMatchObject({ dueDate: '2027-02-28', recurrenceMonths: 12 });
    expect(await removeAssignment(db, actor(), id)).toBe(true);
    expect(await removeAssignment(db, actor(), id)).toBe(false);
    expect(await updateAssignment(db, actor(), id, path)).toBe(false);
    expect(await auditActions()).toEqual(['assignment.create', 'assignment.update', 'assignment.remove']);
  });

  it('resolves form targets anywhere, so the rule can refuse another agency', async () => {
    expect(await resolveTarget(db, f.agencyA, { type: 'team', teamId: f.teamB1 })).toEqual({
      type: 'team',
      agencyId: f.agencyB,
      teamId: f.teamB1,
    });
    expect(await resolveTarget(db, f.agencyA, { type: 'person', email: 'bo@b.example' })).toMatchObject({
      agencyId: f.agencyB,
    });
    expect(await resolveTarget(db, f.agencyA, { type: 'person', email: 'ingen@a.example' })).toMatchObject({
      field: 'epost',
    });
    expect(await resolveTarget(db, f.agencyA, { type: 'team', teamId: 99999 })).toMatchObject({ field: 'mottagare' });
  });

  it('covers active learners and managers of the target; the state follows completions', async () => {
    const team = await createAssignment(db, actor(), { type: 'team', agencyId: f.agencyA, teamId: f.teamA1 }, path);
    const agency = await createAssignment(db, actor(), { type: 'agency', agencyId: f.agencyA }, path);
    const counts = await memberCounts(db, { agencyId: f.agencyA });
    // A1: Lena and Tina; agency A: Lena, Tina, Mats (the trainer and admin take no required courses).
    expect(counts.get(team)).toBe(2);
    expect(counts.get(agency)).toBe(3);
    await db.insert(courseCompletions).values({
      userId: f.users.learnerA.id,
      agencyId: f.agencyA,
      courseId: 'saker-it-drift',
      courseRevision: 1,
      completedAt: '2027-01-10T10:00:00.000Z',
      certificateCode: 'ABCD-EFGH-JKLM',
    });
    const rows = await complianceRows(db, { agencyId: f.agencyA, assignmentId: team }, catalogue, '2027-02-01');
    const lena = rows.filter((r) => r.userId === f.users.learnerA.id);
    expect(lena.map((r) => [r.courseId, r.state, r.certificateCode])).toEqual([
      ['saker-it-drift', 'on-time', 'ABCD-EFGH-JKLM'],
      ['teknikplattformen', 'overdue', null],
    ]);
    // A team manager's view: only their team's people, also for the agency-wide assignment.
    const seen = await complianceRows(db, { agencyId: f.agencyA, teamId: f.teamA1 }, catalogue, '2027-02-01');
    expect(new Set(seen.map((r) => r.userId))).toEqual(new Set([f.users.learnerA.id, f.users.teamManagerA.id]));
    expect((await listAssignments(db, f.agencyA, f.teamA2)).map((a) => a.id)).toEqual([agency]);
  });

  it('a person moved to another team leaves the old team assignment and joins the new one; person targets follow them', async () => {
    const a1 = await createAssignment(db, actor(), { type: 'team', agencyId: f.agencyA, teamId: f.teamA1 }, path);
    const a2 = await createAssignment(db, actor(), { type: 'team', agencyId: f.agencyA, teamId: f.teamA2 }, path);
    const lena = f.users.learnerA;
    const own = await createAssignment(
      db,
      actor(),
      { type: 'person', agencyId: f.agencyA, teamId: f.teamA1, userId: lena.id },
      path,
    );
    await db.update(users).set({ teamId: f.teamA2 }).where(eq(users.id, lena.id));
    const mine = await complianceRows(db, { agencyId: f.agencyA, userId: lena.id }, catalogue, '2027-01-01');
    expect([...new Set(mine.map((r) => r.assignmentId))].sort()).toEqual([a2, own].sort());
    expect(mine.some((r) => r.assignmentId === a1)).toBe(false);
  });

  it('a course removed from the catalogue drops out of compliance; the assignment stays', async () => {
    const id = await createAssignment(
      db,
      actor(),
      { type: 'person', agencyId: f.agencyA, teamId: f.teamA1, userId: f.users.learnerA.id },
      path,
    );
    const rows = await complianceRows(
      db,
      { agencyId: f.agencyA, assignmentId: id },
      new Set(['teknikplattformen']),
      '2027-01-01',
    );
    expect(rows.map((r) => r.courseId)).toEqual(['teknikplattformen']);
    expect(await findAssignment(db, id)).not.toBeNull();
  });

  it('a team with assignments cannot be deleted: the database refuses and nothing changes', async () => {
    const id = await createAssignment(db, actor(), { type: 'team', agencyId: f.agencyA, teamId: f.teamA2 }, path);
    expect(await refusal(db.delete(teams).where(eq(teams.id, f.teamA2)))).toMatch(/foreign key/i);
    expect(await db.select().from(teams).where(eq(teams.id, f.teamA2))).toHaveLength(1);
    expect(await findAssignment(db, id)).not.toBeNull();
  });

  it('a person deleted takes their person assignments along; invalid rows are refused by the schema', async () => {
    const id = await createAssignment(
      db,
      actor(),
      { type: 'person', agencyId: f.agencyB, teamId: f.teamB1, userId: f.users.learnerB.id },
      path,
    );
    await db.delete(users).where(eq(users.id, f.users.learnerB.id));
    expect(await findAssignment(db, id)).toBeNull();
    expect(
      await refusal(
        db
          .insert(assignments)
          .values({ agencyId: f.agencyA, targetType: 'team', courseIds: '[]', dueDate: '2027-01-01' }),
      ),
    ).toMatch(/check/i);
  });
});
