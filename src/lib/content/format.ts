/** Swedish formatting of durations for course cards and pages. */

/** 45 → "45 min", 90 → "1 tim 30 min", 120 → "2 tim". */
export function formatMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} tim` : `${hours} tim ${minutes} min`;
}
