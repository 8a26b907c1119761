/**
 * The accessibility conformance report: what the audit checked, on which
 * pages, and what it found. Written as JSON next to the site
 * (tillganglighet/rapport.json) and read by the accessibility statement.
 */

export interface AuditedPage {
  url: string;
  /** Page type, e.g. "lektion", "kurs", "mina kurser (deltagare)". */
  type: string;
  title: string;
  /** axe violations as "rule: target — help". */
  axe: string[];
  /** Problems found by the checks axe cannot make. */
  other: string[];
}

/** One step of a keyboard-only journey. */
export interface JourneyStepResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why the step failed (the element and page), when it did. */
  problem?: string;
  /** Time taken; absent for a step not run. */
  seconds?: number;
}

/** A role's journey done with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys, typing). */
export interface JourneyResult {
  /** The demo role, e.g. "deltagare". */
  role: string;
  /** Demo account signed in with, or null. */
  account: string | null;
  title: string;
  /** The one address opened directly; everything after it is reached by keyboard. */
  start: string;
  steps: JourneyStepResult[];
  passed: boolean;
  /** Name of the step that failed and why, or null when the journey passed. */
  failedStep: string | null;
  reason: string | null;
  keyPresses: number;
  focusStops: number;
  seconds: number;
}

export interface A11yReport {
  /** ISO date-time of the run (UTC). */
  generatedAt: string;
  method: string;
  standard: string;
  pages: AuditedPage[];
  /** Keyboard-only journeys, one per role; a failed journey is a violation. */
  journeys: JourneyResult[];
  /** Titles used by more than one page address. */
  duplicateTitles: string[];
  violations: number;
  passed: boolean;
}

export const METHOD =
  'Automatisk granskning vid varje bygge: axe-core (WCAG 2.0 och 2.1, nivå A och AA) i Chromium på varje förrenderad sida och på varje sidtyp som kräver inloggning, per roll; tangentbordsgenomgång med synligt fokus och utan fällor på varje sidtyp; en resa per roll (deltagare, chef, utbildare, administratör) gjord med enbart tangentbord – Tab, Skift+Tab, Enter, blanksteg, piltangenter och skrivning – med synligt fokus på varje stopp, utan fällor och med axe på sidorna resan når; omflödning vid 320 CSS-pixlar; textavstånd enligt 1.4.12; prefers-reduced-motion; unika sidtitlar.';

/** Assembles the report from the audited pages and the keyboard journeys. */
export function buildReport(pages: AuditedPage[], generatedAt: Date, journeys: JourneyResult[]): A11yReport {
  // The same page met in two states (signed in and out, two roles) is one page: count distinct addresses.
  const byTitle = new Map<string, Set<string>>();
  for (const p of pages) byTitle.set(p.title, (byTitle.get(p.title) ?? new Set()).add(p.url));
  const duplicateTitles = [...byTitle].filter(([, urls]) => urls.size > 1).map(([t]) => t);
  const violations =
    pages.reduce((n, p) => n + p.axe.length + p.other.length, 0) +
    duplicateTitles.length +
    journeys.filter((j) => !j.passed).length;
  return {
    generatedAt: generatedAt.toISOString(),
    method: METHOD,
    standard: 'WCAG 2.1 nivå AA (EN 301 549)',
    pages,
    journeys,
    duplicateTitles,
    violations,
    passed: violations === 0,
  };
}

/** "Alla 4 tangentbordsresor gick att genomföra." or which did not: one sentence for the report and the statement. */
export function journeySummary(journeys: JourneyResult[]): string {
  const failed = journeys.filter((j) => !j.passed);
  if (failed.length === 0)
    return `Alla ${journeys.length} tangentbordsresor (${journeys.map((j) => j.role).join(', ')}) gick att genomföra med enbart tangentbord.`;
  return `${failed.length} av ${journeys.length} tangentbordsresor gick inte att genomföra: ${failed.map((j) => `${j.role} (vid "${j.failedStep}")`).join(', ')}.`;
}

const formatSeconds = (s: number) => `${String(s).replace('.', ',')} s`;

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A self-contained Swedish HTML page presenting the report. */
export function renderReportHtml(report: A11yReport, stylesheet: string | null): string {
  const date = report.generatedAt.slice(0, 10);
  const rows = report.pages
    .map(
      (p) =>
        `<tr><td>${escape(p.type)}</td><td><code>${escape(p.url)}</code></td><td>${p.axe.length + p.other.length === 0 ? 'Inga fel' : `<ul>${[...p.axe, ...p.other].map((v) => `<li>${escape(v)}</li>`).join('')}</ul>`}</td></tr>`,
    )
    .join('\n');
  const step = (st: JourneyStepResult) =>
    st.status === 'passed'
      ? `<li>${escape(st.name)} <span class="muted">(klart, ${formatSeconds(st.seconds ?? 0)})</span></li>`
      : st.status === 'failed'
        ? `<li><strong>Fel:</strong> ${escape(st.name)} – ${escape(st.problem ?? '')}</li>`
        : `<li><em>Inte prövat:</em> ${escape(st.name)}</li>`;
  const journeys = report.journeys
    .map(
      (j, i) => `<section aria-labelledby="resa-${i + 1}">
<h3 id="resa-${i + 1}">${escape(j.role.charAt(0).toUpperCase() + j.role.slice(1))}: ${j.passed ? 'genomförd' : 'avbruten'}</h3>
<p>${escape(j.title)}.${j.account ? ` Konto <code>${escape(j.account)}</code>,` : ''} start <code>${escape(j.start)}</code>. ${j.keyPresses} tangenttryck, ${j.focusStops} fokusstopp, ${formatSeconds(j.seconds)}.</p>
<ol>${j.steps.map(step).join('')}</ol>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tillgänglighetsrapport ${date} – Kompetensnav</title>
${stylesheet ? `<link rel="stylesheet" href="${escape(stylesheet)}">` : ''}
</head>
<body>
<a class="skip-link" href="#innehall">Hoppa till innehållet</a>
<main id="innehall" class="inner prose">
<p><a href="/tillganglighet/">Tillbaka till tillgänglighetsredogörelsen</a></p>
<h1>Tillgänglighetsrapport</h1>
<p class="lead">${report.passed ? 'Granskningen hittade inga fel.' : `Granskningen hittade ${report.violations} fel.`} Kontrollerad ${date} mot ${escape(report.standard)} på ${report.pages.length} sidor${report.journeys.length ? ` och med ${report.journeys.length} tangentbordsresor` : ''}.</p>
<h2>Metod</h2>
<p>${escape(report.method)}</p>
${report.duplicateTitles.length ? `<h2>Sidtitlar som används mer än en gång</h2><ul>${report.duplicateTitles.map((t) => `<li>${escape(t)}</li>`).join('')}</ul>` : ''}
${
  report.journeys.length
    ? `<h2>Tangentbordsresor</h2>
<p>${escape(journeySummary(report.journeys))} Varje resa öppnar bara sin startadress; allt därefter görs med Tab, Skift+Tab, Enter, blanksteg, piltangenter och skrivning. Varje fokusstopp ska ha synligt fokus och fokus ska alltid kunna flyttas vidare.</p>
${journeys}`
    : ''
}
<h2>Sidor</h2>
<table><thead><tr><th scope="col">Sidtyp</th><th scope="col">Adress</th><th scope="col">Resultat</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main>
</body>
</html>
`;
}
