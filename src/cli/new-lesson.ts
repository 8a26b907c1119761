/**
 * `npm run new:lesson -- <kurs> "Lektionens titel"`: creates
 * content/<kurs>/NN-<slug>.mdx as a draft with the next order number.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonTemplate, nextOrder, orderOfLessonFile, slugify } from '#lib/content/scaffold.ts';
import { contentDir } from '#lib/content/location.ts';

const [course, ...words] = process.argv.slice(2);
const title = words.join(' ').trim();
if (!course || !title) {
  console.error('Ange kurs och titel: npm run new:lesson -- <kurs> "Lektionens titel"');
  process.exit(2);
}
const folder = join(contentDir, course);
if (!/^[a-z0-9-]+$/.test(course) || !existsSync(join(folder, 'index.mdx'))) {
  const known = readdirSync(contentDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(contentDir, d.name, 'index.mdx')))
    .map((d) => d.name);
  console.error(
    `Kursen "${course}" finns inte. Kurser: ${known.join(', ')}. Skapa en ny med npm run new:course -- "Titel".`,
  );
  process.exit(1);
}
const files = readdirSync(folder);
const slug = slugify(title);
const taken = files.find((f) => f.replace(/^\d{2}-/, '') === `${slug}.mdx`);
if (taken) {
  console.error(`${join(folder, taken)} har redan adressen ${slug} — välj en annan titel`);
  process.exit(1);
}
const order = nextOrder(files.map(orderOfLessonFile).filter((o): o is number => o !== null));
if (order > 99) {
  console.error('Kursen har redan 99 lektioner — dela upp den i två kurser');
  process.exit(1);
}
const file = join(folder, `${String(order).padStart(2, '0')}-${slug}.mdx`);
writeFileSync(file, lessonTemplate(title, order));
console.log(
  `Skapade ${file} (utkast). Skriv texten, kör npm run content:check och ta bort draft: true när lektionen är klar.`,
);
