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
    expect(html).toMatch(/Den senaste automatiska granskningen \(\d{4}-\d{2}-\d{2}\) av \d+ sidor/);
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
