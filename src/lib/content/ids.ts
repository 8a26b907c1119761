/**
 * Entry ids from file paths (relative to content/). A course is known by its
 * folder, a lesson by `<course>/<slug>` with the `NN-` order prefix dropped,
 * so renumbering lessons never changes their address or stored progress.
 */

/** `samordnad-it-drift/index.mdx` → `samordnad-it-drift`. */
export function courseIdOf(entry: string): string {
  return entry.split('/')[0];
}

/** `samordnad-it-drift/03-exitplan.mdx` → `samordnad-it-drift/exitplan`. */
export function lessonIdOf(entry: string): string {
  const [course, file] = entry.split('/');
  return `${course}/${file.replace(/^\d+-/, '').replace(/\.mdx?$/, '')}`;
}

/** The course part of a lesson id. */
export function courseOfLesson(lessonId: string): string {
  return lessonId.split('/')[0];
}

/** The slug part of a lesson id (the last segment of its URL). */
export function slugOfLesson(lessonId: string): string {
  return lessonId.split('/')[1];
}

/** The slug of every course's end-of-course case (`<kurs>/slutfall.mdx`, page /kurser/<kurs>/slutfall/). */
export const CASE_SLUG = 'slutfall';

/** `samordnad-it-drift` → `samordnad-it-drift/slutfall`: the case's id where progress and attempts store it. */
export function caseIdOf(courseId: string): string {
  return `${courseId}/${CASE_SLUG}`;
}
