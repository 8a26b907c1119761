/**
 * The figures `npm run content:quality` prints: per course and for the whole
 * library, how many questions there are, how often the right option is the
 * longest, how many objectives a question tests, and how many lessons link
 * primary sources and are reviewed. Pure; drafts are left out, as they are
 * from the site.
 */
import { questionsOf, type QuizDoc } from './check-quality.ts';
import { correctIsLongest, isPrimaryLink, reviewIsStale } from './question-quality.ts';

export interface QualityFigures {
  /** Course folder name, or "Totalt" for the library. */
  name: string;
  courses: number;
  /** Questions in lesson pools and cases. */
  questions: number;
  /** Questions whose right option is strictly the longest. */
  longest: number;
  objectives: number;
  objectivesTested: number;
  lessons: number;
  /** Lessons with at least one source link that is not a home page. */
  lessonsWithPrimary: number;
  /** Lessons with a `reviewed` date at most 12 months before today. */
  lessonsReviewed: number;
  /** Courses with a published end-of-course case. */
  cases: number;
}

/** Figures for one course's documents; `today` is the ISO day the review limit counts from. */
export function courseQuality(name: string, docs: QuizDoc[], today: string): QualityFigures {
  const figures: QualityFigures = { ...empty(name), courses: 1 };
  for (const doc of docs.filter((d) => !d.draft)) {
    const { questions } = questionsOf(doc);
    figures.questions += questions.length;
    figures.longest += questions.filter(correctIsLongest).length;
    if (doc.kind === 'case') {
      figures.cases = 1;
      continue;
    }
    const tested = new Set(questions.map((q) => q.objective));
    figures.objectives += doc.data.objectives.length;
    figures.objectivesTested += doc.data.objectives.filter((_, j) => tested.has(j + 1)).length;
    figures.lessons += 1;
    if (doc.data.sources.some(isPrimaryLink)) figures.lessonsWithPrimary += 1;
    if (doc.data.reviewed && !reviewIsStale(doc.data.reviewed, today)) figures.lessonsReviewed += 1;
  }
  return figures;
}

function empty(name: string): QualityFigures {
  return {
    name,
    courses: 0,
    questions: 0,
    longest: 0,
    objectives: 0,
    objectivesTested: 0,
    lessons: 0,
    lessonsWithPrimary: 0,
    lessonsReviewed: 0,
    cases: 0,
  };
}

/** Figures per course (sorted by name) and their sum for the library. */
export function libraryQuality(
  byCourse: Map<string, QuizDoc[]>,
  today: string,
): { courses: QualityFigures[]; total: QualityFigures } {
  const courses = [...byCourse]
    .map(([name, docs]) => courseQuality(name, docs, today))
    .filter((c) => c.questions > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
  const total = courses.reduce((sum, c) => {
    for (const key of Object.keys(sum) as (keyof QualityFigures)[]) {
      if (key !== 'name') sum[key] += c[key];
    }
    return sum;
  }, empty('Totalt'));
  return { courses, total };
}

const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`);

const HEADERS = ['Kurs', 'Frågor', 'Rätt längst', 'Mål prövade', 'Primärkällor', 'Granskade', 'Slutfall'];

function row(f: QualityFigures): string[] {
  return [
    f.name,
    String(f.questions),
    `${f.longest} (${percent(f.longest, f.questions)})`,
    `${f.objectivesTested}/${f.objectives}`,
    `${f.lessonsWithPrimary}/${f.lessons}`,
    `${f.lessonsReviewed}/${f.lessons}`,
    `${f.cases}/${f.courses}`,
  ];
}

/** The report as lines: a table with a row per course and the library, then a one-line total. */
export function formatQualityReport(report: { courses: QualityFigures[]; total: QualityFigures }): string[] {
  const rows = [HEADERS, ...report.courses.map(row), row(report.total)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  const t = report.total;
  lines.push(
    `content:quality: ${t.questions} frågor i ${t.courses} ${t.courses === 1 ? 'kurs' : 'kurser'}, rätt alternativ längst i ${percent(t.longest, t.questions)}, ` +
      `${t.objectivesTested}/${t.objectives} lärandemål prövade, ${t.lessonsWithPrimary}/${t.lessons} lektioner med primärkällor, ` +
      `${t.lessonsReviewed}/${t.lessons} granskade, ${t.cases}/${t.courses} slutfall`,
  );
  return lines;
}
