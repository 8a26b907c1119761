import { describe, expect, it } from 'vitest';
import { buildReport, journeySummary, renderReportHtml, type JourneyResult } from '#lib/site/a11y-report.ts';

const journey = (role: string, passed: boolean): JourneyResult => ({
  role,
  account: `${role}@fk.example`,
  title: 'En <resa>',
  start: '/logga-in',
  steps: passed
    ? [{ name: 'Loggar in', status: 'passed', seconds: 1.5 }]
    : [
        {
          name: 'Loggar in',
          status: 'failed',
          problem: 'inget synligt fokus på button "Logga in" (/logga-in)',
          seconds: 1,
        },
        { name: 'Loggar ut', status: 'skipped' },
      ],
  passed,
  failedStep: passed ? null : 'Loggar in',
  reason: passed ? null : 'inget synligt fokus på button "Logga in" (/logga-in)',
  keyPresses: 12,
  focusStops: 7,
  seconds: 2.5,
});
const page = { url: '/', type: 'startsida', title: 'Kurser', axe: [], other: [] };

describe('a11y report', () => {
  it('passes only when every journey completed', () => {
    expect(buildReport([page], new Date(0), [journey('deltagare', true)])).toMatchObject({
      passed: true,
      violations: 0,
    });
    expect(buildReport([page], new Date(0), [journey('deltagare', true), journey('utbildare', false)])).toMatchObject({
      passed: false,
      violations: 1,
    });
  });

  it('sums the journeys up in one sentence for the statement', () => {
    expect(journeySummary([journey('deltagare', true), journey('utbildare', true)])).toBe(
      'Alla 2 tangentbordsresor (deltagare, utbildare) gick att genomföra med enbart tangentbord.',
    );
    expect(journeySummary([journey('deltagare', true), journey('utbildare', false)])).toBe(
      '1 av 2 tangentbordsresor gick inte att genomföra: utbildare (vid "Loggar in").',
    );
  });

  it('shows each journey with its steps, the failed step and why, escaped', () => {
    const html = renderReportHtml(buildReport([page], new Date(0), [journey('utbildare', false)]), null);
    expect(html).toContain('<h2>Tangentbordsresor</h2>');
    expect(html).toContain('En &lt;resa&gt;');
    expect(html).toContain('<h3 id="resa-1">Utbildare: avbruten</h3>');
    expect(html).toContain(
      '<li><strong>Fel:</strong> Loggar in – inget synligt fokus på button &quot;Logga in&quot; (/logga-in)</li>',
    );
    expect(html).toContain('<li><em>Inte prövat:</em> Loggar ut</li>');
    expect(html).toContain('och med 1 tangentbordsresor');
  });
});
