/**
 * `npm run content:check`: checks every course, lesson and glossary under
 * content/ and prints each problem as `file:line: what is wrong — what to do`.
 * Exit status 1 on errors, 0 with warnings only. CONTENT_TODAY=YYYY-MM-DD
 * sets the day the review-age warning counts from (tests), default today.
 */
import { checkContent, formatProblem } from '#lib/content/check.ts';
import { readContentTree } from '#lib/content/files.ts';
import { contentDir, contentToday } from '#lib/content/location.ts';

const root = process.argv[2] ?? process.cwd();
const { files, assets } = readContentTree(root, contentDir);
const problems = checkContent(files, assets, contentDir, contentToday());
for (const p of problems) console.log(formatProblem(p));
const errors = problems.filter((p) => p.severity === 'error').length;
const warnings = problems.length - errors;
console.log(`content:check: ${files.length} filer, ${errors} fel, ${warnings} varningar`);
process.exitCode = errors > 0 ? 1 : 0;
