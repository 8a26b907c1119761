import { describe, expect, it } from 'vitest';
import { assignDecision, complianceView, type AssignTarget } from '#lib/assignments/rules.ts';
import { changeAssignmentSchema, dueDateError, newAssignmentSchema } from '#lib/assignments/assignment-form.ts';
import { validate } from '#lib/http/form.ts';
import type { SessionUser } from '#lib/auth/session.ts';

const user = (u: Partial<SessionUser>): SessionUser => ({
  id: 1,
  name: 'X',
  email: 'x@a.example',
  agencyId: 1,
  teamId: null,
  role: 'learner',
  managerScope: null,
  ...u,
});
const admin = user({ role: 'admin', agencyId: 9 });
const agencyManager = user({ role: 'manager', managerScope: 'agency' });
const teamManager = user({ role: 'manager', managerScope: 'team', teamId: 10 });
const targets: Record<string, AssignTarget> = {
  ownAgency: { type: 'agency', agencyId: 1 },
  ownTeam: { type: 'team', agencyId: 1, teamId: 10 },
  otherTeam: { type: 'team', agencyId: 1, teamId: 11 },
  ownPerson: { type: 'person', agencyId: 1, teamId: 10, userId: 5 },
  otherTeamPerson: { type: 'person', agencyId: 1, teamId: 11, userId: 6 },
  otherAgencyTeam: { type: 'team', agencyId: 2, teamId: 20 },
  otherAgencyPerson: { type: 'person', agencyId: 2, teamId: 20, userId: 7 },
};

describe('assignDecision', () => {
  it.each([
    ['admin', admin, ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']],
    ['agency manager', agencyManager, ['ok', 'ok', 'ok', 'ok', 'ok', 'denied', 'denied']],
    ['team manager', teamManager, ['denied', 'ok', 'denied', 'ok', 'denied', 'denied', 'denied']],
    ['learner', user({}), Array(7).fill('forbidden')],
    ['trainer', user({ role: 'trainer' }), Array(7).fill('forbidden')],
  ])('%s', (_, actor, expected) => {
    expect(Object.values(targets).map((t) => assignDecision(actor, t))).toEqual(expected);
  });

  it('compliance view: agency for admins and agency managers, own team for team managers, none elsewhere', () => {
    expect(complianceView(admin, 1)).toEqual({ kind: 'agency' });
    expect(complianceView(agencyManager, 1)).toEqual({ kind: 'agency' });
    expect(complianceView(agencyManager, 2)).toBeNull();
    expect(complianceView(teamManager, 1)).toEqual({ kind: 'team', teamId: 10 });
    expect(complianceView(user({}), 1)).toBeNull();
  });
});

describe('assignment form', () => {
  const courses = ['saker-it-drift', 'teknikplattformen'];
  const today = '2026-12-01';
  const fields = {
    mottagare: 'team-10',
    epost: '',
    kurs1: 'saker-it-drift',
    kurs2: '',
    kurs3: '',
    slutdatum: '2027-01-31',
    fornyelse: '12',
  };

  it('parses a team assignment with a path and renewal', () => {
    expect(validate(newAssignmentSchema(courses, today), { ...fields, kurs2: 'teknikplattformen' })).toEqual({
      ok: true,
      data: {
        target: { type: 'team', teamId: 10 },
        courseIds: ['saker-it-drift', 'teknikplattformen'],
        dueDate: '2027-01-31',
        recurrenceMonths: 12,
      },
    });
  });

  it('refuses a past, unreadable or far date, an unknown course, a repeated course, a person without e-mail and extra fields', () => {
    const errors = (f: Record<string, string>) => {
      const r = validate(newAssignmentSchema(courses, today), { ...fields, ...f });
      return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
    };
    expect(errors({ slutdatum: '2026-11-30' })).toEqual([
      'slutdatum: Sista dagen har redan passerat. Välj i dag eller ett senare datum.',
    ]);
    expect(errors({ slutdatum: '2027-02-30' })[0]).toMatch(/^slutdatum: Ange sista dag som ÅÅÅÅ-MM-DD/);
    expect(errors({ slutdatum: '31/1 2027' })[0]).toMatch(/^slutdatum: Ange sista dag/);
    expect(errors({ slutdatum: '2032-01-01' })[0]).toMatch(/högst fem år/);
    expect(errors({ kurs1: 'finns-inte' })).toEqual(['kurs1: Kursen finns inte i katalogen. Välj en kurs i listan.']);
    expect(errors({ kurs2: 'saker-it-drift' })).toEqual(['kurs2: Samma kurs kan bara finnas en gång i en kursväg.']);
    expect(errors({ mottagare: 'person', epost: 'inte-en-adress' })[0]).toMatch(/^epost:/);
    expect(errors({ mottagare: 'team-abc' })[0]).toMatch(/^mottagare:/);
    expect(errors({ agencyId: '2' })[0]).toMatch(/fält som inte får ändras/);
    expect(dueDateError(today, today)).toBeNull();
  });

  it('editing may keep a due date that has passed, but not move it into the past', () => {
    const edit = { atgard: 'andra', kurs1: 'saker-it-drift', slutdatum: '2026-10-01', fornyelse: '' };
    expect(validate(changeAssignmentSchema(courses, today, '2026-10-01'), edit)).toMatchObject({
      ok: true,
      data: { action: 'edit', path: { courseIds: ['saker-it-drift'], dueDate: '2026-10-01' } },
    });
    expect(validate(changeAssignmentSchema(courses, today, '2026-12-24'), edit).ok).toBe(false);
  });

  it('the assignment page tells edit from remove by atgard and refuses anything else in Swedish', () => {
    const schema = changeAssignmentSchema(courses, today, '2026-10-01');
    expect(validate(schema, { atgard: 'ta-bort' })).toEqual({ ok: true, data: { action: 'remove' } });
    for (const fields of [{}, { atgard: 'radera' }])
      expect(validate(schema, fields)).toEqual({
        ok: false,
        errors: [{ field: 'atgard', message: 'Okänd åtgärd. Ladda om sidan och försök igen.' }],
      });
    expect(validate(schema, { atgard: 'ta-bort', agencyId: '2' })).toMatchObject({ ok: false });
  });
});
