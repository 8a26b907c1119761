/**
 * The content check: every rule a course folder must follow, as one pure
 * function over the files' text. `npm run content:check` and the build both
 * call it, so a trainer sees every problem at once, as
 * `file:line: what is wrong — what to do`. The quality rules for knowledge
 * checks and sources live in `check-quality.ts`.
 */
import type { ZodType } from 'astro/zod';
import { caseSchema, courseSchema, glossaryFileSchema, lessonSchema, type CaseData, type LessonData } from './schema.ts';
import { checkCourseQuality, checkDocQuality, type QuizDoc } from './check-quality.ts';
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
const MINUTES_PER_CASE_QUESTION = 2;

/** File patterns inside the content folder `dir` (relative to the project root). */
function patterns(dir: string) {
  const base = dir.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    lesson: new RegExp(`^${base}/([^/]+)/(\\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.mdx$`),
    course: new RegExp(`^${base}/([^/]+)/index\\.mdx$`),
    glossary: new RegExp(`^${base}/([^/]+)/ordlista\\.yaml$`),
    caseFile: new RegExp(`^${base}/([^/]+)/slutfall\\.mdx$`),
  };
}

/** A lesson, or with `slug` null the course's end-of-course case (slutfall.mdx). */
interface ParsedLesson {
  file: string;
  course: string;
  slug: string | null;
  order: number | null;
  draft: boolean;
  split: SplitSource;
  facts: BodyFacts;
  /** The quality rules' view of the file, when its frontmatter passed the schema. */
  quiz: QuizDoc | null;
}

interface ParsedTree {
  courses: Set<string>;
  lessons: ParsedLesson[];
  glossary: Map<string, { file: string; line: number }>;
}

/** Today as an ISO day (UTC), the default for the 12-month review limit. */
function isoToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Each course, lesson and case file's raw frontmatter by path (null when it has none or is not valid YAML). */
export type FrontmatterByPath = Map<string, Record<string, unknown> | null>;

/**
 * Checks all content files under the folder `dir`; `assets` lists the other
 * files there (images). `today` (`YYYY-MM-DD`) dates the review-age warning.
 * `frontmatter`, when given, receives every course, lesson and case file's
 * parsed frontmatter, so the build's progress catalogue needs no second parse.
 */
