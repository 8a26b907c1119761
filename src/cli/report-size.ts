/**
 * `npm run report:size`: the gzip bytes a first visit downloads per page type
 * (the largest page of each type), against page-budgets.json. Needs a build.
 * Exit status 1 when any page is over budget.
 */
import { measureSite, overBudget, readBudgets, type PageType } from '#lib/site/budgets.ts';

const client = `${process.env.OUT_DIR ?? 'dist'}/client`;
const budgets = readBudgets();
const pages = measureSite(client);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
console.log(
  `${'sidtyp'.padEnd(9)} ${'sidor'.padStart(5)}  ${'HTML max'.padStart(9)} ${'CSS max'.padStart(9)} ${'JS max'.padStart(9)}   budget (HTML/CSS/JS)`,
);
for (const type of Object.keys(budgets) as PageType[]) {
  const ofType = pages.filter((p) => p.type === type);
  if (ofType.length === 0) continue;
  const max = (k: 'html' | 'css' | 'js') => Math.max(...ofType.map((p) => p[k]));
  const b = budgets[type];
  console.log(
    `${type.padEnd(9)} ${String(ofType.length).padStart(5)}  ${kb(max('html'))} ${kb(max('css'))} ${kb(max('js'))}   ${kb(b.html)}/${kb(b.css).trim()}/${kb(b.js).trim()}`,
  );
}
const longest = pages.filter((p) => p.type === 'lesson').sort((a, b) => b.html - a.html)[0];
if (longest)
  console.log(
    `\nLängsta lektionen: ${longest.page} (${longest.html} B HTML gzip); JS på lektionssidor: ${Math.max(...pages.filter((p) => p.type === 'lesson').map((p) => p.js))} B`,
  );
const problems = pages.flatMap((p) => overBudget(p, budgets[p.type]));
for (const p of problems) console.log(`ÖVER BUDGET: ${p}`);
process.exitCode = problems.length > 0 ? 1 : 0;
