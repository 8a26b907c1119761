/**
 * `npm start` (after `astro build`): migrates the database at DATABASE_PATH,
 * seeds demo data when it is new (unless KOMPETENSNAV_MODE=production), and
 * serves the site, printing its address and, in demo mode, the demo logins.
 */
import { getDb, databasePath } from '#db/client.ts';
import { DEMO_LOGINS, DEMO_PASSWORDS, isEmpty, seedDemo } from '#lib/demo/demo-data.ts';
import { deleteExpiredSessions } from '#lib/auth/session.ts';
import { findUserByEmail } from '#lib/accounts/users.ts';
import { seedDemoProgress } from '#lib/demo/demo-progress.ts';
import { seedDemoTotp } from '#lib/demo/demo-totp.ts';
import { catalogFromFiles } from '#lib/content/catalog-files.ts';
import { contentDir } from '#lib/content/location.ts';
import { serve } from './serve.ts';
import { startCheckpointer } from '#db/sqlite/checkpointer.ts';

const production = process.env.KOMPETENSNAV_MODE === 'production';
startCheckpointer(databasePath());
const db = getDb();
console.log(`Databas: ${databasePath()} (migrerad)`);
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
const url = await serve();
console.log(`\nKompetensnav körs på ${url}\n`);
