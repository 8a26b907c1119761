/** Swedish formatting of durations for course cards and pages. */
import { longDate } from '#lib/site/time.ts';

/** 45 → "45 min", 90 → "1 tim 30 min", 120 → "2 tim". */
export function formatMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} tim` : `${hours} tim ${minutes} min`;
}

/** "2026-11-28T10:00:00.000Z" → "28 november 2026" (Stockholm date; see #lib/site/time.ts). */
export function formatDate(iso: string): string {
  return longDate(iso);
}
