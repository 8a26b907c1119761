import { startServer } from '#tooling/server.ts';
import { launchBrowser, watchConsole, axeViolations } from '#tooling/browser.ts';
const [email, password, ...paths] = process.argv.slice(2);
const server = await startServer();
const browser = await launchBrowser();
try {
  for (const width of [1280, 390]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    if (email !== '-') {
      await page.goto(`${server.url}/logga-in`);
      await page.getByLabel('E-postadress').fill(email);
      await page.getByLabel('Lösenord').fill(password);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForLoadState('networkidle');
      console.log('landed', page.url());
    }
    for (const p of paths) {
      await page.goto(server.url + p);
      await page.waitForLoadState('networkidle');
      const name = `/tmp/ux-shots/${(email.split('@')[0] || 'anon')}-${p.replace(/[^a-z0-9]+/gi, '_')}-${width}.png`;
      await page.screenshot({ path: name, fullPage: process.env.FULL === '1' });
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(name, 'scrollWidth', sw, 'axe', (await axeViolations(page)).length);
    }
    console.log('problems', problems);
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
