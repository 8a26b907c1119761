/**
 * The content check's quality rules for knowledge checks and sources (issue
 * #18): question pools, objectives, option balance, absolute-word give-aways,
 * review dates and primary-source links. Pure: `check.ts` parses the files and
 * hands over each lesson's and case's validated frontmatter.
 */
import { lineOfPath, type SplitSource } from './frontmatter.ts';
import type { CaseData, LessonData, QuizQuestion } from './schema.ts';
import type { Problem } from './check.ts';
import {
  absoluteWordsIn,
  correctIsLongest,
  isHomePage,
  minimumPool,
  reviewIsStale,
} from './question-quality.ts';

/** A lesson or an end-of-course case whose frontmatter passed its schema. */
export type QuizDoc = { file: string; course: string; draft: boolean; split: SplitSource } & (
  | { kind: 'lesson'; data: LessonData }
  | { kind: 'case'; data: CaseData }
);

/** Highest share of a course's questions whose right option may be the longest. */
export const LONGEST_SHARE_MAX = 0.4;

const err = (file: string, line: number, message: string): Problem => ({ file, line, severity: 'error', message });
const warn = (file: string, line: number, message: string): Problem => ({ file, line, severity: 'warning', message });

/** The questions of a lesson (its pool) or a case, and the frontmatter key that holds them. */
export function questionsOf(doc: QuizDoc): { key: 'quiz' | 'questions'; questions: QuizQuestion[] } {
  return doc.kind === 'lesson' ? { key: 'quiz', questions: doc.data.quiz } : { key: 'questions', questions: doc.data.questions };
}

function short(text: string, max = 60): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Rules on one lesson or case; `today` is the ISO day the 12-month review limit counts from. */
export function checkDocQuality(doc: QuizDoc, today: string): Problem[] {
  const problems: Problem[] = [];
  if (doc.kind === 'lesson') {
    checkPool(doc, doc.data, problems);
    checkObjectives(doc, doc.data, problems);
  }
  checkLongestEverywhere(doc, problems);
  checkReview(doc, today, problems);
  checkSources(doc, problems);
  return problems;
}

function checkPool(doc: QuizDoc, data: LessonData, problems: Problem[]): void {
  const pool = data.quiz.length;
  if (data.quizShown === undefined) {
    if (!doc.draft) {
      problems.push(err(doc.file, lineOfPath(doc.split, ['quiz']), `quizShown saknas — ange hur många frågor ett försök visar (t.ex. quizShown: 3) och ha minst 1,5 gånger så många i quiz (5 frågor för 3), så att försöken skiljer sig`));
    }
    return;
  }
  const min = minimumPool(data.quizShown);
  if (pool < min) {
    problems.push(err(doc.file, lineOfPath(doc.split, ['quizShown']), `frågebanken har ${pool} frågor men quizShown är ${data.quizShown} — banken behöver minst ${min} (1,5 × quizShown); skriv fler frågor eller sänk quizShown`));
  }
}

function checkObjectives(doc: QuizDoc, data: LessonData, problems: Problem[]): void {
  const count = data.objectives.length;
  const tested = new Set<number>();
  data.quiz.forEach((q, i) => {
    if (q.objective === undefined) {
      problems.push(err(doc.file, lineOfPath(doc.split, ['quiz', i]), `quiz[${i}] saknar objective — ange numret (från 1) på lärandemålet som frågan prövar, t.ex. objective: 1`));
    } else if (q.objective > count) {
      problems.push(err(doc.file, lineOfPath(doc.split, ['quiz', i, 'objective']), `quiz[${i}].objective är ${q.objective} men lektionen har ${count} lärandemål — ange ett nummer från 1 till ${count}`));
    } else {
      tested.add(q.objective);
    }
  });
  data.objectives.forEach((text, j) => {
    if (!tested.has(j + 1)) {
      problems.push(err(doc.file, lineOfPath(doc.split, ['objectives', j]), `lärandemål ${j + 1} ("${short(text)}") prövas inte av någon fråga — skriv en fråga med objective: ${j + 1} eller stryk målet`));
    }
  });
}

function checkLongestEverywhere(doc: QuizDoc, problems: Problem[]): void {
  const { key, questions } = questionsOf(doc);
  if (questions.length > 0 && questions.every(correctIsLongest)) {
    problems.push(err(doc.file, lineOfPath(doc.split, [key]), `det rätta alternativet är det längsta i alla ${questions.length} frågor — den som väljer det längsta svaret klarar kontrollen utan att ha läst; korta de rätta alternativen eller gör de felaktiga lika utförliga`));
  }
}

