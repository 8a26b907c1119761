import { beforeEach, describe, expect, it } from 'vitest';
import { memoryDb } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import type { Db } from '#db/client.ts';
import { lessonProgress, quizAttempts, users } from '#db/schema.ts';
import {
  completionsPerDay,
  courseAggregates,
  lessonFunnel,
  quizSummaries,
  resolveReportScope,
  scopeParticipants,
  teamOverview,
  type ReportScope,
} from '#lib/team-report/team-report.ts';
import type { ReportCourse } from '#lib/team-report/team-progress.ts';

let db: Db;
let f: Fixture;
beforeEach(async () => {
  db = memoryDb();
  f = await seedAccounts(db);
});

const scopeOf = async (who: keyof Fixture['users'], ask: { team?: number; agency?: number } = {}) =>
  resolveReportScope(db, f.users[who], ask);

describe('resolveReportScope', () => {
  it('gives a team manager their own team, and refuses another team (same agency or not)', async () => {
    expect(await scopeOf('teamManagerA')).toMatchObject({
      kind: 'ok',
      scope: { agencyId: f.agencyA, teamId: f.teamA1, teams: [{ id: f.teamA1 }] },
    });
    expect(await scopeOf('teamManagerA', { team: f.teamA2 })).toMatchObject({ kind: 'denied', agencyId: f.agencyA });
    expect(await scopeOf('teamManagerA', { team: f.teamB1 })).toMatchObject({ kind: 'denied', agencyId: f.agencyB });
    expect(await scopeOf('teamManagerA', { agency: f.agencyB })).toMatchObject({ kind: 'denied', agencyId: f.agencyB });
  });
  it('gives an agency manager their agency and any of its teams, never another agency', async () => {
    expect(await scopeOf('agencyManagerA')).toMatchObject({ kind: 'ok', scope: { agencyId: f.agencyA, teamId: null } });
    const ok = await scopeOf('agencyManagerA', { team: f.teamA2 });
    expect(ok.kind === 'ok' && ok.scope.teams.map((t) => t.id).sort()).toEqual([f.teamA1, f.teamA2].sort());
    expect(await scopeOf('agencyManagerA', { team: f.teamB1 })).toMatchObject({ kind: 'denied', agencyId: f.agencyB });
    expect(await scopeOf('agencyManagerA', { agency: f.agencyB })).toMatchObject({
      kind: 'denied',
      agencyId: f.agencyB,
    });
    expect(await scopeOf('agencyManagerA', { agency: f.agencyA, team: f.teamB1 })).toMatchObject({ kind: 'denied' });
  });
  it('lets an admin choose any agency, and says not found for ids that do not exist', async () => {
    expect(await scopeOf('admin', { agency: f.agencyB })).toMatchObject({ kind: 'ok', scope: { agencyId: f.agencyB } });
    expect(await scopeOf('admin', { team: 999 })).toEqual({ kind: 'not-found' });
    expect(await scopeOf('agencyManagerA', { team: 999 })).toEqual({ kind: 'not-found' });
    expect(await scopeOf('admin', { agency: 999 })).toEqual({ kind: 'not-found' });
  });
  it('refuses learners and trainers', async () => {
    expect((await scopeOf('learnerA')).kind).toBe('forbidden');
    expect((await scopeOf('trainer')).kind).toBe('forbidden');
  });
});

