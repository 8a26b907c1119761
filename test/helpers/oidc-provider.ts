/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 and a
 * free port, for sign-in tests. Accounts are given by the test: the login
 * hint the app sends is the account id, and the interaction finishes at once
 * (login + consent for `openid email profile`), as if the person had signed
 * in at their agency. `browse` follows the redirects a browser would, with a
 * cookie jar for the provider, until the provider sends the browser back to the app.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
  department?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * When set, the token endpoint's ID token is rewritten by it and signed again with the
   * provider's own key: a token the provider could have issued, with the claims a test needs
   * (an expiry in the past, another audience). Null: tokens pass unchanged.
   */
  tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null;
  /** Follows redirects from `url` (the app's redirect to the provider) until the provider redirects back to `appOrigin`; that URL. */
  browse: (url: string) => Promise<string>;
  stop: () => Promise<void>;
}

export async function startProvider(appOrigin: string, accounts: Record<string, TestAccount>): Promise<TestProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const clientId = 'kompetensnav';
  const clientSecret = 'en-hemlighet-for-testklienten';
  // Our own signing key (not the quick-start keys), so a tampered ID token can be signed like a real one.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'testnyckel', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    jwks: { keys: [jwk] as never },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appOrigin}/logga-in/sso/callback`],
        post_logout_redirect_uris: [`${appOrigin}/logga-in?utloggad=1`],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        // Another application at the same provider: a code issued to one client must not work for the other.
        client_id: 'annan-klient',
        client_secret: clientSecret,
        redirect_uris: [`${appOrigin}/logga-in/sso/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { email: ['email', 'email_verified'], profile: ['name', 'department'] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['testnyckel-for-kakor'] },
    findAccount: async (_ctx, sub) =>
      accounts[sub] ? { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) } : undefined,
  });
  const callback = provider.callback();
  const state: { tamper: TestProvider['tamper'] } = { tamper: null };
  handler = (req, res) => {
    if (state.tamper && req.method === 'POST' && req.url?.startsWith('/token'))
      rewriteIdToken(res, privateKey, state.tamper);
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const accountId = String(details.params.login_hint ?? '');
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  };

  const jar = new Map<string, string>();
  async function follow(start: string, stop: (url: string) => boolean): Promise<string> {
    let url = start;
    for (let hop = 0; hop < 20; hop++) {
      if (stop(url)) return url;
      const reply = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of reply.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = reply.headers.get('location');
      if (!location)
        throw new Error(`leverantören stannade på ${url} (${reply.status}): ${(await reply.text()).slice(0, 300)}`);
      url = new URL(location, url).href;
    }
    throw new Error('för många omdirigeringar');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    get tamper() {
      return state.tamper;
    },
    set tamper(fn) {
      state.tamper = fn;
    },
    browse: (url) => {
      jar.clear(); // a fresh browser: no session at the provider from an earlier test
      return follow(url, (u) => u.startsWith(appOrigin));
    },
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Rewrites the `id_token` of the JSON body `res` ends with: new claims, signed again with `key` (RS256). */
function rewriteIdToken(
  res: ServerResponse,
  key: KeyObject,
  tamper: (claims: Record<string, unknown>) => Record<string, unknown>,
): void {
  const end = res.end.bind(res) as (body?: unknown) => ServerResponse;
  res.end = ((body?: unknown) => {
    const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
    let json: { id_token?: string };
    try {
      json = JSON.parse(text) as { id_token?: string };
    } catch {
      return end(body);
    }
    if (!json.id_token) return end(body);
    const [header, payload] = json.id_token.split('.');
    const claims = tamper(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>);
    const signed = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = createSign('RSA-SHA256').update(signed).sign(key).toString('base64url');
    const out = JSON.stringify({ ...json, id_token: `${signed}.${signature}` });
    res.setHeader('Content-Length', Buffer.byteLength(out));
    return end(out);
  }) as typeof res.end;
}