function checkReview(doc: QuizDoc, today: string, problems: Problem[]): void {
  const reviewed = doc.data.reviewed;
  if (reviewed === undefined) {
    if (!doc.draft) {
      problems.push(err(doc.file, lineOfPath(doc.split, ['reviewed']), `reviewed saknas — lägg till reviewed: ÅÅÅÅ-MM-DD med dagen du kontrollerade texten mot källorna`));
    }
    return;
  }
  const line = lineOfPath(doc.split, ['reviewed']);
  if (reviewed > today) {
    problems.push(warn(doc.file, line, `reviewed är ${reviewed}, efter dagens datum ${today} — skriv dagen du faktiskt granskade texten`));
  } else if (reviewIsStale(reviewed, today)) {
    problems.push(warn(doc.file, line, `reviewed är ${reviewed}, mer än 12 månader sedan — granska texten mot källorna igen och uppdatera datumet`));
  }
}

function checkSources(doc: QuizDoc, problems: Problem[]): void {
  const sources = doc.data.sources;
  if (!doc.draft && !sources.some((s) => s.url !== undefined)) {
    problems.push(err(doc.file, lineOfPath(doc.split, ['sources']), `ingen källa har en länk — lägg till minst en källa med url som går direkt till primärkällan, t.ex. https://rkrattsbaser.gov.se/sfst?bet=2009:400`));
  }
  sources.forEach((s, i) => {
    if (s.url !== undefined && isHomePage(s.url)) {
      problems.push(warn(doc.file, lineOfPath(doc.split, ['sources', i, 'url']), `sources[${i}].url ${s.url} är en startsida — länka direkt till sidan, författningen eller rapporten som texten bygger på`));
    }
  });
}

/**
 * Rules on a whole course, over its published lessons and case: the share of
 * questions whose right option is the longest, and absolute words that only
 * ever appear in wrong options. `courseFile` is where a course-wide problem is
 * reported (the course's index.mdx).
 */
export function checkCourseQuality(docs: QuizDoc[], courseFile: string): Problem[] {
  const published = docs.filter((d) => !d.draft);
  return [...checkLongestShare(published, courseFile), ...checkAbsoluteWords(published)];
}

function checkLongestShare(docs: QuizDoc[], courseFile: string): Problem[] {
  let total = 0;
  let longest = 0;
  const perDoc: { name: string; count: number; of: number }[] = [];
  for (const doc of docs) {
    const { questions } = questionsOf(doc);
    const count = questions.filter(correctIsLongest).length;
    total += questions.length;
    longest += count;
    if (count > 0) perDoc.push({ name: doc.file.slice(doc.file.lastIndexOf('/') + 1), count, of: questions.length });
  }
  if (total === 0 || longest / total <= LONGEST_SHARE_MAX) return [];
  const worst = perDoc
    .sort((a, b) => b.count / b.of - a.count / a.of)
    .slice(0, 4)
    .map((d) => `${d.name} (${d.count} av ${d.of})`)
    .join(', ');
  const pct = Math.round((100 * longest) / total);
  return [err(courseFile, 1, `det rätta alternativet är det längsta i ${longest} av ${total} frågor i kursen (${pct} %), högst ${LONGEST_SHARE_MAX * 100} % tillåts — korta de rätta alternativen eller gör de felaktiga lika utförliga, först i ${worst}`)];
}

interface OptionRef {
  doc: QuizDoc;
  key: 'quiz' | 'questions';
  question: number;
  option: number;
  text: string;
}

function checkAbsoluteWords(docs: QuizDoc[]): Problem[] {
  const inWrong = new Map<string, OptionRef[]>();
  const inRight = new Set<string>();
  for (const doc of docs) {
    const { key, questions } = questionsOf(doc);
    questions.forEach((q, question) =>
      q.options.forEach((o, option) => {
        for (const word of absoluteWordsIn(o.text)) {
          if (option === q.answer) inRight.add(word);
          else inWrong.set(word, [...(inWrong.get(word) ?? []), { doc, key, question, option, text: o.text }]);
        }
      }),
    );
  }
  const problems: Problem[] = [];
  for (const [word, refs] of inWrong) {
    if (inRight.has(word)) continue;
    for (const r of refs) {
      problems.push(warn(r.doc.file, lineOfPath(r.doc.split, [r.key, r.question, 'options', r.option, 'text']), `${r.key}[${r.question}].options[${r.option}] "${short(r.text)}" har ordet "${word}", som i kursen bara står i felaktiga alternativ (${refs.length} st) — ett absolut ord avslöjar svaret; formulera om utan "${word}" eller låt ordet stå i rätta svar också`));
    }
  }
  return problems;
}
