/**
 * The content check: every rule a course folder must follow, as one pure
 * function over the files' text. `npm run content:check` and the build both
 * call it, so a trainer sees every problem at once, as
 * `file:line: what is wrong — what to do`.
 */
import type { ZodType } from 'astro/zod';
import { courseSchema, glossaryFileSchema, lessonSchema } from './schema.ts';
import { lineOfPath, splitSource, type SplitSource } from './frontmatter.ts';
import { bodyFacts, type BodyFacts } from './body.ts';
import { PLACEHOLDERS } from './scaffold.ts';
import { parseDocument, LineCounter } from 'yaml';

export interface ContentFile {
  /** Path relative to the project root, with forward slashes: `content/kurs/01-x.mdx`. */
  path: string;
  source: string;
}

export interface Problem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export const WORDS_MIN = 300;
export const WORDS_MAX = 900;
const WORDS_PER_MINUTE = 180;

/** File patterns inside the content folder `dir` (relative to the project root). */
function patterns(dir: string) {
  const base = dir.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    lesson: new RegExp(`^${base}/([^/]+)/(\\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.mdx$`),
    course: new RegExp(`^${base}/([^/]+)/index\\.mdx$`),
    glossary: new RegExp(`^${base}/([^/]+)/ordlista\\.yaml$`),
  };
}

interface ParsedLesson {
  file: string;
  course: string;
  slug: string;
  order: number | null;
  draft: boolean;
  split: SplitSource;
  facts: BodyFacts;
}

/**
 * Checks all content files under the folder `dir`; `assets` lists the other
 * files there (images).
 */
