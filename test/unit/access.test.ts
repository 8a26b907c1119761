/** The authorization rules, role × agency/team, as a table. */
import { describe, expect, it, beforeAll } from 'vitest';
import { memoryDb } from '../helpers/db.ts';
import { seedAccounts, type Fixture } from '../helpers/accounts.ts';
import {
  canAdministerUser,
  canChangeRoles,
  canReadAuditLog,
  canReadParticipant,
  canReadTeam,
  canViewStatistics,
  readableTeams,
  userAdminScope,
} from '#lib/access/access.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await seedAccounts(memoryDb());
});

describe('access', () => {
  it('participant reads: same team for team managers, same agency for agency managers, all for admins, none for others', () => {
    const { learnerA, teamManagerA, agencyManagerA, agencyManagerB, trainer, admin } = fx.users;
    const inA1 = { agencyId: fx.agencyA, teamId: fx.teamA1 };
    const inA2 = { agencyId: fx.agencyA, teamId: fx.teamA2 };
    const noTeamA = { agencyId: fx.agencyA, teamId: null };
    const inB1 = { agencyId: fx.agencyB, teamId: fx.teamB1 };
    const all = [inA1, inA2, noTeamA, inB1];
    expect(all.map((t) => canReadParticipant(teamManagerA, t))).toEqual([true, false, false, false]);
    expect(all.map((t) => canReadParticipant(agencyManagerA, t))).toEqual([true, true, true, false]);
    expect(all.map((t) => canReadParticipant(agencyManagerB, t))).toEqual([false, false, false, true]);
    expect(all.map((t) => canReadParticipant(admin, t))).toEqual([true, true, true, true]);
    for (const u of [learnerA, trainer, null]) expect(all.some((t) => canReadParticipant(u, t))).toBe(false);
  });

  it('team reads: own team for team managers, own agency for agency managers, all for admins, none for others', () => {
    const { learnerA, teamManagerA, agencyManagerA, agencyManagerB, trainer, admin } = fx.users;
    const a1 = { id: fx.teamA1, agencyId: fx.agencyA };
    const a2 = { id: fx.teamA2, agencyId: fx.agencyA };
    const b1 = { id: fx.teamB1, agencyId: fx.agencyB };
    expect([a1, a2, b1].map((t) => canReadTeam(teamManagerA, t))).toEqual([true, false, false]);
    expect([a1, a2, b1].map((t) => canReadTeam(agencyManagerA, t))).toEqual([true, true, false]);
    expect([a1, a2, b1].map((t) => canReadTeam(agencyManagerB, t))).toEqual([false, false, true]);
    expect([a1, a2, b1].map((t) => canReadTeam(admin, t))).toEqual([true, true, true]);
    expect([a1, a2, b1].map((t) => canReadTeam(trainer, t))).toEqual([false, false, false]);
    expect([a1, a2, b1].map((t) => canReadTeam(learnerA, t))).toEqual([false, false, false]);
    expect(canReadTeam(null, a1)).toBe(false);
    expect(readableTeams(trainer)).toBeNull();
    expect(readableTeams(teamManagerA)).toEqual({ kind: 'team', teamId: fx.teamA1 });
  });

  it('user administration: admins everyone; agency managers learners and team managers of their own agency, never themselves', () => {
    const { learnerA, learnerB, teamManagerA, agencyManagerA, trainer, admin } = fx.users;
    expect(userAdminScope(admin)).toEqual({ kind: 'all' });
    expect(userAdminScope(agencyManagerA)).toEqual({ kind: 'agency', agencyId: fx.agencyA });
    for (const nobody of [learnerA, teamManagerA, trainer, null]) expect(userAdminScope(nobody)).toBeNull();
    expect(canAdministerUser(agencyManagerA, learnerA)).toBe(true);
    expect(canAdministerUser(agencyManagerA, teamManagerA)).toBe(true);
    expect(canAdministerUser(agencyManagerA, learnerB)).toBe(false);
    expect(canAdministerUser(agencyManagerA, admin)).toBe(false);
    expect(canAdministerUser(agencyManagerA, trainer)).toBe(false);
    expect(canAdministerUser(agencyManagerA, agencyManagerA)).toBe(false);
    expect(canAdministerUser(teamManagerA, learnerA)).toBe(false);
    expect(canAdministerUser(admin, learnerB)).toBe(true);
  });

  it('roles, audit log and statistics', () => {
    const { learnerA, agencyManagerA, trainer, admin } = fx.users;
    expect([learnerA, agencyManagerA, trainer, admin].map(canChangeRoles)).toEqual([false, false, false, true]);
    expect([learnerA, agencyManagerA, trainer, admin].map(canReadAuditLog)).toEqual([false, false, false, true]);
    expect([learnerA, agencyManagerA, trainer, admin].map(canViewStatistics)).toEqual([false, false, true, true]);
  });
});
