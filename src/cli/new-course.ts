/**
 * `npm run new:course -- "Kursens titel"`: creates content/<slug>/index.mdx
 * as a draft with the next free course order.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { courseTemplate, nextOrder, slugify } from '#lib/content/scaffold.ts';
import { contentDir } from '#lib/content/location.ts';

const title = process.argv.slice(2).join(' ').trim();
if (!title) {
  console.error('Ange kursens titel: npm run new:course -- "Kursens titel"');
  process.exit(2);
}
const slug = slugify(title);
const folder = join(contentDir, slug);
if (existsSync(folder)) {
  console.error(
    `${folder} finns redan — välj en annan titel eller lägg till lektioner med npm run new:lesson -- ${slug} "Titel"`,
  );
  process.exit(1);
}
const orders = readdirSync(contentDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(contentDir, d.name, 'index.mdx')))
  .map((d) => /^order:\s*(\d+)/m.exec(readFileSync(join(contentDir, d.name, 'index.mdx'), 'utf8'))?.[1])
  .filter((o): o is string => o !== undefined)
  .map(Number);
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'index.mdx'), courseTemplate(title, nextOrder(orders)));
console.log(
  `Skapade ${folder}/index.mdx (utkast). Nästa steg: npm run new:lesson -- ${slug} "Första lektionens titel"`,
);
