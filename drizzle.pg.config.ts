import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations (DATABASE_URL=postgres://…): `npm run db:generate:pg`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/postgres/schema.ts',
  out: './db/migrations-pg',
});
