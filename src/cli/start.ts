/**
 * `npm start` (after `astro build`): migrates the database at DATABASE_PATH,
 * seeds demo data when it is new (unless KOMPETENSNAV_MODE=production), and
 * serves the site, printing its address and, in demo mode, the demo logins.
 */
import { configuredEngine, databaseLabel, databasePath, prepareDatabase } from '#db/client.ts';
import { DEMO_LOGINS, DEMO_PASSWORDS, isEmpty, seedDemo } from '#lib/demo/demo-data.ts';
import { deleteExpiredSessions } from '#lib/auth/session.ts';
import { findUserByEmail } from '#lib/accounts/users.ts';
import { seedDemoProgress } from '#lib/demo/demo-progress.ts';
import { seedDemoTotp } from '#lib/demo/demo-totp.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { contentDir } from '#lib/content/location.ts';
import { serve } from './serve.ts';
import type { FrontRoute } from '#server/completion-route.ts';
import { publicOrigin } from '#lib/http/public-origin.ts';
import { configureDemoSso, DEMO_IDP_ACCOUNTS, DEMO_IDP_PASSWORD, demoIssuer } from '#lib/demo/demo-idp.ts';
import { startCheckpointer } from '#db/sqlite/checkpointer.ts';

const production = process.env.KOMPETENSNAV_MODE === 'production';
if (configuredEngine() === 'sqlite') startCheckpointer(databasePath());
const db = await prepareDatabase().catch((error: unknown) => {
  // One clear line and a non-zero exit: a wrong DATABASE_URL must not start a server that answers 500.
  console.error((error as Error).message);
  process.exit(1);
});
console.log(`Databas: ${databaseLabel()} (migrerad)`);
await deleteExpiredSessions(db);
if (!production && (await isEmpty(db))) {
  const seeded = await seedDemo(db);
  const progress = await seedDemoProgress(db, catalogFromFiles(process.cwd(), contentDir));
  await seedDemoTotp(db);
  console.log(
    `Demodata: ${seeded.agencies} myndigheter, ${seeded.teams} team, ${seeded.users} konton, ${progress.lessons} lektionsframsteg och ${progress.certificates} intyg skapade`,
  );
}
if (!production && (await findUserByEmail(db, DEMO_LOGINS[0].email))) {
  console.log('\nDemo-inloggningar (endast demoläge, aldrig i produktion):');
  for (const login of DEMO_LOGINS)
    console.log(`  ${login.label.padEnd(36)} ${login.email.padEnd(32)} ${login.password}`);
  console.log(`  Alla deltagare (fornamn.efternamn@fk|pm|af.example) har lösenordet ${DEMO_PASSWORDS.learner}`);
  console.log('  Administratören och cheferna har tvåstegsverifiering: inloggningssidan visar demokoden.');
}
// The demo IdP is mounted once the port is known (PORT=0 picks one); until then the route passes everything on.
let demoIdp: FrontRoute | null = null;
const url = await serve(undefined, undefined, [(req, res) => demoIdp?.(req, res) ?? false]);
if (!production && loopbackHttp(url) && loopbackHttp(publicOrigin())) {
  // Loaded only in demo mode: production never imports the demo provider.
  const { demoIdpRoute } = await import('#server/demo-idp-route.ts');
  const issuer = demoIssuer(url);
  demoIdp = demoIdpRoute(issuer, publicOrigin());
  await configureDemoSso(db, issuer);
  console.log(`\nDemo av inloggning via myndighetens egen IdP (${issuer}, endast demoläge):`);
  console.log('  Skriv en av adresserna på inloggningssidan; lösenordet skriver du hos demomyndighetens IdP.');
  for (const a of DEMO_IDP_ACCOUNTS) console.log(`  ${a.name.padEnd(36)} ${a.email.padEnd(32)} ${DEMO_IDP_PASSWORD}`);
}
console.log(`\nKompetensnav körs på ${url}\n`);

/** True for an http:// address on this machine (the demo IdP needs no TLS only there). */
function loopbackHttp(address: string): boolean {
  const u = new URL(address);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}
