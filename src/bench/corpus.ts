/**
 * A generated course library for benchmarks: N courses × M lessons of
 * realistic Swedish, made by recombining sentences from our own lessons
 * (so word lengths, inflections and vocabulary are real), with valid
 * frontmatter and knowledge checks. Deterministic for a given seed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSource } from '#lib/content/frontmatter.ts';
import { seededRandom as random } from '#lib/seeded-random.ts';

/** Plain sentences from the real lessons' bodies (no markup, no components). */
export function sentencesFrom(contentDir: string): string[] {
  const sentences: string[] = [];
  for (const course of readdirSync(contentDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(contentDir, course.name)).filter((f) => /^\d{2}-.+\.mdx$/.test(f))) {
      const { body } = splitSource(readFileSync(join(contentDir, course.name, file), 'utf8'));
      const text = body
        .split('\n')
        .filter((l) => l.trim() && !/^\s*(#|<|\||-|\d+\.|import )/.test(l))
        .join(' ')
        .replace(/<[^>]+>/g, '')
        .replace(/\*\*|\[|\]\([^)]*\)/g, '');
      sentences.push(
        ...(text.match(/[^.!?]+[.!?]/g) ?? [])
          .map((s) => s.trim())
          .filter((s) => s.split(' ').length >= 5 && !/[{}<>]/.test(s)),
      );
    }
  }
  return sentences;
}

const q = (s: string) => JSON.stringify(s);

/** Writes `courses` × `lessons` lesson files of about `words` words each into `dir` (emptied first). */
export function writeCorpus(
  dir: string,
  sentences: string[],
  courses: number,
  lessons: number,
  words = 600,
  seed = 1,
): number {
  const rnd = random(seed);
  const pick = () => sentences[Math.floor(rnd() * sentences.length)];
  rmSync(dir, { recursive: true, force: true });
  let count = 0;
  for (let c = 1; c <= courses; c++) {
    const folder = join(dir, `kurs-${String(c).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'index.mdx'),
      `---\ntitle: ${q(`Kurs ${c}: ${pick().slice(0, 50)}`)}\nsummary: ${q(pick())}\naudience: Handläggare och chefer.\nestimatedMinutes: ${lessons * 5}\norder: ${c}\ntags: [bench]\nrevision: 1\n---\n\n${pick()} ${pick()}\n`,
    );
    for (let l = 1; l <= lessons; l++) {
      const paragraphs: string[] = [];
      let n = 0;
      while (n < words) {
        const para = [pick(), pick(), pick(), pick()].join(' ');
        n += para.split(/\s+/).length;
        paragraphs.push(para);
        if (paragraphs.length % 3 === 1)
          paragraphs.push(
            `## ${pick()
              .slice(0, 60)
              .replace(/[.!?:]$/, '')}`,
          );
      }
      const option = (right: boolean) =>
        `      - text: ${q(pick().slice(0, right ? 60 : 120))}\n        explanation: ${q((right ? 'Rätt: ' : 'Fel: ') + pick())}`;
      // Five questions, three shown per attempt, each testing one of the two objectives (the content check's rules).
      const question = (i: number) =>
        `  - question: ${q(pick())}\n    objective: ${(i % 2) + 1}\n    options:\n${option(false)}\n${option(true)}\n${option(false)}\n    answer: 1`;
      const source = `  - title: "Offentlighets- och sekretesslag (2009:400)"\n    publisher: "Sveriges riksdag"\n    url: https://rkrattsbaser.gov.se/sfst?bet=2009:400`;
      writeFileSync(
        join(folder, `${String(l).padStart(2, '0')}-lektion-${l}.mdx`),
        `---\ntitle: ${q(`Lektion ${l}: ${pick().slice(0, 60)}`)}\nsummary: ${q(pick())}\nestimatedMinutes: 5\norder: ${l}\nrevision: 1\nreviewed: 2026-12-01\nobjectives:\n  - ${q(pick())}\n  - ${q(pick())}\nquizShown: 3\nquiz:\n${[0, 1, 2, 3, 4].map(question).join('\n')}\nsources:\n${source}\n---\n\n${paragraphs.join('\n\n')}\n`,
      );
      count++;
    }
  }
  return count;
}
