/**
 * Course statistics for trainers, pure: aggregates from counted rows, with
 * small-group suppression applied here, once, so the page and the CSV export
 * can never disagree. The rule (issue 6): any figure computed over fewer than
 * MIN_GROUP participants is shown as "färre än 5":
 * - a count below 5 (0 included: "färre än 5" is still true and hides nothing);
 * - a share or average whose base (the participants it is computed over) is below 5;
 * - no share is shown next to the counts it is made of, so a suppressed count
 *   can't be worked back out of a share;
 * - agencies with fewer than 5 participants are pooled into "Övriga myndigheter";
 * - in a column with a shown total, a single suppressed cell would be revealed by
 *   subtraction, so the smallest other cell is hidden too (complementary suppression).
 *   That cell is shown as "dold", not "färre än 5": it is not a small group, and
 *   saying so would be false.
 */

export const MIN_GROUP = 5;
export const FEWER_THAN = 'färre än 5';
export const OTHER_AGENCIES = 'Övriga myndigheter';
/** A figure hidden only so that a suppressed neighbour can't be worked out from the total. */
export const HIDDEN = 'dold';

/** A figure as it may be shown: a number, or one of the suppression texts. */
export type Figure = number | typeof FEWER_THAN | typeof HIDDEN;

/** A count of participants, or "färre än 5". */
export function countFigure(n: number): Figure {
  return n < MIN_GROUP ? FEWER_THAN : n;
}

/** A whole percent of `part` in `base`, or "färre än 5" when the base is too small. */
export function shareFigure(part: number, base: number): Figure {
  return base < MIN_GROUP ? FEWER_THAN : Math.round((100 * part) / base);
}

/** Counts of one column whose total is shown elsewhere: primary and complementary suppression. */
export function suppressColumn(counts: number[]): Figure[] {
  const small = counts.map((n) => n < MIN_GROUP);
  let complement = -1;
  if (small.filter(Boolean).length === 1 && counts.length > 1) {
    counts.forEach((n, i) => {
      if (!small[i] && (complement < 0 || n < counts[complement])) complement = i;
    });
  }
  return counts.map((n, i) => (small[i] ? FEWER_THAN : i === complement ? HIDDEN : n));
}

// ---------------------------------------------------------------- participants per agency

export interface AgencyCounts {
  agency: string;
  started: number;
  completed: number;
  outdated: number;
}

export interface AgencyRow {
  agency: string;
  started: Figure;
  completed: Figure;
  outdated: Figure;
}

/** Participants started / completed / outdated per agency (small agencies pooled) and in total. */
export function agencySummary(counts: AgencyCounts[]): { rows: AgencyRow[]; total: AgencyRow } {
  const big = counts.filter((c) => c.started >= MIN_GROUP).sort((a, b) => a.agency.localeCompare(b.agency, 'sv'));
  const small = counts.filter((c) => c.started < MIN_GROUP);
  const groups = [...big];
  if (small.length > 0)
    groups.push({
      agency: OTHER_AGENCIES,
      started: sum(small, 'started'),
      completed: sum(small, 'completed'),
      outdated: sum(small, 'outdated'),
    });
  const column = (key: 'started' | 'completed' | 'outdated') => suppressColumn(groups.map((g) => g[key]));
  const [started, completed, outdated] = [column('started'), column('completed'), column('outdated')];
  return {
    rows: groups.map((g, i) => ({
      agency: g.agency,
      started: started[i],
      completed: completed[i],
      outdated: outdated[i],
    })),
    total: {
      agency: 'Totalt',
      started: countFigure(sum(counts, 'started')),
      completed: countFigure(sum(counts, 'completed')),
      outdated: countFigure(sum(counts, 'outdated')),
    },
  };
}

function sum<T>(rows: T[], key: { [K in keyof T]: T[K] extends number ? K : never }[keyof T]): number {
  return rows.reduce((s, r) => s + (r[key] as number), 0);
}

// ---------------------------------------------------------------- funnel

export interface FunnelRow {
  lessonId: string;
  title: string;
  started: Figure;
  completed: Figure;
}

/** Per lesson, in course order: participants who started and completed it. */
export function lessonFunnel(
  lessons: { id: string; title: string }[],
  counts: { lessonId: string; started: number; completed: number }[],
): FunnelRow[] {
  const byId = new Map(counts.map((c) => [c.lessonId, c]));
  return lessons.map((l) => {
    const c = byId.get(l.id) ?? { started: 0, completed: 0 };
    return { lessonId: l.id, title: l.title, started: countFigure(c.started), completed: countFigure(c.completed) };
  });
}

// ---------------------------------------------------------------- completions over time

