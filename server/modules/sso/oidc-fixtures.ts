import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import Provider from 'oidc-provider';

/**
 * Identity providers for the single sign-on tests, on 127.0.0.1 at ephemeral ports:
 * a real OpenID Connect provider (oidc-provider) and a scripted one that mints ID tokens with
 * whatever claims a test needs (bad issuer, audience, nonce, expiry…).
 */

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  let current = handler;
  const server: Server = createServer((req, res) => current(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    issuer: `http://127.0.0.1:${port}`,
    setHandler: (next: typeof handler) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Account {
  email: string;
  email_verified: boolean;
  name: string;
}

/** A real OpenID Connect provider whose accounts the test controls. */
export async function startRealProvider(options: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Map<string, Account>;
  isEmailInIdToken?: boolean;
}) {
  const server = await listen((_req, res) => res.end());
  const provider = new Provider(server.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, id) {
      const account = options.accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: !options.isEmailInIdToken,
    cookies: { keys: ['a-test-cookie-signing-key'] },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    // First-party client: no consent screen, only the login form.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!ctx.oidc.session.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['email', 'email_verified', 'name']);
      await grant.save();
      return grant;
    },
  });
  server.setHandler(provider.callback());
  return { issuer: server.issuer, close: server.close };
}

/**
 * Drives the provider's login form like a browser would, from the authorization URL to the
 * redirect back to the app; returns that redirect URL.
 */
export async function signInAtProvider(authorizationUrl: string, accountId: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  for (let hop = 0; hop < 12; hop += 1) {
    const response = await send(url);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status} without a form`);
    const submitted = await send(new URL(action, url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'any' }).toString(),
    });
    const after = submitted.headers.get('location');
    if (!after) throw new Error(`the login form answered ${submitted.status}`);
    url = new URL(after, url);
  }
  throw new Error('too many redirects at the provider');
}

/** A scripted provider: discovery, JWKS and a token endpoint returning the ID token a test sets. */
export async function startScriptedProvider(options: { clientId: string }) {
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256');
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  let claims: Record<string, unknown> = {};
  let header: { alg: string; kid?: string } = { alg: 'RS256', kid: 'k1' };
  let discoveryIssuer: string | null = null;
  let lastNonce = '';
  const server = await listen((_req, res) => res.end());
  const { issuer } = server;
  server.setHandler(async (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      return json({
        issuer: discoveryIssuer ?? issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/jwks') return json({ keys: [jwk] });
    if (path === '/token') {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: issuer,
        aud: options.clientId,
        sub: 'scripted-subject',
        nonce: lastNonce,
        iat: now,
        exp: now + 300,
        email: 'scripted@example.test',
        email_verified: true,
        ...claims,
      };
      const defined = Object.fromEntries(
        Object.entries(payload).filter(([, value]) => value !== undefined),
      );
      const idToken =
        header.alg === 'none'
          ? `${jose.base64url.encode(JSON.stringify({ alg: 'none' }))}.${jose.base64url.encode(JSON.stringify(defined))}.`
          : await new jose.SignJWT(defined).setProtectedHeader(header).sign(privateKey);
      return json({
        access_token: 'opaque',
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken,
      });
    }
    res.writeHead(404);
    res.end();
  });
  return {
    issuer,
    /** The nonce the app sent in its authorization request, echoed in the next ID token. */
    rememberNonce(authorizationUrl: string) {
      lastNonce = new URL(authorizationUrl).searchParams.get('nonce') ?? '';
    },
    setClaims(next: Record<string, unknown>) {
      claims = next;
    },
    setHeader(next: { alg: string; kid?: string }) {
      header = next;
    },
    setDiscoveryIssuer(next: string | null) {
      discoveryIssuer = next;
    },
    close: server.close,
  };
}
