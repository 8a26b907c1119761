/**
 * The database schema (Drizzle, SQLite). Migrations in db/migrations are
 * generated from this file by `npm run db:generate` and never edited by hand.
 * Timestamps are ISO-8601 UTC strings; text is stored NFC-normalised.
 */
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A customer agency, e.g. Pensionsmyndigheten (PM). */
export const agencies = sqliteTable(
  'agencies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Short code shown in lists and used by the CSV import, e.g. "PM". */
    code: text('code').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('agencies_code_unique').on(t.code), uniqueIndex('agencies_name_unique').on(t.name)],
);

/** A team belongs to exactly one agency. */
export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('teams_agency_name_unique').on(t.agencyId, t.name), index('teams_agency_idx').on(t.agencyId)],
);