export function checkContent(files: ContentFile[], assets: string[] = [], dir = 'content'): Problem[] {
  const { lesson: LESSON_FILE, course: COURSE_FILE, glossary: GLOSSARY_FILE } = patterns(dir);
  const problems: Problem[] = [];
  const courses = new Set<string>();
  const lessons: ParsedLesson[] = [];
  const glossary = new Map<string, { file: string; line: number }>();

  for (const file of files) {
    if (COURSE_FILE.test(file.path)) {
      courses.add(file.path.replace(COURSE_FILE, '$1'));
      const { data } = checkFrontmatter(file, courseSchema, problems);
      if (data?.draft !== true) checkPlaceholders(file, problems);
    } else if (GLOSSARY_FILE.test(file.path)) {
      collectGlossary(file, glossary, problems);
    } else if (LESSON_FILE.test(file.path)) {
      lessons.push(parseLesson(file, LESSON_FILE, problems));
    } else if (file.path.endsWith('.mdx') || file.path.endsWith('.md')) {
      if (!file.path.endsWith('README.md')) {
        problems.push(err(file.path, 1, 'filnamnet följer inte mönstret — döp lektioner till <kurs>/NN-<slug>.mdx (t.ex. 03-overlamning.mdx, bara a–z, 0–9 och bindestreck) och kursfilen till <kurs>/index.mdx'));
      }
    }
  }

  checkCourses(lessons, courses, problems);
  checkLinks(lessons, courses, problems);
  checkTerms(lessons, glossary, problems);
  checkImages(lessons, assets, problems);
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function err(file: string, line: number, message: string): Problem {
  return { file, line, severity: 'error', message };
}

function warn(file: string, line: number, message: string): Problem {
  return { file, line, severity: 'warning', message };
}

/** Formats a problem the way editors and terminals link it. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'varning: ' : ''}${p.message}`;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

function checkFrontmatter(file: ContentFile, schema: ZodType, problems: Problem[]): { split: SplitSource; data: Record<string, unknown> | null } {
  const split = splitSource(file.source);
  if (!split.doc) {
    problems.push(err(file.path, 1, 'frontmatter saknas — börja filen med en rad ---, fälten (title, summary …) och en rad ---'));
    return { split, data: null };
  }
  if (split.doc.errors.length > 0) {
    for (const e of split.doc.errors) {
      const line = split.lineCounter.linePos(e.pos[0]).line + split.frontmatterLine - 1;
      problems.push(err(file.path, line, `frontmatter är inte giltig YAML (${e.code}) — kontrollera indrag och citattecken; sätt text med kolon inom "…"`));
    }
    return { split, data: null };
  }
  const raw = split.doc.toJS() ?? {};
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = formatPath(issue.path);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const field = formatPath([...issue.path, key]);
          problems.push(err(file.path, lineOfPath(split, [...issue.path, key]), `okänt fält ${field} — ta bort det eller rätta stavningen (fälten beskrivs i content/README.md)`));
        }
        continue;
      }
      problems.push(err(file.path, lineOfPath(split, issue.path), where ? `${where}: ${issue.message}` : issue.message));
    }
  }
  return { split, data: typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : null };
}

function parseLesson(file: ContentFile, pattern: RegExp, problems: Problem[]): ParsedLesson {
  const [, course, prefix, slug] = pattern.exec(file.path)!;
  const { split, data } = checkFrontmatter(file, lessonSchema, problems);
  const order = typeof data?.order === 'number' ? data.order : null;
  if (order !== null && order !== Number(prefix)) {
    problems.push(err(file.path, lineOfPath(split, ['order']), `order är ${order} men filnamnet börjar med ${prefix} — låt dem vara samma tal`));
  }
  const facts = bodyFacts(split.body, split.bodyLine);
  const lesson: ParsedLesson = { file: file.path, course, slug, order, draft: data?.draft === true, split, facts };
  checkBody(lesson, data, problems);
  if (!lesson.draft) checkPlaceholders(file, problems);
  return lesson;
}

/** A published file must not keep the scaffold's "write here" texts. */
function checkPlaceholders(file: ContentFile, problems: Problem[]): void {
  file.source.split('\n').forEach((line, i) => {
    const found = PLACEHOLDERS.find((p) => line.includes(p));
    if (found) problems.push(err(file.path, i + 1, `mallens platshållartext finns kvar: "${found}" — skriv egen text här (eller behåll draft: true tills du är klar)`));
  });
}

function checkBody(lesson: ParsedLesson, data: Record<string, unknown> | null, problems: Problem[]): void {
  const { facts, file } = lesson;
  let previous = 1;
  for (const h of facts.headings) {
    if (h.depth === 1) {
      problems.push(err(file, h.line, 'rubrik på nivå 1 (#) i texten — sidans titel är redan h1; börja med ##'));
    } else if (h.depth > previous + 1) {
      problems.push(err(file, h.line, `rubriken hoppar från nivå ${previous} till ${h.depth} — använd ${'#'.repeat(previous + 1)} här`));
    }
    previous = h.depth;
  }
  if (!lesson.draft) {
    if (facts.words < WORDS_MIN) {
      problems.push(err(file, lesson.split.bodyLine, `texten har ${facts.words} ord, minst ${WORDS_MIN} krävs — skriv ut resonemanget, exemplet och vad deltagaren gör på måndag`));
    } else if (facts.words > WORDS_MAX) {
      problems.push(err(file, lesson.split.bodyLine, `texten har ${facts.words} ord, högst ${WORDS_MAX} — dela lektionen i två`));
    }
  }
  const minutes = data?.estimatedMinutes;
  if (typeof minutes === 'number') {
    const reading = Math.ceil(facts.words / WORDS_PER_MINUTE);
    if (minutes < reading * 0.5 || minutes > reading * 3 + 5) {
      problems.push(warn(file, lineOfPath(lesson.split, ['estimatedMinutes']), `estimatedMinutes är ${minutes} men texten tar ungefär ${reading} min att läsa — justera tiden (läsning plus kunskapskontroll)`));
    }
  }
}

function checkCourses(lessons: ParsedLesson[], courses: Set<string>, problems: Problem[]): void {
  const byOrder = new Map<string, ParsedLesson>();
  for (const lesson of lessons) {
    if (!courses.has(lesson.course)) {
      problems.push(err(lesson.file, 1, `okänd kurs "${lesson.course}": mappen saknar index.mdx — skapa ${lesson.file.slice(0, lesson.file.lastIndexOf('/'))}/index.mdx eller flytta lektionen`));
    }
    if (lesson.order === null) continue;
    const key = `${lesson.course}#${lesson.order}`;
    const other = byOrder.get(key);
    if (other) {
      problems.push(err(lesson.file, lineOfPath(lesson.split, ['order']), `order ${lesson.order} används redan av ${other.file} — ge varje lektion i kursen ett eget nummer`));
    } else {
      byOrder.set(key, lesson);
    }
  }
  const slugs = new Map<string, string>();
  for (const lesson of lessons) {
    const key = `${lesson.course}/${lesson.slug}`;
    const other = slugs.get(key);
    if (other) problems.push(err(lesson.file, 1, `samma adress (${lesson.slug}) som ${other} — byt namn på en av filerna`));
    else slugs.set(key, lesson.file);
  }
}

function checkLinks(lessons: ParsedLesson[], courses: Set<string>, problems: Problem[]): void {
  const targets = new Set(lessons.map((l) => `${l.course}/${l.slug}`));
  for (const lesson of lessons) {
    for (const link of lesson.facts.links) {
      const m = /^\/kurser\/([^/#?]+)(?:\/([^/#?]+))?\/?(?:[#?].*)?$/.exec(link.href);
      if (!m) continue;
      const [, course, slug] = m;
      const ok = slug ? targets.has(`${course}/${slug}`) : courses.has(course);
      if (!ok) {
        problems.push(err(lesson.file, link.line, `länken ${link.href} pekar inte på någon kurs eller lektion — rätta adressen (/kurser/<kurs>/<lektion>/, lektionens namn utan NN-)`));
      }
    }
  }
}

function collectGlossary(file: ContentFile, glossary: Map<string, { file: string; line: number }>, problems: Problem[]): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.source, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    problems.push(err(file.path, lineCounter.linePos(doc.errors[0].pos[0]).line, 'ordlistan är inte giltig YAML — kontrollera indrag och citattecken'));
    return;
  }
  const split: SplitSource = { doc, lineCounter, frontmatterLine: 1, body: '', bodyLine: 1 };
  const data = doc.toJS();
  const result = glossaryFileSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(err(file.path, lineOfPath(split, issue.path), `${formatPath(issue.path)}: ${issue.message}`));
    }
    return;
  }
  result.data.terms.forEach((term, i) => {
    const line = lineOfPath(split, ['terms', i, 'id']);
    const other = glossary.get(term.id);
    if (other) {
      problems.push(err(file.path, line, `begreppet "${term.id}" definieras redan i ${other.file}:${other.line} — varje begrepp ska ha exakt en definition; ta bort den ena`));
    } else {
      glossary.set(term.id, { file: file.path, line });
    }
  });
}

