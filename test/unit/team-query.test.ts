import { describe, expect, it } from 'vitest';
import { parseTeamQuery, queryString, selectRows } from '#lib/team-report/team-query.ts';
import { buildMatrix, participantProgress, type ReportCourse } from '#lib/team-report/team-progress.ts';

const q = (s: string) => parseTeamQuery(new URLSearchParams(s));

describe('parseTeamQuery', () => {
  it('accepts the dashboard parameters, empty filter fields included', () => {
    expect(q('team=3&kurs=samordnad-it-drift&status=outdated&inaktiv=1&sort=framsteg&ordning=stigande&sida=2')).toEqual(
      {
        team: 3,
        kurs: 'samordnad-it-drift',
        status: 'outdated',
        inaktiv: '1',
        sort: 'framsteg',
        ordning: 'stigande',
        sida: 2,
      },
    );
    expect(q('team=&status=&kurs=')).toEqual({ team: undefined, status: undefined, kurs: '' });
  });
  it('refuses unknown keys, repeated keys, bad ids and odd values', () => {
    for (const bad of [
      'x=1',
      'team=1&team=2',
      'team=0',
      'team=-1',
      'team=1e3',
      'team=99999999999',
      'sida=abc',
      'sort=email',
      'status=klar',
      'kurs=../admin',
      `kurs=${'a'.repeat(300)}`,
      'kurs=%00',
      'inaktiv=ja',
    ]) {
      expect(q(bad), bad).toBeNull();
    }
  });
  it('builds links with changes and without empty keys', () => {
    expect(queryString({ team: 3, kurs: '' }, { sort: 'namn', sida: undefined })).toBe('?team=3&sort=namn');
    expect(queryString({})).toBe('');
  });
});

describe('selectRows', () => {
  const courses: ReportCourse[] = [
    {
      id: 'a',
      title: 'A',
      lessons: [
        { id: 'a/1', title: '1', revision: 2 },
        { id: 'a/2', title: '2', revision: 1 },
      ],
    },
  ];
  const now = new Date('2026-11-28T00:00:00Z');
  const people = ['Örjan', 'Åsa', 'Anna', 'Bertil'].map((name, i) => ({
    id: i + 1,
    name,
    email: `${i}@x`,
    teamId: 1,
    teamName: 'T',
  }));
  const rows = buildMatrix(people, courses, [
    { userId: 1, courseId: 'a', touched: 2, completed: 2, outdated: 1, lastActivity: '2026-11-27T00:00:00Z' },
    { userId: 2, courseId: 'a', touched: 2, completed: 2, outdated: 0, lastActivity: '2026-09-01T00:00:00Z' },
    { userId: 3, courseId: 'a', touched: 1, completed: 1, outdated: 0, lastActivity: '2026-11-20T00:00:00Z' },
  ]);
  // The dashboard's rows: each participant summed, focused on the course the query names.
  const select = (query: Parameters<typeof selectRows>[1], size?: number) =>
    selectRows(
      rows.map((r) => participantProgress(r, query.kurs)),
      query,
      now,
      size,
    );
  const names = (query: Parameters<typeof selectRows>[1], size?: number) =>
    select(query, size).rows.map((r) => r.participant.name);

  it('sorts by name in Swedish order by default, and both ways', () => {
    expect(names({})).toEqual(['Anna', 'Bertil', 'Åsa', 'Örjan']);
    expect(names({ sort: 'namn', ordning: 'fallande' })).toEqual(['Örjan', 'Åsa', 'Bertil', 'Anna']);
  });
  it('sorts by progress and last activity (descending by default, ties by name)', () => {
    expect(names({ sort: 'framsteg' })).toEqual(['Åsa', 'Örjan', 'Anna', 'Bertil']);
    expect(names({ sort: 'aktivitet' })).toEqual(['Örjan', 'Anna', 'Åsa', 'Bertil']);
    expect(names({ sort: 'aktivitet', ordning: 'stigande' })).toEqual(['Bertil', 'Åsa', 'Anna', 'Örjan']);
  });
  it('filters by state (in one course or any) and by 30 days without activity', () => {
    expect(names({ status: 'outdated' })).toEqual(['Örjan']);
    expect(names({ status: 'completed', kurs: 'a' })).toEqual(['Åsa']);
    expect(names({ status: 'not-started' })).toEqual(['Bertil']);
    expect(names({ inaktiv: '1' })).toEqual(['Bertil', 'Åsa']);
  });
  it('pages, clamping a page past the end', () => {
    const page = select({ sida: 9 }, 3);
    expect(page).toMatchObject({ matching: 4, page: 2, pages: 2 });
    expect(page.rows.map((r) => r.participant.name)).toEqual(['Örjan']);
  });
});