export function checkContent(
  files: ContentFile[],
  assets: string[] = [],
  dir = 'content',
  today = isoToday(),
  frontmatter?: FrontmatterByPath,
): Problem[] {
  const problems: Problem[] = [];
  const { courses, lessons, glossary } = parseTree(files, dir, problems, frontmatter);
  checkCourses(lessons, courses, problems);
  checkLinks(lessons, courses, problems);
  checkTerms(lessons, glossary, problems);
  checkImages(lessons, assets, problems);
  for (const lesson of lessons) if (lesson.quiz) problems.push(...checkDocQuality(lesson.quiz, today));
  for (const [course, docs] of quizDocsByCourse(lessons)) {
    problems.push(...checkCourseQuality(docs, `${dir.replace(/\/+$/, '')}/${course}/index.mdx`));
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * The lessons and cases under `dir` whose frontmatter passes its schema,
 * grouped by course (for `npm run content:quality`).
 */
export function readQuizDocs(files: ContentFile[], dir = 'content'): Map<string, QuizDoc[]> {
  return quizDocsByCourse(parseTree(files, dir, []).lessons);
}

function quizDocsByCourse(lessons: ParsedLesson[]): Map<string, QuizDoc[]> {
  const byCourse = new Map<string, QuizDoc[]>();
  for (const { course, quiz } of lessons) if (quiz) byCourse.set(course, [...(byCourse.get(course) ?? []), quiz]);
  return byCourse;
}

function parseTree(files: ContentFile[], dir: string, problems: Problem[], frontmatter?: FrontmatterByPath): ParsedTree {
  const { lesson: LESSON_FILE, course: COURSE_FILE, glossary: GLOSSARY_FILE, caseFile: CASE_FILE } = patterns(dir);
  const tree: ParsedTree = { courses: new Set(), lessons: [], glossary: new Map() };
  for (const file of files) {
    if (COURSE_FILE.test(file.path)) {
      tree.courses.add(file.path.replace(COURSE_FILE, '$1'));
      const { data } = checkFrontmatter(file, courseSchema, problems, frontmatter);
      if (data?.draft !== true) checkPlaceholders(file, problems);
    } else if (GLOSSARY_FILE.test(file.path)) {
      collectGlossary(file, tree.glossary, problems);
    } else if (LESSON_FILE.test(file.path)) {
      tree.lessons.push(parseLesson(file, LESSON_FILE, problems, frontmatter));
    } else if (CASE_FILE.test(file.path)) {
      tree.lessons.push(parseCase(file, file.path.replace(CASE_FILE, '$1'), problems, frontmatter));
    } else if (file.path.endsWith('.mdx') || file.path.endsWith('.md')) {
      if (!file.path.endsWith('README.md')) {
        problems.push(err(file.path, 1, 'filnamnet följer inte mönstret — döp lektioner till <kurs>/NN-<slug>.mdx (t.ex. 03-overlamning.mdx, bara a–z, 0–9 och bindestreck), kursfilen till <kurs>/index.mdx och slutfallet till <kurs>/slutfall.mdx'));
      }
    }
  }
  return tree;
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

interface Frontmatter<T> {
  split: SplitSource;
  /** The raw YAML object, also when the schema rejects it. */
  data: Record<string, unknown> | null;
  /** The validated frontmatter, or null when it has problems. */
  parsed: T | null;
}

function checkFrontmatter<T>(
  file: ContentFile,
  schema: ZodType<T>,
  problems: Problem[],
  frontmatter?: FrontmatterByPath,
): Frontmatter<T> {
  const result = validateFrontmatter(file, schema, problems);
  frontmatter?.set(file.path, result.data);
  return result;
}

function validateFrontmatter<T>(file: ContentFile, schema: ZodType<T>, problems: Problem[]): Frontmatter<T> {
  const split = splitSource(file.source);
  if (!split.doc) {
    problems.push(err(file.path, 1, 'frontmatter saknas — börja filen med en rad ---, fälten (title, summary …) och en rad ---'));
    return { split, data: null, parsed: null };
  }
  if (split.doc.errors.length > 0) {
    for (const e of split.doc.errors) {
      const line = split.lineCounter.linePos(e.pos[0]).line + split.frontmatterLine - 1;
      problems.push(err(file.path, line, `frontmatter är inte giltig YAML (${e.code}) — kontrollera indrag och citattecken; sätt text med kolon inom "…"`));
    }
    return { split, data: null, parsed: null };
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
  return {
    split,
    data: typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : null,
    parsed: result.success ? result.data : null,
  };
}

function parseLesson(
  file: ContentFile,
  pattern: RegExp,
  problems: Problem[],
  frontmatter?: FrontmatterByPath,
): ParsedLesson {
  const [, course, prefix, slug] = pattern.exec(file.path)!;
  const { split, data, parsed } = checkFrontmatter<LessonData>(file, lessonSchema, problems, frontmatter);
  const order = typeof data?.order === 'number' ? data.order : null;
  if (order !== null && order !== Number(prefix)) {
    problems.push(err(file.path, lineOfPath(split, ['order']), `order är ${order} men filnamnet börjar med ${prefix} — låt dem vara samma tal`));
  }
  const facts = bodyFacts(split.body, split.bodyLine);
  const draft = data?.draft === true;
  const quiz: QuizDoc | null = parsed && { kind: 'lesson', file: file.path, course, draft, split, data: parsed };
  const lesson: ParsedLesson = { file: file.path, course, slug, order, draft, split, facts, quiz };
  checkBody(lesson, data, problems);
  if (!lesson.draft) checkPlaceholders(file, problems);
  return lesson;
}

/** The end-of-course case: checked like a lesson's text, without order or address of its own. */
function parseCase(
  file: ContentFile,
  course: string,
  problems: Problem[],
  frontmatter?: FrontmatterByPath,
): ParsedLesson {
  const { split, data, parsed } = checkFrontmatter<CaseData>(file, caseSchema, problems, frontmatter);
  const facts = bodyFacts(split.body, split.bodyLine);
  const draft = data?.draft === true;
  const quiz: QuizDoc | null = parsed && { kind: 'case', file: file.path, course, draft, split, data: parsed };
  const doc: ParsedLesson = { file: file.path, course, slug: null, order: null, draft, split, facts, quiz };
  checkBody(doc, data, problems);
  if (!draft) checkPlaceholders(file, problems);
  return doc;
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
    const isCase = lesson.slug === null;
    if (facts.words < WORDS_MIN) {
      const advice = isCase
        ? 'beskriv situationen, tabellen och rapportutdraget som frågorna bygger på'
        : 'skriv ut resonemanget, exemplet och vad deltagaren gör på måndag';
      problems.push(err(file, lesson.split.bodyLine, `texten har ${facts.words} ord, minst ${WORDS_MIN} krävs — ${advice}`));
    } else if (facts.words > WORDS_MAX) {
      const advice = isCase ? 'korta fallet till det frågorna behöver' : 'dela lektionen i två';
      problems.push(err(file, lesson.split.bodyLine, `texten har ${facts.words} ord, högst ${WORDS_MAX} — ${advice}`));
    }
  }
  const minutes = data?.estimatedMinutes;
  if (typeof minutes === 'number') {
    const reading = Math.ceil(facts.words / WORDS_PER_MINUTE);
    // A case shows all its questions, some of them calculations: allow time for each.
    const questions = lesson.slug === null && Array.isArray(data?.questions) ? data.questions.length : 0;
    if (minutes < reading * 0.5 || minutes > reading * 3 + 5 + questions * MINUTES_PER_CASE_QUESTION) {
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
    if (lesson.slug === null) continue;
    if (lesson.slug === 'slutfall') {
      problems.push(err(lesson.file, 1, 'adressen slutfall hör till kursens slutfall (slutfall.mdx) — ge lektionen ett annat namn'));
    }
    const key = `${lesson.course}/${lesson.slug}`;
    const other = slugs.get(key);
    if (other) problems.push(err(lesson.file, 1, `samma adress (${lesson.slug}) som ${other} — byt namn på en av filerna`));
    else slugs.set(key, lesson.file);
  }
}

function checkLinks(lessons: ParsedLesson[], courses: Set<string>, problems: Problem[]): void {
  const targets = new Set(lessons.filter((l) => l.slug !== null).map((l) => `${l.course}/${l.slug}`));
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