/** Course completions per calendar month (YYYY-MM), every month from the first to `until`. */
export function completionsByMonth(
  counts: { month: string; n: number }[],
  until: Date,
): { month: string; completed: Figure }[] {
  const valid = counts.filter((c) => /^\d{4}-\d{2}$/.test(c.month)).sort((a, b) => a.month.localeCompare(b.month));
  if (valid.length === 0) return [];
  const byMonth = new Map(valid.map((c) => [c.month, c.n]));
  const last =
    until.toISOString().slice(0, 7) > valid[valid.length - 1].month
      ? until.toISOString().slice(0, 7)
      : valid[valid.length - 1].month;
  const months: string[] = [];
  for (let m = valid[0].month; m <= last; m = nextMonth(m)) months.push(m);
  return months.map((month) => ({ month, completed: countFigure(byMonth.get(month) ?? 0) }));
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- knowledge checks

/** One stored attempt, identified only by an opaque participant number. */
export interface AttemptRow {
  participant: number;
  /** Order of attempts: ISO time, then row id. */
  at: string;
  id: number;
  /** Content option index per pool position (null: unanswered or not shown). */
  answers: (number | null)[];
  passed: boolean;
  /** Pool positions the attempt showed; null for attempts made before pools (every question shown). */
  shown?: number[] | null;
}

/** Whether attempt `a` showed the pool's question `i`. */
function showed(a: AttemptRow, i: number): boolean {
  return a.shown === null || a.shown === undefined || a.shown.includes(i);
}

export interface QuizQuestion {
  question: string;
  options: string[];
  answer: number;
}

export interface QuestionStats {
  question: string;
  /** Participants shown the question at least once (their first showing is counted). */
  participants: Figure;
  /** Share right at the first attempt. */
  firstRight: Figure;
  /** The wrong option chosen most often (over all attempts), with its share of the wrong answers. */
  commonWrong: { option: string; share: Figure } | typeof FEWER_THAN | null;
}

export interface AttemptsToPass {
  passed: Figure;
  one: Figure;
  two: Figure;
  threeOrMore: Figure;
  /** Mean attempts up to and including the first pass, one decimal. */
  mean: Figure;
}

/** Attempts grouped per participant, in the order they were made. */
function perParticipant(attempts: AttemptRow[]): AttemptRow[][] {
  const map = new Map<number, AttemptRow[]>();
  for (const a of attempts) map.set(a.participant, [...(map.get(a.participant) ?? []), a]);
  return [...map.values()].map((list) => list.sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id));
}

/**
 * Per question of the pool (by its position): share right the first time
 * the question was shown to each participant, and the most chosen wrong
 * option. Attempts that did not show a question do not count for it.
 */
export function questionStats(quiz: QuizQuestion[], attempts: AttemptRow[]): QuestionStats[] {
  const people = perParticipant(attempts);
  return quiz.map((q, i) => {
    const firsts = people.flatMap((list) => {
      const first = list.find((a) => showed(a, i));
      return first ? [first.answers[i] ?? null] : [];
    });
    const right = firsts.filter((a) => a === q.answer).length;
    const wrongBy = new Map<number, Set<number>>();
    const wrongPeople = new Set<number>();
    let wrongAnswers = 0;
    for (const a of attempts) {
      if (!showed(a, i)) continue;
      const chosen = a.answers[i];
      if (
        chosen === null ||
        chosen === undefined ||
        chosen === q.answer ||
        !Number.isInteger(chosen) ||
        chosen < 0 ||
        chosen >= q.options.length
      )
        continue;
      wrongAnswers++;
      wrongPeople.add(a.participant);
      wrongBy.set(chosen, (wrongBy.get(chosen) ?? new Set()).add(a.id));
    }
    let commonWrong: QuestionStats['commonWrong'] = null;
    if (wrongAnswers > 0 && wrongPeople.size < MIN_GROUP) commonWrong = FEWER_THAN;
    else if (wrongAnswers > 0) {
      const [option, ids] = [...wrongBy.entries()].sort((a, b) => b[1].size - a[1].size || a[0] - b[0])[0];
      commonWrong = { option: q.options[option], share: shareFigure(ids.size, wrongAnswers) };
    }
    return {
      question: q.question,
      participants: countFigure(firsts.length),
      firstRight: shareFigure(right, firsts.length),
      commonWrong,
    };
  });
}

/** How many attempts participants needed before their first pass. */
export function attemptsToPass(attempts: AttemptRow[]): AttemptsToPass {
  const needed = perParticipant(attempts)
    .map((list) => list.findIndex((a) => a.passed) + 1)
    .filter((n) => n > 0);
  const [one, two, more] = [
    needed.filter((n) => n === 1).length,
    needed.filter((n) => n === 2).length,
    needed.filter((n) => n >= 3).length,
  ];
  const spread = suppressColumn([one, two, more]);
  return {
    passed: countFigure(needed.length),
    one: spread[0],
    two: spread[1],
    threeOrMore: spread[2],
    mean:
      needed.length < MIN_GROUP
        ? FEWER_THAN
        : Math.round((10 * needed.reduce((s, n) => s + n, 0)) / needed.length) / 10,
  };
}

