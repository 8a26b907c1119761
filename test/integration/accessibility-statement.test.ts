/** The accessibility statement reads the latest audit report (npm test runs the audit before vitest). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '#tooling/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('accessibility statement', () => {
  it('states the latest audit result with its date and method, and links the report', async () => {
    const html = await (await fetch(server.url + '/tillganglighet/')).text();
    expect(html).toMatch(/Den senaste automatiska granskningen \(\d{1,2} [a-z]+ \d{4}\) av \d+ sidor/);
    expect(html).toMatch(/Redogörelsen uppdaterades \d{1,2} [a-z]+ \d{4}/);
    expect(html).toMatch(
      /Alla 4 tangentbordsresor \(deltagare, myndighetschef, utbildare, administratör\) gick att genomföra med enbart tangentbord\./,
    );
    expect(html).toContain('href="/tillganglighet/rapport/"');
    expect(html).toContain('https://www.digg.se/tdosanmalan');
    const report = await fetch(server.url + '/tillganglighet/rapport.json');
    expect(report.status).toBe(200);
    expect((await report.json()) as { passed: boolean }).toMatchObject({
      passed: true,
      journeys: [{ passed: true }, { passed: true }, { passed: true }, { passed: true }],
    });
  });
});

describe('accessibility statement without an audit, with a configured contact', () => {
  it('is dated or says plainly it is unaudited, shows the contact and no developer commands', async () => {
    const other = await startServer({
      OUT_DIR: process.env.OUT_DIR ?? 'dist',
      A11Y_CONTACT_EMAIL: 'tillganglighet@myndighet.example',
      A11Y_CONTACT_URL: 'https://myndighet.example/synpunkter',
    });
    try {
      const html = await (await fetch(other.url + '/tillganglighet/')).text();
      expect(html).toContain('href="mailto:tillganglighet@myndighet.example"');
      expect(html).toContain('href="https://myndighet.example/synpunkter"');
      expect(html).not.toMatch(/npm run|<code>/);
      expect(html).not.toContain('Ingen automatisk granskning har körts');
      expect(html).toMatch(/Redogörelsen uppdaterades \d{1,2} [a-zé]+ \d{4}|har ännu inte granskats automatiskt/);
    } finally {
      await other.stop();
    }
  });
});
