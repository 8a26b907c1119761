/**
 * Sign-in with an agency's own OpenID provider (Authorization Code + PKCE,
 * state and nonce, via openid-client).
 *
 * `startSso` discovers the provider, stores a single-use state row (PKCE
 * verifier, nonce, return path; 10 minutes) and returns the authorization URL
 * plus the state for a cookie. `finishSso` takes the callback: the state must
 * match the cookie and an unused row (deleted on read); openid-client checks
 * the code exchange, issuer, audience, expiry and nonce; then the e-mail must
 * be verified and belong to the agency's domains; an existing account is
 * linked only within that agency and only when active, else a learner is
 * created (just in time). Every refusal is audited and has a Swedish message.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Db } from '#db/client.ts';
import { ssoSessions, ssoStates, teams } from '#db/schema.ts';
import { audit } from '#lib/audit/audit-log.ts';
import { createUser, findUserByEmail, type UserRow } from '#lib/accounts/users.ts';
import { normalizeEmail } from '#lib/http/text-input.ts';
import { absoluteUrl as publicUrl } from '#lib/http/public-origin.ts';
import { emailDomain, findSsoSettings, type SsoSettings } from './sso-config.ts';
import { startSession } from './login.ts';
import type { Session } from './session.ts';

export const SSO_CALLBACK_PATH = '/logga-in/sso/callback';
export const SSO_STATE_COOKIE = 'sso-tillstand';
const STATE_LIFETIME_MS = 10 * 60_000;

export type SsoRefusal =
  | 'provider-down'
  | 'state'
  | 'provider-error'
  | 'token'
  | 'email-unverified'
  | 'wrong-domain'
  | 'other-agency'
  | 'disabled';

/** What the person sees for each refusal. */
export const SSO_MESSAGES: Record<SsoRefusal, string> = {
  'provider-down':
    'Din myndighets inloggningstjänst svarar inte just nu. Försök igen om en stund. Fungerar det inte, kontakta din myndighets it-support.',
  state:
    'Inloggningen kunde inte slutföras: svaret hörde inte till en inloggning som startades i den här webbläsaren, eller har redan använts. Börja om från inloggningssidan.',
  'provider-error': 'Din myndighets inloggningstjänst avbröt inloggningen. Börja om från inloggningssidan.',
  token:
    'Inloggningen kunde inte slutföras: svaret från din myndighets inloggningstjänst gick inte att verifiera. Börja om från inloggningssidan. Händer det igen, kontakta din myndighets it-support.',
  'email-unverified':
    'Din myndighets inloggningstjänst har inte bekräftat din e-postadress, så inloggningen kan inte kopplas till ett konto. Kontakta din myndighets it-support.',
  'wrong-domain':
    'E-postadressen som inloggningstjänsten skickade hör inte till den här myndigheten. Logga in via den myndighet som adressen hör till, eller kontakta administratören för Kompetensnav.',
  'other-agency':
    'Det finns redan ett konto med din e-postadress i en annan myndighet. Kontakta administratören för Kompetensnav.',
  disabled: 'Ditt konto i Kompetensnav är avstängt. Kontakta din myndighets administratör.',
};

const configs = new Map<string, Promise<client.Configuration>>();

/** http:// issuers only on this machine (tests and the demo provider); real providers use https. */
function loopback(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

/** The provider's configuration (discovered once per settings version). */
export function providerConfig(settings: SsoSettings): Promise<client.Configuration> {
  const key = `${settings.agencyId}|${settings.issuer}|${settings.clientId}|${settings.updatedAt}`;
  let config = configs.get(key);
  if (!config) {
    const issuer = new URL(settings.issuer);
    config = client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      execute: loopback(issuer) ? [client.allowInsecureRequests] : [],
      timeout: 5,
    });
    config.catch(() => configs.delete(key));
    configs.set(key, config);
  }
  return config;
}

export type SsoStart =
  { ok: true; url: string; state: string } | { ok: false; reason: 'provider-down'; message: string };

