/**
 * Demo mode only: a real OpenID provider (`oidc-provider`) answered in the
 * HTTP front at /demo-idp, so `npm start` shows sign-in through an agency's
 * own provider without any other service. Its accounts and client come from
 * #lib/demo/demo-idp.ts; its sign-in page asks for the provider account's
 * e-mail and password (the printed demo password), then sends the browser
 * back to Kompetensnav's callback like any provider. Provider state lives in
 * memory: a restart signs everybody out at the provider, nothing else.
 * start.ts mounts it only in demo mode and only on an http loopback origin.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Adapter, type AdapterPayload, type KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_IDP_ACCOUNTS, DEMO_IDP_CLIENT, DEMO_IDP_PASSWORD, DEMO_IDP_PATH } from '#lib/demo/demo-idp.ts';
import type { FrontRoute } from './completion-route.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain, Swedish, accessible page (the site's CSP allows no inline styles or scripts, and none are needed). */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${esc(title)} – Demomyndighetens inloggning</title></head><body><main><p>Demomyndighetens inloggningstjänst (demo-IdP, bara i demoläget)</p><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

function signInForm(action: string, email: string, error: string | null): string {
  const invalid = error ? ' aria-invalid="true" aria-describedby="fel"' : '';
  return page(
    'Logga in hos din myndighet',
    `${error ? `<p id="fel" role="alert">${esc(error)}</p>` : ''}
<p>Så här ser det ut när en myndighet har en egen inloggningstjänst. Demokontona har lösenordet <code>${DEMO_IDP_PASSWORD}</code>.</p>
<form method="post" action="${esc(action)}">
<p><label for="email">E-postadress</label><br><input id="email" name="email" type="email" autocomplete="username" value="${esc(email)}"${invalid}></p>
<p><label for="password">Lösenord</label><br><input id="password" name="password" type="password" autocomplete="current-password"${invalid}></p>
<p><button type="submit">Logga in hos myndigheten</button></p>
</form>`,
  );
}

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
      if (body.length > 10_000) req.destroy(new Error('för stort'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * The provider's storage: one Map per model, in this process's memory (what the quick-start adapter
 * does too, but named here so the demo prints no warning about it). Expired entries are dropped on read.
 */
class MemoryAdapter implements Adapter {
  private static store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  private readonly model: string;
  constructor(model: string) {
    this.model = model;
  }
  private key(id: string): string {
    return `${this.model}:${id}`;
  }
  upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    MemoryAdapter.store.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
    return Promise.resolve();
  }
  find(id: string): Promise<AdapterPayload | undefined> {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (entry && entry.expiresAt < Date.now()) MemoryAdapter.store.delete(this.key(id));
    return Promise.resolve(entry && entry.expiresAt >= Date.now() ? entry.payload : undefined);
  }
  findByUserCode(): Promise<AdapterPayload | undefined> {
    return Promise.resolve(undefined);
  }
  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [key, entry] of MemoryAdapter.store)
      if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid)
        return this.find(key.slice(this.model.length + 1));
    return Promise.resolve(undefined);
  }
  async consume(id: string): Promise<void> {
    const payload = await this.find(id);
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  destroy(id: string): Promise<void> {
    MemoryAdapter.store.delete(this.key(id));
    return Promise.resolve();
  }
  revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, entry] of MemoryAdapter.store)
      if (entry.payload.grantId === grantId) MemoryAdapter.store.delete(key);
    return Promise.resolve();
  }
}

function createProvider(issuer: string, appOrigin: string): Provider {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new Provider(issuer, {
    adapter: MemoryAdapter,
    clients: [
      {
        client_id: DEMO_IDP_CLIENT.clientId,
        client_secret: DEMO_IDP_CLIENT.clientSecret,
        redirect_uris: [`${appOrigin}/logga-in/sso/callback`],
        post_logout_redirect_uris: [`${appOrigin}/logga-in?utloggad=1`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { email: ['email', 'email_verified'], profile: ['name', 'department'] },
    interactions: { url: (_ctx, interaction) => `${DEMO_IDP_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            'Logga ut hos myndigheten?',
            `${form}<p><button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, logga ut</button> <button type="submit" form="op.logoutForm">Nej</button></p>`,
          );
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.body = page('Du är utloggad hos myndigheten', '<p><a href="/logga-in">Till Kompetensnav</a></p>');
        },
      },
    },
    renderError: (ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = page(
        'Inloggningen avbröts',
        `<p>${esc(String(out.error_description ?? out.error ?? 'Okänt fel'))}</p>`,
      );
    },
    findAccount: (_ctx, sub) => {
      const account = DEMO_IDP_ACCOUNTS.find((a) => a.email === sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account, email_verified: true }) };
    },
  });
}

/** The interaction (the provider's own sign-in page): GET shows it, POST checks the demo account. */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const action = `${DEMO_IDP_PATH}/interaction/${details.uid}`;
  const hint = String(details.params.login_hint ?? '');
  const send = (status: number, html: string) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(html);
  };
  if (req.method !== 'POST') return send(200, signInForm(action, hint, null));
  const form = await readBody(req);
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const account = DEMO_IDP_ACCOUNTS.find((a) => a.email === email);
  if (!account || form.get('password') !== DEMO_IDP_PASSWORD)
    return send(400, signInForm(action, email, 'Fel e-postadress eller lösenord hos demomyndigheten.'));
  const grant = new provider.Grant({ accountId: account.email, clientId: String(details.params.client_id) });
  grant.addOIDCScope('openid email profile');
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.email }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/** The front route for the demo provider on `issuer` (`<origin>/demo-idp`), for the app at `appOrigin`. */
export function demoIdpRoute(issuer: string, appOrigin: string): FrontRoute {
  const provider = createProvider(issuer, appOrigin);
  const callback = provider.callback();
  return (req, res) => {
    const url = req.url ?? '';
    if (url !== DEMO_IDP_PATH && !url.startsWith(`${DEMO_IDP_PATH}/`)) return false;
    // The provider's forms end in a redirect back to the app (another origin when the issuer's host differs).
    const csp = res.getHeader('Content-Security-Policy');
    if (typeof csp === 'string')
      res.setHeader('Content-Security-Policy', csp.replace("form-action 'self'", `form-action 'self' ${appOrigin}`));
    const fail = (err: unknown) => {
      if (res.headersSent) return void res.end();
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`Demoinloggningen fungerar inte: ${err instanceof Error ? err.message : String(err)}`);
    };
    if (url.startsWith(`${DEMO_IDP_PATH}/interaction/`)) {
      interaction(provider, req, res).catch(fail);
      return true;
    }
    // Mounted under a path: the provider finds its mount path from originalUrl versus url.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(DEMO_IDP_PATH.length) || '/';
    Promise.resolve(callback(req, res)).catch(fail);
    return true;
  };
}
