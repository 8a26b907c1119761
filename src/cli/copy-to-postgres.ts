/**
 * `npm run db:copy-to-postgres`: copies the SQLite database at DATABASE_PATH
 * into the new, empty PostgreSQL database at DATABASE_URL and checks the copy
 * (db/postgres/copy.ts). Stop the app servers while copying.
 */
import { databasePath } from '#db/client.ts';
import { isPostgresUrl } from '#db/postgres/open.ts';
import { copyToPostgres } from '#db/postgres/copy.ts';

const url = process.env.DATABASE_URL;
if (!isPostgresUrl(url)) {
  console.error('Sätt DATABASE_URL=postgres://… till en ny, tom PostgreSQL-databas.');
  process.exit(1);
}
const path = databasePath();
try {
  const copied = await copyToPostgres(path, url);
  const total = Object.values(copied).reduce((a, b) => a + b, 0);
  console.log(`Klart: ${total} rader kopierade från ${path}, antal rader och sammanställningar kontrollerade.`);
} catch (error) {
  console.error(`Kopieringen avbröts, inget sparades: ${(error as Error).message}`);
  process.exit(1);
}
