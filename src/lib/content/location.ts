/**
 * Where the courses live: `content/` in the project, or the folder named by
 * CONTENT_DIR (relative to the project root). Benchmarks and tests build
 * generated or fixture courses this way without touching the real ones.
 */
export const contentDir: string = process.env.CONTENT_DIR ?? 'content';
