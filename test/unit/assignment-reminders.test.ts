import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { jobLeases, mailOutbox, users } from '#db/schema.ts';
import { openDatabase, type Db } from '#db/client.ts';
import { createAssignment } from '#lib/assignments/assignments.ts';
import { isoWeek, planReminders, type PlanRow } from '#lib/assignments/reminder-plan.ts';
import { REMINDER_JOB, runReminders, runScheduledReminders } from '#lib/assignments/reminder-run.ts';
import { claimJob, finishJob } from '#lib/assignments/lease.ts';
import { setOptionalReminders } from '#lib/assignments/reminder-settings.ts';
import { complianceOf } from '#lib/assignments/compliance.ts';
import { fileDb, memoryDb } from '../helpers/db.ts';
import { seedAccounts } from '../helpers/accounts.ts';

const titles = new Map([['saker-it-drift', 'Säker it-drift']]);
const origin = 'https://kompetensnav.example';

function row(over: Partial<PlanRow> & { dueDate?: string; completedAt?: string | null }, today: string): PlanRow {
  const base = {
    assignmentId: 1,
    agencyId: 1,
    assignedAt: '2026-12-01T10:00:00.000Z',
    userId: 5,
    name: 'Lena',
    email: 'lena@a.example',
    teamId: 10,
    courseId: 'saker-it-drift',
    position: 0,
  };
  return {
    ...base,
    ...complianceOf(
      { dueDate: over.dueDate ?? '2027-01-31', recurrenceMonths: null, completedAt: over.completedAt ?? null },
      today,
    ),
    ...over,
  } as PlanRow;
}
const plan = (rows: PlanRow[], today: string, optedOut = new Set<number>()) =>
  planReminders({
    rows,
    today,
    titles,
    optedOut,
    managers: [
      { id: 2, email: 'chef@a.example', agencyId: 1, teamId: 10, scope: 'team' },
      { id: 3, email: 'other@a.example', agencyId: 1, teamId: 11, scope: 'team' },
    ],
    origin,
    daysBefore: 7,
  });

describe('planReminders', () => {
  it('assigned at once; due soon within 7 days; overdue weekly with a manager digest; nothing when done', () => {
    expect(plan([row({}, '2027-01-01')], '2027-01-01').map((m) => m.dedupeKey)).toEqual([
      'assignment:1:user:5:assigned',
    ]);
    expect(plan([row({}, '2027-01-24')], '2027-01-24').map((m) => m.dedupeKey)).toEqual([
      'assignment:1:user:5:assigned',
      'assignment:1:user:5:due-soon:2027-01-31',
    ]);
    const late = plan([row({}, '2027-02-03')], '2027-02-03');
    expect(late.map((m) => [m.kind, m.to, m.dedupeKey])).toEqual([
      ['assignment.assigned', 'lena@a.example', 'assignment:1:user:5:assigned'],
      ['assignment.overdue', 'lena@a.example', `assignment:1:user:5:overdue:${isoWeek('2027-02-03')}`],
      ['assignment.digest', 'chef@a.example', `digest:manager:2:${isoWeek('2027-02-03')}`],
    ]);
    expect(late[1].text).toContain(`${origin}/kurser/saker-it-drift/`);
    expect(plan([row({ completedAt: '2027-01-02T10:00:00Z' }, '2027-03-01')], '2027-03-01')).toEqual([]);
  });

  it('on the day of the assignment only the "assigned" mail; overdue reminders from a week after it', () => {
    const made = (today: string) =>
      plan([row({ assignedAt: `${today}T09:00:00.000Z`, dueDate: '2026-11-01' }, today)], today);
    expect(made('2026-12-01').map((m) => m.kind)).toEqual(['assignment.assigned', 'assignment.digest']);
    const sixDays = plan([row({ dueDate: '2026-11-01' }, '2026-12-07')], '2026-12-07');
    expect(sixDays.map((m) => m.kind)).toEqual(['assignment.assigned', 'assignment.digest']);
    const week = plan([row({ dueDate: '2026-11-01' }, '2026-12-08')], '2026-12-08');
    expect(week.map((m) => m.kind)).toEqual(['assignment.assigned', 'assignment.overdue', 'assignment.digest']);
  });

  it('leaves the optional kinds out for people who turned them off', () => {
    expect(plan([row({}, '2027-02-03')], '2027-02-03', new Set([5])).map((m) => m.kind)).toEqual([
      'assignment.assigned',
      'assignment.digest',
    ]);
  });

  it('numbers ISO weeks', () => {
    expect([isoWeek('2027-01-01'), isoWeek('2027-01-04'), isoWeek('2026-12-31'), isoWeek('2026-06-15')]).toEqual([
      '2026-W53',
      '2027-W01',
      '2026-W53',
      '2026-W25',
    ]);
  });
});

