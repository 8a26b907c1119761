/**
 * Participant CSV files, pure (no database): parsing and row validation,
 * shared by the admin web import and `npm run users:import`.
 *
 * Format: UTF-8 (a BOM is fine), comma- or semicolon-separated as Swedish
 * Excel writes it, quotes with "" escapes, CRLF or LF. The first line is a
 * header naming the columns `namn`, `e-post` and optionally `team` (English
 * `name`, `email`, `team` also work, in any order). Every problem is reported
 * as line number, field and reason, so the file can be fixed in one go.
 */
import { emailField, nameField, normalizeText } from '#lib/http/text-input.ts';

export interface CsvRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  name: string;
  email: string;
  /** Team name as in the database, or null for no team. */
  team: string | null;
}

export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

export interface ImportContext {
  /** Names of the target agency's teams. */
  teams: string[];
  /** E-mails (normalised) that already have an account. */
  existingEmails: Set<string>;
}

export const MAX_ROWS = 5000;

const COLUMNS: Record<string, 'name' | 'email' | 'team'> = {
  namn: 'name',
  name: 'name',
  'e-post': 'email',
  epost: 'email',
  'e-postadress': 'email',
  email: 'email',
  'e-mail': 'email',
  team: 'team',
};

/** `;` when the header has more semicolons than commas (Swedish Excel), else `,`. */
export function detectDelimiter(firstLine: string): ',' | ';' {
  const semicolons = firstLine.split(';').length;
  const commas = firstLine.split(',').length;
  return semicolons > commas ? ';' : ',';
}

/** Splits CSV text into records with their starting line numbers; quoted fields may hold delimiters, quotes and newlines. */
export function parseCsv(text: string, delimiter: ',' | ';'): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) records.push({ line: start, cells: [...cells, cell] });
  return records.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

function headerColumns(cells: string[]): { map: Map<'name' | 'email' | 'team', number>; problems: RowProblem[] } {
  const map = new Map<'name' | 'email' | 'team', number>();
  const problems: RowProblem[] = [];
  cells.forEach((cell, i) => {
    const key = COLUMNS[normalizeText(cell).toLowerCase()];
    if (!key)
      problems.push({
        line: 1,
        field: cell.slice(0, 40) || `kolumn ${i + 1}`,
        reason: 'Okänd kolumn. Använd rubrikerna namn, e-post och (valfritt) team.',
      });
    else if (map.has(key)) problems.push({ line: 1, field: cell, reason: 'Kolumnen finns två gånger.' });
    else map.set(key, i);
  });
  if (!map.has('name')) problems.push({ line: 1, field: 'namn', reason: 'Kolumnen namn saknas i rubrikraden.' });
  if (!map.has('email')) problems.push({ line: 1, field: 'e-post', reason: 'Kolumnen e-post saknas i rubrikraden.' });
  return { map, problems };
}

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? 'Ogiltigt värde.';
}

/** Validates a whole file; `rows` is only meaningful when `problems` is empty. */
export function validateCsv(raw: string, context: ImportContext): { rows: CsvRow[]; problems: RowProblem[] } {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD'))
    return {
      rows: [],
      problems: [
        { line: 1, field: 'fil', reason: 'Filen är inte UTF-8. Spara den som "CSV UTF-8" i Excel och försök igen.' },
      ],
    };
  const records = parseCsv(text, detectDelimiter(text.split(/\r?\n/, 1)[0] ?? ''));
  if (records.length < 2)
    return {
      rows: [],
      problems: [
        {
          line: 1,
          field: 'fil',
          reason: 'Filen innehåller inga deltagare: första raden ska vara rubriker och därefter en deltagare per rad.',
        },
      ],
    };
  if (records.length - 1 > MAX_ROWS)
    return {
      rows: [],
      problems: [{ line: 1, field: 'fil', reason: `Filen har fler än ${MAX_ROWS} rader. Dela upp den.` }],
    };
  const { map, problems } = headerColumns(records[0].cells);
  if (problems.length > 0) return { rows: [], problems };
  const teamsByKey = new Map(context.teams.map((t) => [normalizeText(t).toLowerCase(), t]));
  const seen = new Map<string, number>();
  const rows: CsvRow[] = [];
  for (const record of records.slice(1)) {
    const before = problems.length;
    const cell = (key: 'name' | 'email' | 'team'): string => (map.has(key) ? (record.cells[map.get(key)!] ?? '') : '');
    if (record.cells.length > records[0].cells.length)
      problems.push({
        line: record.line,
        field: 'rad',
        reason: `Raden har ${record.cells.length} fält men rubrikraden ${records[0].cells.length}. Kontrollera avgränsare och citattecken.`,
      });
    const name = nameField.safeParse(cell('name'));
    const email = emailField.safeParse(cell('email'));
    const teamKey = normalizeText(cell('team')).toLowerCase();
    const team = teamKey === '' ? null : (teamsByKey.get(teamKey) ?? undefined);
    if (!name.success) problems.push({ line: record.line, field: 'namn', reason: firstIssue(name) });
    if (!email.success) problems.push({ line: record.line, field: 'e-post', reason: firstIssue(email) });
    else if (seen.has(email.data))
      problems.push({
        line: record.line,
        field: 'e-post',
        reason: `Samma e-postadress som på rad ${seen.get(email.data)}.`,
      });
    else if (context.existingEmails.has(email.data))
      problems.push({
        line: record.line,
        field: 'e-post',
        reason: 'Det finns redan ett konto med den e-postadressen.',
      });
    if (team === undefined)
      problems.push({
        line: record.line,
        field: 'team',
        reason: `Teamet "${normalizeText(cell('team')).slice(0, 60)}" finns inte hos myndigheten. Välj ett av: ${context.teams.join(', ') || '(inga team)'}.`,
      });
    if (email.success && !seen.has(email.data)) seen.set(email.data, record.line);
    if (name.success && email.success && team !== undefined && problems.length === before)
      rows.push({ line: record.line, name: name.data, email: email.data, team });
  }
  return { rows, problems };
}
