/**
 * Where the courses live: `content/` in the project, or the folder named by
 * CONTENT_DIR (relative to the project root). Benchmarks and tests build
 * generated or fixture courses this way without touching the real ones.
 */
export const contentDir: string = process.env.CONTENT_DIR ?? 'content';

/**
 * The day (`YYYY-MM-DD`, UTC) the content check dates review ages from:
 * CONTENT_TODAY when set (tests pin it), otherwise today.
 */
export function contentToday(): string {
  const pinned = process.env.CONTENT_TODAY;
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : new Date().toISOString().slice(0, 10);
}
