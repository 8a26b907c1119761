/**
 * Knowledge checks over HTTP, as a participant's browser does them: open
 * the check page (the server draws the attempt), read the attempt id and the
 * shown questions and options from the HTML, and post answers by displayed
 * position. The right option is found by its text in the real content.
 */
import { readContentTree } from '#lib/content/files.ts';
import { splitSource } from '#lib/content/frontmatter.ts';
import type { QuizQuestion } from '#lib/content/schema.ts';
import { postForm, request, type Reply } from './http.ts';

/** Every question of the library (lessons and cases), by its text. */
function libraryQuestions(): Map<string, QuizQuestion> {
  const byText = new Map<string, QuizQuestion>();
  for (const f of readContentTree(process.cwd(), 'content').files) {
    if (!f.path.endsWith('.mdx')) continue;
    const data = (splitSource(f.source).doc?.toJS() ?? {}) as { quiz?: QuizQuestion[]; questions?: QuizQuestion[] };
    for (const q of [...(data.quiz ?? []), ...(data.questions ?? [])]) byText.set(q.question.trim(), q);
  }
  return byText;
}

let questions: Map<string, QuizQuestion> | null = null;

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

export interface ShownAttempt {
  attemptId: string;
  /** Per shown question: its content question and the options' texts in the shown order. */
  shown: { question: QuizQuestion; options: string[] }[];
  page: Reply;
}

/** Opens the check page and reads the drawn attempt from it; null when the page shows no form. */
export async function openAttempt(base: string, checkPath: string, cookie: string): Promise<ShownAttempt | null> {
  questions ??= libraryQuestions();
  const page = await request(base, checkPath, { cookie });
  const id = /name="forsok"[^>]*value="([a-z2-7]+)"|value="([a-z2-7]+)"[^>]*name="forsok"/.exec(page.body);
  if (!id) return null;
  const shown = [...page.body.matchAll(/<fieldset[^>]*>([\s\S]*?)<\/fieldset>/g)].map(([, inner]) => {
    const legend = decode(/<legend>([\s\S]*?)<\/legend>/.exec(inner)![1]).replace(/^\d+\.\s*/, '');
    const question = questions!.get(legend);
    if (!question) throw new Error(`frågan finns inte i innehållet: ${legend}`);
    const options = [...inner.matchAll(/<span>([\s\S]*?)<\/span>/g)].map(([, o]) => decode(o));
    return { question, options };
  });
  return { attemptId: id[1] ?? id[2], shown, page };
}

/** The displayed position of the right option of a shown question. */
export function rightPosition(q: ShownAttempt['shown'][number]): number {
  return q.options.indexOf(q.question.options[q.question.answer].text);
}

/** The form fields answering the attempt: right everywhere, or wrong on the first question. */
export function answerFields(attempt: ShownAttempt, wrongFirst = false): Record<string, string> {
  const fields: Record<string, string> = { forsok: attempt.attemptId };
  attempt.shown.forEach((q, i) => {
    const right = rightPosition(q);
    fields[`q${i}`] = String(wrongFirst && i === 0 ? (right + 1) % q.options.length : right);
  });
  return fields;
}

/** Opens the check and answers it (right, or wrong on the first question); throws when no form is shown. */
export async function takeCheck(base: string, checkPath: string, cookie: string, wrongFirst = false): Promise<Reply> {
  const attempt = await openAttempt(base, checkPath, cookie);
  if (!attempt) throw new Error(`ingen kunskapskontroll på ${checkPath}`);
  return postForm(base, checkPath, answerFields(attempt, wrongFirst), cookie);
}
