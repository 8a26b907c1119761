/**
 * The team progress export: one row per participant and course, in the
 * Swedish-Excel CSV of csv.ts (BOM, semicolons, ISO dates, formulas defused),
 * with the e-mail (to tell namesakes apart), the completion date and the
 * certificate code. Dates are Stockholm days (#lib/site/time.ts).
 */
import { csvDocument, csvLine } from '#lib/http/csv.ts';
import { isoDay } from '#lib/site/time.ts';
import { COURSE_STATE_LABELS, type MatrixRow, type ReportCourse } from './team-progress.ts';

export const TEAM_CSV_HEADER = [
  'Namn',
  'E-post',
  'Team',
  'Kurs',
  'Status',
  'Klara lektioner',
  'Lektioner',
  'Procent klart',
  'Senaste aktivitet',
  'Kursen klar',
  'Intygskod',
];

/** A course completion, keyed by `${userId}:${courseId}` in `teamCsv`'s map. */
export interface CsvCompletion {
  completedAt: string;
  certificateCode: string;
}

/**
 * The CSV document for `rows` over `courses`. A whole agency is ~80,000
 * lines, so each participant's and each course's cells are made once, and
 * so is the whole rest of a line for a course not started (most of them).
 */
export function teamCsv(
  rows: MatrixRow[],
  courses: ReportCourse[],
  completions: ReadonlyMap<string, CsvCompletion> = new Map(),
): string {
  const labels = Object.fromEntries(
    Object.entries(COURSE_STATE_LABELS).map(([state, text]) => [state, csvLine([text])]),
  ) as Record<keyof typeof COURSE_STATE_LABELS, string>;
  const perCourse = courses.map((course) => {
    const title = csvLine([course.title]);
    return {
      course,
      title,
      notStarted: `${title};${labels['not-started']};${csvLine([0, course.lessons.length, 0, null, null, null])}`,
    };
  });
  const lines: string[] = [];
  for (const row of rows) {
    const p = row.participant;
    const who = csvLine([p.name, p.email, p.teamName ?? '']);
    for (const { course, title, notStarted } of perCourse) {
      const cell = row.cells.get(course.id);
      if (!cell) continue;
      const done = completions.get(`${p.id}:${course.id}`);
      if (cell.state === 'not-started' && !done) {
        lines.push(`${who};${notStarted}`);
        continue;
      }
      // Whole numbers need neither quotes nor a decimal comma.
      const tail = csvLine([isoDay(cell.lastActivity, ''), isoDay(done?.completedAt, ''), done?.certificateCode ?? '']);
      lines.push(`${who};${title};${labels[cell.state]};${cell.completed};${cell.total};${cell.percent};${tail}`);
    }
  }
  return csvDocument(TEAM_CSV_HEADER, lines);
}

/** "framsteg-kundservice-pensionsmyndigheten-2026-12-01.csv": the scope's name in ASCII and the Stockholm date. */
export function teamCsvFilename(scopeName: string, now: Date): string {
  const slug = scopeName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `framsteg-${slug || 'team'}-${isoDay(now)}.csv`;
}
