/**
 * CSV that opens correctly in Swedish Excel: UTF-8 with BOM, semicolon
 * separator, CRLF line ends, ISO dates, every cell quoted when needed, and
 * cells that Excel would run as a formula (starting with = + - @, tab or
 * carriage return) neutralised with a leading apostrophe (OWASP; ASVS 1.2.10).
 * Shared by every export (manager reports, trainer statistics).
 */

export type CsvCell = string | number | boolean | Date | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: dates as ISO (YYYY-MM-DD), numbers with a decimal comma, formulas defused. */
export function csvCell(value: CsvCell): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value).replace('.', ',') : '';
  else if (typeof value === 'boolean') text = value ? 'ja' : 'nej';
  else text = value.normalize('NFC');
  // A negative number is data, not a formula; any other text starting like a formula is defused.
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The UTC day (YYYY-MM-DD) of an ISO time, as a Date cell gives it; app-written times (…T…Z) are sliced without parsing. */
export function csvDay(iso: string): string {
  return iso.length > 10 && iso[10] === 'T' && iso.endsWith('Z') ? iso.slice(0, 10) : csvCell(new Date(iso));
}

/** Cells as one CSV line (no line end). */
export function csvLine(cells: CsvCell[]): string {
  return cells.map(csvCell).join(';');
}

/** A whole CSV document from lines already made by `csvLine`: the BOM, the header row, one line per record. */
export function csvDocument(header: string[], lines: string[]): string {
  return BOM + [csvLine(header), ...lines].join('\r\n') + '\r\n';
}

/** A whole CSV document: a header row, then one row per record. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return csvDocument(header, rows.map(csvLine));
}

/** Response headers for a CSV download named `filename` (ASCII, no path). */
export function csvHeaders(filename: string): Record<string, string> {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${safe}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}
