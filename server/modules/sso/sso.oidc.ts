import * as oidc from 'openid-client';

export interface OidcConnection {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * openid-client refuses plain-http issuers. Only a provider on this machine may use http (local
 * development and the tests' own provider); anything else must be https.
 */
export function isLoopbackHttp(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

/** The provider's discovered configuration, cached for a few minutes per connection. */
export function discover(connection: OidcConnection): Promise<oidc.Configuration> {
  const key = JSON.stringify([connection.issuer, connection.clientId, connection.clientSecret]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.configuration;
  const configuration = oidc.discovery(
    new URL(connection.issuer),
    connection.clientId,
    undefined,
    oidc.ClientSecretBasic(connection.clientSecret),
    {
      timeout: 10,
      ...(isLoopbackHttp(connection.issuer) && { execute: [oidc.allowInsecureRequests] }),
    },
  );
  cache.set(key, { at: Date.now(), configuration });
  configuration.catch(() => cache.delete(key));
  return configuration;
}

export function forgetDiscoveries(): void {
  cache.clear();
}

export interface LoginStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The authorization request (code flow, PKCE S256, state and nonce). */
export async function buildLogin(
  connection: OidcConnection,
  redirectUri: string,
): Promise<LoginStart> {
  const configuration = await discover(connection);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state, nonce, codeVerifier };
}

export interface VerifiedClaims {
  issuer: string;
  subject: string;
  email: string | null;
  isEmailVerified: boolean;
  name: string | null;
}

/**
 * Redeems the code and validates the ID token (issuer, audience, expiry, nonce, state, PKCE).
 * Reads email and name from the userinfo endpoint when the ID token leaves them out.
 */
export async function completeLogin(
  connection: OidcConnection,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedClaims> {
  const configuration = await discover(connection);
  const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider returned no ID token');
  let profile: Record<string, unknown> = claims;
  if (typeof claims.email !== 'string') {
    profile = {
      ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)),
      ...claims,
    };
  }
  const email = typeof profile.email === 'string' ? profile.email.trim().toLowerCase() : null;
  const given = typeof profile.given_name === 'string' ? profile.given_name : '';
  const family = typeof profile.family_name === 'string' ? profile.family_name : '';
  const name =
    typeof profile.name === 'string' && profile.name.trim()
      ? profile.name.trim()
      : `${given} ${family}`.trim() || null;
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email,
    // Entra ID does not send email_verified; xms_edov says the email's domain is verified.
    isEmailVerified: profile.email_verified === true || profile.xms_edov === true,
    name,
  };
}

/** Whether the provider said no (or the user cancelled), rather than the answer being bad. */
export function isProviderRefusal(error: unknown): boolean {
  return error instanceof oidc.AuthorizationResponseError;
}
