/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 and a
 * free port, for sign-in tests. Accounts are given by the test: the login
 * hint the app sends is the account id, and the interaction finishes at once
 * (login + consent for `openid email profile`), as if the person had signed
 * in at their agency. `browse` follows the redirects a browser would, with a
 * cookie jar for the provider, until the provider sends the browser back to the app.
 */
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
  const provider = new Provider(issuer, {
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
  handler = (req, res) => {
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
    browse: (url) => {
      jar.clear(); // a fresh browser: no session at the provider from an earlier test
      return follow(url, (u) => u.startsWith(appOrigin));
    },
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