/** Parses a stored `shown` JSON array of pool positions; null (attempts before pools) or anything malformed: every question shown. */
export function parseStoredShown(json: string | null): number[] | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((v) => Number.isInteger(v)) ? (value as number[]) : null;
  } catch {
    return null;
  }
}

/** Parses a stored `answers` JSON array; anything else counts as unanswered. */
export function parseStoredAnswers(json: string): (number | null)[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map((v) => (typeof v === 'number' && Number.isInteger(v) ? v : null)) : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- lesson feedback

export interface FeedbackSummary {
  answered: Figure;
  yes: Figure;
  no: Figure;
  /**
   * Comments without names or dates, sorted alphabetically (so their order
   * says nothing about who wrote when); null when fewer than 5 gave feedback
   * on the lesson, because in so small a group a comment can give its writer away.
   */
  comments: string[] | null;
}

/** Totals and comments for one lesson's feedback. */
export function feedbackSummary(rows: { helpful: boolean; comment: string | null }[]): FeedbackSummary {
  const yes = rows.filter((r) => r.helpful).length;
  const spread = suppressColumn([yes, rows.length - yes]);
  const comments = rows.map((r) => r.comment?.trim() ?? '').filter((c) => c !== '');
  return {
    answered: countFigure(rows.length),
    yes: spread[0],
    no: spread[1],
    comments: rows.length < MIN_GROUP ? null : comments.sort((a, b) => a.localeCompare(b, 'sv')),
  };
}

// ---------------------------------------------------------------- the whole report

/** Every section of one course's statistics, already suppressed. */
export interface CourseStatistics {
  courseId: string;
  title: string;
  participants: { rows: AgencyRow[]; total: AgencyRow };
  funnel: FunnelRow[];
  months: { month: string; completed: Figure }[];
  quizzes: { lessonId: string; title: string; questions: QuestionStats[]; attempts: AttemptsToPass }[];
  feedback: ({ lessonId: string; title: string } & FeedbackSummary)[];
}

/**
 * The statistics as CSV rows (section; subject; measure; value), so one
 * sheet holds every section and every suppressed figure stays "färre än 5".
 * Comments are not exported: they are free text and stay on the page.
 */
export function courseStatisticsRows(stats: CourseStatistics): { header: string[]; rows: (string | number)[][] } {
  const rows: (string | number)[][] = [];
  const add = (section: string, subject: string, measure: string, value: Figure | string) =>
    rows.push([section, subject, measure, value]);
  for (const r of [...stats.participants.rows, stats.participants.total]) {
    add('Deltagare', r.agency, 'Påbörjat', r.started);
    add('Deltagare', r.agency, 'Klarat kursen', r.completed);
    add('Deltagare', r.agency, 'Klar med en äldre version av någon lektion', r.outdated);
  }
  for (const m of stats.months) add('Klarat kursen per månad', m.month, 'Klarat kursen', m.completed);
  for (const f of stats.funnel) {
    add('Lektioner', f.title, 'Påbörjat', f.started);
    add('Lektioner', f.title, 'Klar', f.completed);
  }
  for (const q of stats.quizzes) {
    for (const s of q.questions) {
      add('Kunskapskontroll', `${q.title}: ${s.question}`, 'Deltagare', s.participants);
      add('Kunskapskontroll', `${q.title}: ${s.question}`, 'Rätt vid första försöket (%)', s.firstRight);
      const wrong =
        s.commonWrong === null ? 'inga fel svar' : s.commonWrong === FEWER_THAN ? FEWER_THAN : s.commonWrong.option;
      add('Kunskapskontroll', `${q.title}: ${s.question}`, 'Vanligaste felsvar', wrong);
      if (s.commonWrong !== null && s.commonWrong !== FEWER_THAN)
        add(
          'Kunskapskontroll',
          `${q.title}: ${s.question}`,
          'Vanligaste felsvarets andel av felsvaren (%)',
          s.commonWrong.share,
        );
    }
    add('Försök till godkänt', q.title, 'Godkända', q.attempts.passed);
    add('Försök till godkänt', q.title, '1 försök', q.attempts.one);
    add('Försök till godkänt', q.title, '2 försök', q.attempts.two);
    add('Försök till godkänt', q.title, '3 försök eller fler', q.attempts.threeOrMore);
    add('Försök till godkänt', q.title, 'Försök i genomsnitt', q.attempts.mean);
  }
  for (const f of stats.feedback) {
    add('Hjälpte lektionen?', f.title, 'Svar', f.answered);
    add('Hjälpte lektionen?', f.title, 'Ja', f.yes);
    add('Hjälpte lektionen?', f.title, 'Nej', f.no);
  }
  return { header: ['Avsnitt', 'Gäller', 'Mått', 'Värde'], rows };
}

/** A figure as text: numbers with Swedish decimal comma, "färre än 5" and "dold" as they are. */
export function formatFigure(value: Figure, unit = ''): string {
  if (value === FEWER_THAN || value === HIDDEN) return value;
  return `${String(value).replace('.', ',')}${unit}`;
}
