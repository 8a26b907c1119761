/**
 * Times as a person reads them: always in Europe/Stockholm (the service's
 * users are Swedish agencies), whatever the server's zone. Storage and logs
 * stay UTC ISO strings; only what is shown goes through here. Pure.
 */
export const TIME_ZONE = 'Europe/Stockholm';

const day = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const long = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const clock = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const seconds = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parse(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-12-01" (Stockholm date), or `empty`. */
export function isoDay(value: string | Date | null | undefined, empty = '–'): string {
  const d = parse(value);
  return d ? day.format(d) : empty;
}

/** "1 december 2026" (Stockholm date), or `empty`. */
export function longDate(value: string | Date | null | undefined, empty = '–'): string {
  const d = parse(value);
  return d ? long.format(d) : empty;
}

/** "2026-12-01 18:05" (Stockholm time), or `empty`; `withSeconds` for logs. */
export function dateTime(value: string | Date | null | undefined, empty = '–', withSeconds = false): string {
  const d = parse(value);
  return d ? `${day.format(d)} ${(withSeconds ? seconds : clock).format(d)}` : empty;
}
