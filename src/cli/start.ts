/**
 * `npm start` (after `astro build`): migrates the database at DATABASE_PATH,
 * seeds demo data when it is new (unless KOMPETENSNAV_MODE=production), and
 * serves the site, printing its address.
 */
import { getDb, DEFAULT_DATABASE_PATH } from '../../db/client.ts';
import { isEmpty, seedDemo } from '../lib/server/demo-data.ts';
import { serve } from './serve.ts';

const production = process.env.KOMPETENSNAV_MODE === 'production';
const db = getDb();
console.log(`Databas: ${process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH} (migrerad)`);
if (!production && (await isEmpty(db))) {
  const seeded = await seedDemo(db);
  console.log(`Demodata: ${seeded.agencies} myndigheter och ${seeded.teams} team skapade`);
}
const url = await serve();
console.log(`\nKompetensnav körs på ${url}\n`);
