/**
 * The team progress export: one row per participant and course, in the
 * Swedish-Excel CSV of csv.ts (BOM, semicolons, ISO dates, formulas defused).
 */
import { csvDay, csvDocument, csvLine } from '#lib/http/csv.ts';
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
];

/**
 * The CSV document for `rows` over `courses`. A whole agency is ~80,000
 * lines, so each participant's and each course's cells are made once, and
 * so is the whole rest of a line for a course not started (most of them).
 */
export function teamCsv(rows: MatrixRow[], courses: ReportCourse[]): string {
  const labels = Object.fromEntries(
    Object.entries(COURSE_STATE_LABELS).map(([state, text]) => [state, csvLine([text])]),
  ) as Record<keyof typeof COURSE_STATE_LABELS, string>;
  const perCourse = courses.map((course) => {
    const title = csvLine([course.title]);
    return {
      course,
      title,
      notStarted: `${title};${labels['not-started']};${csvLine([0, course.lessons.length, 0, null])}`,
    };
  });
  const lines: string[] = [];
  for (const row of rows) {
    const p = row.participant;
    const who = csvLine([p.name, p.email, p.teamName ?? '']);
    for (const { course, title, notStarted } of perCourse) {
      const cell = row.cells.get(course.id);
      if (!cell) continue;
      if (cell.state === 'not-started') lines.push(`${who};${notStarted}`);
      // Whole numbers need neither quotes nor a decimal comma.
      else
        lines.push(
          `${who};${title};${labels[cell.state]};${cell.completed};${cell.total};${cell.percent};${cell.lastActivity ? csvDay(cell.lastActivity) : ''}`,
        );
    }
  }
  return csvDocument(TEAM_CSV_HEADER, lines);
}
