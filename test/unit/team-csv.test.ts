import { describe, expect, it } from 'vitest';
import { teamCsv, teamCsvFilename, TEAM_CSV_HEADER } from '#lib/team-report/team-csv.ts';
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
    new Map([['3:a', { completedAt: '2026-11-30T23:15:00.000Z', certificateCode: 'KN-AAAA-BBBB-CCCC' }]]),
  );
  const lines = csv.split('\r\n');

  it('starts with a BOM and a semicolon-separated header row', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(`\uFEFF${TEAM_CSV_HEADER.join(';')}`);
    expect(lines).toHaveLength(5); // header, three rows, final CRLF
  });
  it('quotes names with semicolons and quotes, keeps Swedish characters, writes ISO dates in Swedish time', () => {
    expect(lines[1]).toBe(
      '"Åsa ""Kajsa"" Öberg; Lind";asa@x.example;Förvaltning;"Säker drift; grund";Pågår;1;2;50;2026-11-28;;',
    );
  });
  it('has the completion date and certificate code of a completed course', () => {
    expect(lines[3].endsWith(';2026-12-01;KN-AAAA-BBBB-CCCC')).toBe(true);
  });
  it('names the file after the team or agency and the Stockholm date', () => {
    expect(teamCsvFilename('Kundservice, Pensionsmyndigheten', new Date('2026-12-01T23:30:00Z'))).toBe(
      'framsteg-kundservice-pensionsmyndigheten-2026-12-02.csv',
    );
    expect(teamCsvFilename('Åtgärd & Öppna data', new Date('2026-06-01T10:00:00Z'))).toBe(
      'framsteg-atgard-oppna-data-2026-06-01.csv',
    );
  });
  it('neutralises cells starting with = + - @', () => {
    expect(lines[2].startsWith(`"'=HYPERLINK(""http://x"")";'@evil;;`)).toBe(true);
    expect(lines[3].startsWith(`'+46 Ärlig;'-x@y;`)).toBe(true);
    expect(lines[2]).toContain(';Inte påbörjad;0;2;0;');
  });
});
