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

export interface A11yReport {
  /** ISO date-time of the run (UTC). */
  generatedAt: string;
  method: string;
  standard: string;
  pages: AuditedPage[];
  /** Titles used by more than one page address. */
  duplicateTitles: string[];
  violations: number;
  passed: boolean;
}

export const METHOD =
  'Automatisk granskning vid varje bygge: axe-core (WCAG 2.0 och 2.1, nivå A och AA) i Chromium på varje förrenderad sida och på varje sidtyp som kräver inloggning, per roll; tangentbordsgenomgång med synligt fokus och utan fällor; omflödning vid 320 CSS-pixlar; textavstånd enligt 1.4.12; prefers-reduced-motion; unika sidtitlar.';

/** Assembles the report from the audited pages. */
export function buildReport(pages: AuditedPage[], generatedAt: Date): A11yReport {
  // The same page met in two states (signed in and out, two roles) is one page: count distinct addresses.
  const byTitle = new Map<string, Set<string>>();
  for (const p of pages) byTitle.set(p.title, (byTitle.get(p.title) ?? new Set()).add(p.url));
  const duplicateTitles = [...byTitle].filter(([, urls]) => urls.size > 1).map(([t]) => t);
  const violations = pages.reduce((n, p) => n + p.axe.length + p.other.length, 0) + duplicateTitles.length;
  return {
    generatedAt: generatedAt.toISOString(),
    method: METHOD,
    standard: 'WCAG 2.1 nivå AA (EN 301 549)',
    pages,
    duplicateTitles,
    violations,
    passed: violations === 0,
  };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A self-contained Swedish HTML page presenting the report. */
export function renderReportHtml(report: A11yReport, stylesheet: string | null): string {
  const date = report.generatedAt.slice(0, 10);
  const rows = report.pages
    .map((p) => `<tr><td>${escape(p.type)}</td><td><code>${escape(p.url)}</code></td><td>${p.axe.length + p.other.length === 0 ? 'Inga fel' : `<ul>${[...p.axe, ...p.other].map((v) => `<li>${escape(v)}</li>`).join('')}</ul>`}</td></tr>`)
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
<p class="lead">${report.passed ? 'Granskningen hittade inga fel.' : `Granskningen hittade ${report.violations} fel.`} Kontrollerad ${date} mot ${escape(report.standard)} på ${report.pages.length} sidor.</p>
<h2>Metod</h2>
<p>${escape(report.method)}</p>
${report.duplicateTitles.length ? `<h2>Sidtitlar som används mer än en gång</h2><ul>${report.duplicateTitles.map((t) => `<li>${escape(t)}</li>`).join('')}</ul>` : ''}
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
