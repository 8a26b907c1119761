/// <reference types="astro/client" />

declare namespace App {
  /** Filled by src/middleware.ts on on-demand routes; prerendered pages never see a user. */
  interface Locals {
    /** The database handle (on-demand routes only): pages and endpoints use this, never db/ itself. */
    db: import('#db/client.ts').Db;
    /** The signed-in, active user, or null. */
    user: import('#lib/auth/session.ts').SessionUser | null;
    /** Their session, or null. */
    session: import('#lib/auth/session.ts').Session | null;
  }
}
