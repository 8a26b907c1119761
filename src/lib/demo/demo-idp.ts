/**
 * Demo mode only: an agency that signs in with its own identity provider, so
 * a newcomer can try SSO from the printed demo sign-ins alone. The provider
 * is a real OpenID provider (`oidc-provider`) mounted by `npm start` at
 * /demo-idp on the same server (src/server/demo-idp-route.ts); this module
 * holds its accounts and client, and configures the agency for it the way an
 * admin would on Administration → Inloggning via IdP. Never in production
 * (start.ts calls it in demo mode only).
 */
import type { Db } from '#db/client.ts';
import { createAgency, createTeam, findAgency, listTeams } from '#lib/accounts/agencies.ts';
import { saveSsoSettings } from '#lib/auth/sso-config.ts';

/** Where the demo provider is mounted on the site. */
export const DEMO_IDP_PATH = '/demo-idp';

export const DEMO_SSO_AGENCY = { name: 'Demomyndigheten (egen inloggning)', code: 'DEMO', domain: 'sso.example' };
export const DEMO_SSO_TEAMS = ['Handläggning', 'Utveckling'];

/** The client Kompetensnav is registered as at the demo provider (a demo value, like the demo passwords). */
export const DEMO_IDP_CLIENT = { clientId: 'kompetensnav-demo', clientSecret: 'demo-klienthemlighet-kompetensnav' };

/** The password every demo provider account has (typed at the provider, never at Kompetensnav). */
export const DEMO_IDP_PASSWORD = 'demo-idp-kompetensnav';

export interface DemoIdpAccount {
  email: string;
  name: string;
  /** The claim the agency's settings name as its team claim. */
  department: string;
}

/** People at the demo provider: none has an account in Kompetensnav until their first sign-in creates it. */
export const DEMO_IDP_ACCOUNTS: DemoIdpAccount[] = [
  { email: 'sara.sund@sso.example', name: 'Sara Sund', department: 'Handläggning' },
  { email: 'olle.ost@sso.example', name: 'Olle Öst', department: 'Utveckling' },
];

/** The demo provider's issuer for a site origin (`http://localhost:4321` → `…/demo-idp`). */
export function demoIssuer(origin: string): string {
  return `${origin}${DEMO_IDP_PATH}`;
}

/**
 * Creates the demo agency and its teams if missing, and points its SSO
 * settings at the demo provider on `issuer` (the port may differ from the
 * last start, so the settings are saved on every start).
 */
export async function configureDemoSso(db: Db, issuer: string): Promise<void> {
  let agency = await findAgency(db, { code: DEMO_SSO_AGENCY.code });
  if (!agency) {
    const created = await createAgency(db, { name: DEMO_SSO_AGENCY.name, code: DEMO_SSO_AGENCY.code });
    if (!created.ok) throw new Error(`demomyndigheten kunde inte skapas: ${created.error}`);
    agency = await findAgency(db, { id: created.id });
  }
  const agencyId = agency!.id;
  const existing = new Set((await listTeams(db, agencyId)).map((t) => t.name));
  for (const name of DEMO_SSO_TEAMS) if (!existing.has(name)) await createTeam(db, { agencyId, name });
  const saved = await saveSsoSettings(db, {
    agencyId,
    issuer,
    ...DEMO_IDP_CLIENT,
    emailDomains: [DEMO_SSO_AGENCY.domain],
    teamClaim: 'department',
  });
  if (!saved.ok) throw new Error(`demoinloggningen kunde inte sparas: ${saved.error}`);
}
