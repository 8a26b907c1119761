/**
 * Per-agency OpenID Connect settings (table agency_sso): saved by an admin,
 * read at sign-in. The client secret is write-only: `listSsoSettings` never
 * returns it, and saving with an empty secret keeps the stored one.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { agencySso } from '#db/schema.ts';

export type SsoSettings = typeof agencySso.$inferSelect;
export type SsoSettingsView = Omit<SsoSettings, 'clientSecret'> & { hasSecret: boolean };

/** Parses "a.se, B.se" into lower-case domains; invalid entries are returned in `bad`. */
export function parseDomains(input: string): { domains: string[]; bad: string[] } {
  const parts = input
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  const valid = (d: string) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(d);
  return { domains: [...new Set(parts.filter(valid))], bad: parts.filter((d) => !valid(d)) };
}

/** The domain part of an e-mail address, lower case. */
export function emailDomain(email: string): string {
  return email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

/** Every agency's settings without secrets (admin view). */
export async function listSsoSettings(db: Db): Promise<SsoSettingsView[]> {
  const rows = await db.select().from(agencySso);
  return rows.map(({ clientSecret, ...rest }) => ({ ...rest, hasSecret: clientSecret !== '' }));
}

/** One agency's settings, secret included (server side only). */
export async function findSsoSettings(db: Db, agencyId: number): Promise<SsoSettings | null> {
  return (await db.select().from(agencySso).where(eq(agencySso.agencyId, agencyId)).limit(1))[0] ?? null;
}

/** The SSO agency that owns the e-mail's domain, or null (then the person uses a password). */
export async function ssoForEmail(db: Db, email: string): Promise<SsoSettings | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const rows = await db.select().from(agencySso);
  return rows.find((r) => r.emailDomains.split(',').includes(domain)) ?? null;
}

export type SaveSso = { ok: true } | { ok: false; field: 'issuer' | 'clientSecret' | 'emailDomains'; error: string };

/** Saves an agency's settings; an empty `clientSecret` keeps the stored one. A domain may belong to one agency only. */
export async function saveSsoSettings(
  db: Db,
  input: {
    agencyId: number;
    issuer: string;
    clientId: string;
    clientSecret: string;
    emailDomains: string[];
    teamClaim: string | null;
  },
  now = new Date(),
): Promise<SaveSso> {
  const existing = await findSsoSettings(db, input.agencyId);
  const secret = input.clientSecret || existing?.clientSecret || '';
  if (!secret) return { ok: false, field: 'clientSecret', error: 'Ange klienthemligheten.' };
  const others = (await db.select().from(agencySso)).filter((r) => r.agencyId !== input.agencyId);
  const taken = input.emailDomains.find((d) => others.some((o) => o.emailDomains.split(',').includes(d)));
  if (taken) return { ok: false, field: 'emailDomains', error: `Domänen ${taken} hör redan till en annan myndighet.` };
  const values = {
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecret: secret,
    emailDomains: input.emailDomains.join(','),
    teamClaim: input.teamClaim,
    updatedAt: now.toISOString(),
  };
  await db
    .insert(agencySso)
    .values({ agencyId: input.agencyId, ...values })
    .onConflictDoUpdate({ target: agencySso.agencyId, set: values });
  return { ok: true };
}

/** Turns SSO off for an agency (its people use passwords again). */
export async function removeSsoSettings(db: Db, agencyId: number): Promise<void> {
  await db.delete(agencySso).where(eq(agencySso.agencyId, agencyId));
}