/** Sends the person to the agency's provider; `email` becomes the login hint. */
export async function startSso(
  db: Db,
  settings: SsoSettings,
  input: { email: string; returnTo: string; ip: string },
  now = new Date(),
): Promise<SsoStart> {
  let config: client.Configuration;
  try {
    config = await providerConfig(settings);
  } catch (err) {
    await refusalAudit(db, settings.agencyId, input.ip, 'provider-down', errorDetail(err));
    return { ok: false, reason: 'provider-down', message: SSO_MESSAGES['provider-down'] };
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await db.delete(ssoStates).where(lt(ssoStates.expiresAt, now.toISOString()));
  await db.insert(ssoStates).values({
    state,
    agencyId: settings.agencyId,
    codeVerifier,
    nonce,
    returnTo: input.returnTo,
    expiresAt: new Date(now.getTime() + STATE_LIFETIME_MS).toISOString(),
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: publicUrl(SSO_CALLBACK_PATH),
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: input.email,
  });
  return { ok: true, url: url.href, state };
}

export type SsoFinish =
  | { ok: true; token: string; session: Session; user: UserRow; returnTo: string; created: boolean }
  | { ok: false; reason: SsoRefusal; message: string };

function errorDetail(err: unknown): string {
  const e = err as { code?: string; error?: string; message?: string; cause?: { code?: string } };
  return [e.code, e.error, e.cause?.code, e.message].filter(Boolean).join(': ').slice(0, 300);
}

function unreachable(err: unknown): boolean {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  return (
    (e.name === 'TypeError' && /fetch failed/i.test(e.message ?? '')) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(e.cause?.code ?? '') ||
    e.name === 'TimeoutError' ||
    e.name === 'AbortError'
  );
}

async function refusalAudit(
  db: Db,
  agencyId: number | null,
  ip: string,
  reason: SsoRefusal,
  detail?: string,
  target?: string,
): Promise<void> {
  await audit(db, {
    action: 'login.sso-refused',
    targetType: target ? 'account' : 'agency',
    targetId: target ?? agencyId ?? undefined,
    agencyId,
    outcome: reason === 'disabled' || reason === 'other-agency' || reason === 'wrong-domain' ? 'denied' : 'failed',
    ip,
    detail: `${reason}${detail ? `: ${detail}` : ''}`,
  });
}

/** Completes the sign-in from the provider's redirect to the callback. */
export async function finishSso(
  db: Db,
  input: { search: string; stateCookie: string | undefined; ip: string; userAgent: string | null },
  now = new Date(),
): Promise<SsoFinish> {
  const refuse = async (
    reason: SsoRefusal,
    agencyId: number | null,
    detail?: string,
    target?: string,
  ): Promise<SsoFinish> => {
    await refusalAudit(db, agencyId, input.ip, reason, detail, target);
    return { ok: false, reason, message: SSO_MESSAGES[reason] };
  };
  const params = new URLSearchParams(input.search);
  const state = params.get('state') ?? '';
  if (!state || state !== input.stateCookie) return refuse('state', null, 'state saknas eller matchar inte kakan');
  const row = (
    await db
      .delete(ssoStates)
      .where(and(eq(ssoStates.state, state), gt(ssoStates.expiresAt, now.toISOString())))
      .returning()
  )[0];
  if (!row) return refuse('state', null, 'okänt, utgånget eller redan använt state');
  const settings = await findSsoSettings(db, row.agencyId);
  if (!settings) return refuse('state', row.agencyId, 'myndigheten har inte längre SSO');
  if (params.has('error')) return refuse('provider-error', row.agencyId, params.get('error')!.slice(0, 100));

  let claims: client.IDToken | undefined;
  let idToken: string | undefined;
  try {
    const config = await providerConfig(settings);
    const tokens = await client.authorizationCodeGrant(
      config,
      new URL(`${publicUrl(SSO_CALLBACK_PATH)}?${params.toString()}`),
      { pkceCodeVerifier: row.codeVerifier, expectedState: state, expectedNonce: row.nonce, idTokenExpected: true },
    );
    claims = tokens.claims();
    idToken = tokens.id_token;
    // Providers that keep e-mail out of the ID token (oidc-provider, some Keycloak set-ups) give it at userinfo, for the same subject.
    if (claims && claims.email === undefined) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      claims = { ...info, ...claims };
    }
  } catch (err) {
    return refuse(unreachable(err) ? 'provider-down' : 'token', row.agencyId, errorDetail(err));
  }
  if (!claims || !idToken) return refuse('token', row.agencyId, 'ingen id-token');

  const email = typeof claims.email === 'string' ? normalizeEmail(claims.email).slice(0, 254) : '';
  if (!email || claims.email_verified !== true)
    return refuse(
      'email-unverified',
      row.agencyId,
      `email_verified: ${String(claims.email_verified)}`,
      email || undefined,
    );
  if (!settings.emailDomains.split(',').includes(emailDomain(email)))
    return refuse('wrong-domain', row.agencyId, emailDomain(email), email);

  let user = await findUserByEmail(db, email);
  let created = false;
  if (user && user.agencyId !== settings.agencyId) return refuse('other-agency', row.agencyId, undefined, email);
  if (user && !user.active) return refuse('disabled', row.agencyId, undefined, email);
  if (!user) {
    const teamId = await teamFromClaim(db, settings, claims);
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
    const made = await createUser(db, {
      name,
      email,
      agencyId: settings.agencyId,
      teamId,
      role: 'learner',
      managerScope: null,
    });
    if (!made.ok) return refuse('token', row.agencyId, made.error, email);
    user = await findUserByEmail(db, email);
    created = true;
    await audit(db, {
      action: 'user.create-sso',
      targetType: 'user',
      targetId: made.id,
      agencyId: settings.agencyId,
      outcome: 'ok',
      ip: input.ip,
      detail: 'skapat vid första SSO-inloggningen (deltagare)',
    });
  }
  const { token, session } = await startSession(
    db,
    user!,
    { ip: input.ip, userAgent: input.userAgent, detail: 'SSO' },
    now,
  );
  await db.insert(ssoSessions).values({ sessionId: session.id, agencyId: settings.agencyId, idToken });
  return { ok: true, token, session, user: user!, returnTo: row.returnTo, created };
}

async function teamFromClaim(db: Db, settings: SsoSettings, claims: client.IDToken): Promise<number | null> {
  if (!settings.teamClaim) return null;
  const value = claims[settings.teamClaim];
  if (typeof value !== 'string' || !value.trim()) return null;
  const wanted = value.trim().normalize('NFC').toLowerCase();
  const found = (await db.select().from(teams).where(eq(teams.agencyId, settings.agencyId))).find(
    (t) => t.name.toLowerCase() === wanted,
  );
  return found?.id ?? null;
}

/**
 * Where to send the browser after a local logout of an SSO session: the
 * provider's end-session endpoint (RP-initiated logout) when it has one, else null.
 */
export async function providerLogoutUrl(db: Db, sessionId: string): Promise<string | null> {
  const row = (await db.select().from(ssoSessions).where(eq(ssoSessions.sessionId, sessionId)).limit(1))[0];
  if (!row) return null;
  const settings = await findSsoSettings(db, row.agencyId);
  if (!settings) return null;
  try {
    const config = await providerConfig(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: row.idToken,
      post_logout_redirect_uri: publicUrl('/logga-in?utloggad=1'),
    }).href;
  } catch {
    return null;
  }
}