function checkTerms(lessons: ParsedLesson[], glossary: Map<string, { file: string; line: number }>, problems: Problem[]): void {
  const used = new Set<string>();
  for (const lesson of lessons) {
    for (const term of lesson.facts.terms) {
      used.add(term.id);
      if (!glossary.has(term.id)) {
        problems.push(err(lesson.file, term.line, `<Term id="${term.id}"> finns inte i någon ordlista — lägg till det i ${lesson.file.slice(0, lesson.file.lastIndexOf('/'))}/ordlista.yaml eller rätta id:t`));
      }
    }
  }
  for (const [id, where] of glossary) {
    if (!used.has(id)) problems.push(warn(where.file, where.line, `begreppet "${id}" används inte i någon lektion — märk det med <Term id="${id}"> eller ta bort det`));
  }
}

function checkImages(lessons: ParsedLesson[], assets: string[], problems: Problem[]): void {
  const existing = new Set(assets);
  const used = new Set<string>();
  for (const lesson of lessons) {
    const dir = lesson.file.slice(0, lesson.file.lastIndexOf('/'));
    for (const image of lesson.facts.images) {
      if (!image.alt.trim()) {
        problems.push(err(lesson.file, image.line, `bilden ${image.src || '(utan src)'} saknar alt-text — beskriv vad bilden visar i alt="…" (eller ![text](…)); en ren dekoration hör inte hemma i en lektion`));
      }
      if (!image.src || /^[a-z]+:/i.test(image.src)) continue;
      const resolved = normalise(`${dir}/${image.src}`);
      used.add(resolved);
      if (!existing.has(resolved)) {
        problems.push(err(lesson.file, image.line, `bilden ${image.src} finns inte (${resolved}) — lägg filen där eller rätta sökvägen`));
      }
    }
  }
  for (const asset of assets) {
    if (/\.(png|jpe?g|gif|svg|webp|avif)$/i.test(asset) && !used.has(asset)) {
      problems.push(warn(asset, 1, 'bilden används inte i någon lektion — ta bort den eller använd den'));
    }
  }
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}
