import { describe, expect, it } from 'vitest';
import { teamCsv, TEAM_CSV_HEADER } from '#lib/team-report/team-csv.ts';
import { buildMatrix, type ReportCourse } from '#lib/team-report/team-progress.ts';

const courses: ReportCourse[] = [
  {
    id: 'a',
    title: 'Säker drift; grund',
    lessons: [
      { id: 'a/1', title: '1', revision: 1 },
      { id: 'a/2', title: '2', revision: 1 },
    ],
  },
];

describe('teamCsv', () => {
  const people = [
    { id: 1, name: 'Åsa "Kajsa" Öberg; Lind', email: 'asa@x.example', teamId: 1, teamName: 'Förvaltning' },
    { id: 2, name: '=HYPERLINK("http://x")', email: '@evil', teamId: null, teamName: null },
    { id: 3, name: '+46 Ärlig', email: '-x@y', teamId: 1, teamName: 'Förvaltning' },
  ];
  const csv = teamCsv(
    buildMatrix(people, courses, [
      { userId: 1, courseId: 'a', touched: 2, completed: 1, outdated: 0, lastActivity: '2026-11-27T23:30:00.000Z' },
    ]),
    courses,
  );
  const lines = csv.split('\r\n');

  it('starts with a BOM and a semicolon-separated header row', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(`\uFEFF${TEAM_CSV_HEADER.join(';')}`);
    expect(lines).toHaveLength(5); // header, three rows, final CRLF
  });
  it('quotes names with semicolons and quotes, keeps Swedish characters, writes ISO dates', () => {
    expect(lines[1]).toBe(
      '"Åsa ""Kajsa"" Öberg; Lind";asa@x.example;Förvaltning;"Säker drift; grund";Pågår;1;2;50;2026-11-27',
    );
  });
  it('neutralises cells starting with = + - @', () => {
    expect(lines[2].startsWith(`"'=HYPERLINK(""http://x"")";'@evil;;`)).toBe(true);
    expect(lines[3].startsWith(`'+46 Ärlig;'-x@y;`)).toBe(true);
    expect(lines[2]).toContain(';Inte påbörjad;0;2;0;');
  });
});