describe('runReminders', () => {
  it('queues each message once however often it runs', async () => {
    const db = memoryDb();
    const f = await seedAccounts(db);
    await createAssignment(
      db,
      { user: f.users.teamManagerA, ip: null },
      { type: 'team', agencyId: f.agencyA, teamId: f.teamA1 },
      {
        courseIds: ['saker-it-drift'],
        dueDate: '2027-01-31',
        recurrenceMonths: null,
      },
    );
    await setOptionalReminders(db, f.users.teamManagerA, true, null);
    const now = new Date('2027-02-03T08:00:00Z');
    const first = await runReminders(db, { titles, origin, now });
    // Lena: assigned + overdue; Tina (opted out): assigned; digests: Mats (agency) of both, Tina (team) of Lena.
    expect(first).toMatchObject({ rows: 2, queued: 5 });
    expect(await runReminders(db, { titles, origin, now })).toMatchObject({ queued: 0 });
    // The next week: one more overdue reminder and one more digest each.
    expect(await runReminders(db, { titles, origin, now: new Date('2027-02-10T08:00:00Z') })).toMatchObject({
      queued: 3,
    });
    const kinds = (await db.select().from(mailOutbox)).map((m) => `${m.kind} ${m.toAddress}`).sort();
    expect(kinds).toEqual([
      'assignment.assigned lena@a.example',
      'assignment.assigned tina@a.example',
      'assignment.digest mats@a.example',
      'assignment.digest mats@a.example',
      'assignment.digest tina@a.example',
      'assignment.digest tina@a.example',
      'assignment.overdue lena@a.example',
      'assignment.overdue lena@a.example',
    ]);
  });
});

describe('job lease', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  it('one holder at a time; the next run waits for its time; an expired lease is taken over', async () => {
    const db = memoryDb();
    const t0 = new Date('2027-01-01T00:00:00Z');
    expect(await claimJob(db, 'j', 'a', t0, 60_000)).toBe(true);
    expect(await claimJob(db, 'j', 'b', t0, 60_000)).toBe(false);
    // a dies; after its lease, b takes the same (still due) run.
    const later = new Date(t0.getTime() + 61_000);
    expect(await claimJob(db, 'j', 'b', later, 60_000)).toBe(true);
    expect(await finishJob(db, 'j', 'a', later, 3_600_000, 'sen')).toBe(false);
    expect(await finishJob(db, 'j', 'b', later, 3_600_000, 'ok')).toBe(true);
    expect(await claimJob(db, 'j', 'a', new Date(later.getTime() + 1000), 60_000)).toBe(false);
    expect(await claimJob(db, 'j', 'a', new Date(later.getTime() + 3_600_000), 60_000)).toBe(true);
  });

  it('two connections racing: exactly one runs, and every mail is queued once', async () => {
    const file = fileDb();
    cleanup = file.cleanup;
    const f = await seedAccounts(file.db);
    await createAssignment(
      file.db,
      { user: f.users.admin, ip: null },
      { type: 'agency', agencyId: f.agencyA },
      {
        courseIds: ['saker-it-drift'],
        dueDate: '2027-01-31',
        recurrenceMonths: null,
      },
    );
    const other: Db = openDatabase(file.path);
    const options = { titles, origin, intervalMs: 3_600_000 };
    const runs = await Promise.all([
      runScheduledReminders(file.db, 'one', options),
      runScheduledReminders(other, 'two', options),
    ]);
    other.$client.close();
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(await file.db.select().from(mailOutbox)).toHaveLength(3);
    expect((await file.db.select().from(jobLeases).where(eq(jobLeases.name, REMINDER_JOB)))[0].holder).toBeNull();
  });

  it('two processes racing (npm run reminders twice at once): one run, no mail twice', async () => {
    const file = fileDb();
    cleanup = file.cleanup;
    const f = await seedAccounts(file.db);
    await createAssignment(
      file.db,
      { user: f.users.admin, ip: null },
      { type: 'team', agencyId: f.agencyA, teamId: f.teamA1 },
      {
        courseIds: ['saker-it-drift'],
        dueDate: '2027-01-31',
        recurrenceMonths: null,
      },
    );
    await file.db.update(users).set({ active: true }).where(eq(users.id, f.users.learnerA.id));
    const once = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['src/cli/reminders.ts'], {
          env: { ...process.env, DATABASE_PATH: file.path, KOMPETENSNAV_QUIET_LOG: '1' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}`))));
      });
    const results = (await Promise.all([once(), once()])).map((o) => JSON.parse(o) as { ran: boolean });
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    const mails = await file.db.select().from(mailOutbox);
    expect(mails.map((m) => m.dedupeKey).sort()).toEqual([
      `assignment:1:user:${f.users.learnerA.id}:assigned`,
      `assignment:1:user:${f.users.teamManagerA.id}:assigned`,
    ]);
  }, 180_000);
});