describe('report queries', () => {
  const course: ReportCourse = {
    id: 'k',
    title: 'K',
    lessons: [
      { id: 'k/1', title: '1', revision: 1 },
      { id: 'k/2', title: '2', revision: 3 },
    ],
  };
  const row = (
    userId: number,
    agencyId: number,
    lessonId: string,
    completedRevision: number | null,
    at = '2026-11-20T10:00:00.000Z',
  ) =>
    db.insert(lessonProgress).values({
      userId,
      agencyId,
      courseId: 'k',
      lessonId,
      startedAt: at,
      lastVisitedAt: at,
      completedAt: completedRevision === null ? null : at,
      completedRevision,
    });
  const scope = async (ask: { team?: number } = {}): Promise<ReportScope> => {
    const r = await resolveReportScope(db, f.users.agencyManagerA, ask);
    if (r.kind !== 'ok') throw new Error(r.kind);
    return r.scope;
  };

  it('aggregates per participant and course against the current revisions, ignoring removed lessons and other agencies', async () => {
    const lena = f.users.learnerA.id;
    const [other] = await db
      .insert(users)
      .values({ name: 'Olle A2', email: 'olle@a.example', agencyId: f.agencyA, teamId: f.teamA2 })
      .returning();
    await row(lena, f.agencyA, 'k/1', 1);
    await row(lena, f.agencyA, 'k/2', 2, '2026-11-25T10:00:00.000Z'); // completed on revision 2, current is 3
    await row(lena, f.agencyA, 'k/borttagen', 1); // a lesson no longer in the course
    await row(other.id, f.agencyA, 'k/1', null);
    await row(f.users.learnerB.id, f.agencyB, 'k/1', 1);
    const all = await courseAggregates(db, await scope(), [course]);
    expect(all.sort((a, b) => a.userId - b.userId)).toEqual([
      { userId: lena, courseId: 'k', touched: 2, completed: 2, outdated: 1, lastActivity: '2026-11-25T10:00:00.000Z' },
      {
        userId: other.id,
        courseId: 'k',
        touched: 1,
        completed: 0,
        outdated: 0,
        lastActivity: '2026-11-20T10:00:00.000Z',
      },
    ]);
    expect((await courseAggregates(db, await scope({ team: f.teamA2 }), [course])).map((a) => a.userId)).toEqual([
      other.id,
    ]);
    expect(await lessonFunnel(db, await scope(), course)).toEqual(
      expect.arrayContaining([
        { lessonId: 'k/1', started: 2, completed: 1, outdated: 0 },
        { lessonId: 'k/2', started: 1, completed: 1, outdated: 1 },
      ]),
    );
    expect(await completionsPerDay(db, await scope(), new Date('2026-11-01T00:00:00Z'))).toEqual(
      expect.arrayContaining([
        { at: '2026-11-20', n: 2 },
        { at: '2026-11-25', n: 1 },
      ]),
    );
    const overview = await teamOverview(db, await scope(), [course], new Date('2026-11-28T00:00:00Z'));
    expect(overview.courses[0]).toMatchObject({ started: 2, completed: 1, outdated: 1 });
    expect(overview.activity.reduce((s, w) => s + w.count, 0)).toBe(3);
  });

  it("counts the course page's funnel and check results over the scope's participants only, as the dashboard does", async () => {
    const lena = f.users.learnerA.id;
    const [gone] = await db
      .insert(users)
      .values({ name: 'Gunnar Gått', email: 'gunnar@a.example', agencyId: f.agencyA, teamId: f.teamA1, active: false })
      .returning();
    const attempt = (userId: number, passed: boolean) =>
      db.insert(quizAttempts).values({
        userId,
        agencyId: f.agencyA,
        courseId: 'k',
        lessonId: 'k/2',
        revision: 3,
        attemptedAt: '2026-11-20T10:00:00.000Z',
        answers: '[0]',
        right: passed ? 1 : 0,
        total: 1,
        passed,
      });
    await row(lena, f.agencyA, 'k/1', 1);
    await attempt(lena, true);
    // Neither a deactivated participant nor a trainer who tried the course counts.
    for (const other of [gone.id, f.users.trainer.id]) {
      await row(other, f.agencyA, 'k/1', 1);
      await row(other, f.agencyA, 'k/2', 3);
      await attempt(other, false);
    }
    for (const ask of [{}, { team: f.teamA1 }]) {
      expect(await lessonFunnel(db, await scope(ask), course)).toEqual([
        { lessonId: 'k/1', started: 1, completed: 1, outdated: 0 },
      ]);
      expect(await quizSummaries(db, await scope(ask), 'k')).toEqual([
        { lessonId: 'k/2', attempts: 1, passed: 1, people: 1, rightAnswers: 1, questions: 1 },
      ]);
    }
    expect(await lessonFunnel(db, await scope({ team: f.teamA2 }), course)).toEqual([]);
  });

  it('lists only active learners and managers of the scope', async () => {
    const names = (await scopeParticipants(db, await scope())).map((p) => p.name);
    expect(names).toContain('Lena Lärande');
    expect(names).toContain('Tina Teamchef');
    expect(names).not.toContain('Ulla Utbildare');
    expect(names).not.toContain('Bo Bee');
  });
});
