/**
 * The team progress export: one row per participant and course, in the
 * Swedish-Excel CSV of csv.ts (BOM, semicolons, ISO dates, formulas defused).
 */
import { toCsv, type CsvCell } from './csv.ts';
import { COURSE_STATE_LABELS, type MatrixRow, type ReportCourse } from './team-progress.ts';

export const TEAM_CSV_HEADER = ['Namn', 'E-post', 'Team', 'Kurs', 'Status', 'Klara lektioner', 'Lektioner', 'Procent klart', 'Senaste aktivitet'];

/** The CSV document for `rows` over `courses`. */
export function teamCsv(rows: MatrixRow[], courses: ReportCourse[]): string {
  const out: CsvCell[][] = [];
  for (const row of rows) {
    const p = row.participant;
    for (const course of courses) {
      const cell = row.cells.get(course.id);
      if (!cell) continue;
      out.push([p.name, p.email, p.teamName ?? '', course.title, COURSE_STATE_LABELS[cell.state], cell.completed, cell.total, cell.percent, cell.lastActivity ? new Date(cell.lastActivity) : null]);
    }
  }
  return toCsv(TEAM_CSV_HEADER, out);
}
