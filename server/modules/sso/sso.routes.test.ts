import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../clock.ts';
import { TEST_PASSWORD, createTestHarness } from '../../test/harness.ts';
import type { TestHarness, TestPerson } from '../../test/harness.ts';
import type { Account } from './oidc-fixtures.ts';
import { signInAtProvider, startRealProvider, startScriptedProvider } from './oidc-fixtures.ts';

const CLIENT_ID = 'trajectory-test';
const CLIENT_SECRET = 'a-client-secret-for-tests-only';

/** A browser against the app: keeps every cookie the app sets, by name. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly t: TestHarness) {}

  async get(url: string): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.t.app.request(url, { headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const value = pair.slice(index + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, index));
      else this.cookies.set(pair.slice(0, index), value);
    }
    return response;
  }

  /** Starts a sign-in; returns the authorization URL at the provider. */
  async startLogin(): Promise<string> {
    const response = await this.get('/api/sso/login');
    expect(response.status).toBe(302);
    return response.headers.get('location') ?? '';
  }

  /** Where the callback sent the browser: "/" or "/sign-in?error=…". */
  async callback(url: URL | string): Promise<string> {
    const target = typeof url === 'string' ? url : `${url.pathname}${url.search}`;
    const response = await this.get(target);
    expect(response.status).toBe(302);
    return response.headers.get('location') ?? '';
  }

  async whoAmI(): Promise<string | null> {
    const response = await this.get('/api/session');
    if (response.status !== 200) return null;
    const body = (await response.json()) as { person: { email: string } };
    return body.person.email;
  }
}

describe('single sign-on with OpenID Connect', () => {
  let t: TestHarness;
  let admin: TestPerson;
  const redirectUri = () => `${t.config.baseUrl}/api/sso/callback`;

  async function configure(issuer: string, overrides: Record<string, unknown> = {}) {
    const agent = await t.agentFor(admin);
    const current = await agent.get<{ version: number }>('/api/sso/settings');
    const response = await agent.put('/api/sso/settings', {
      baseVersion: current.body.version,
      issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      displayName: 'Test IdP',
      isJitEnabled: false,
      isPasswordSignInAdminsOnly: false,
      ...overrides,
    });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization();
    admin = await t.buildPerson({
      isAdmin: true,
      email: 'admin@example.test',
      password: TEST_PASSWORD,
    });
  });
  afterAll(() => t.close());
  // A new minute per test, so the per-network sign-in limit never couples tests.
  beforeEach(() => t.clock.advance(MINUTE_MS));

  describe('against a real provider (oidc-provider)', () => {
    const accounts = new Map<string, Account>();
    let first: Awaited<ReturnType<typeof startRealProvider>>;
    let second: Awaited<ReturnType<typeof startRealProvider>>;
    let ada: TestPerson;

    beforeAll(async () => {
      ada = await t.buildPerson({ email: 'ada@example.test', name: 'Ada' });
      await t.buildPerson({ email: 'bob@example.test', name: 'Bob' });
      accounts.set('ada-at-first', {
        email: 'ada@example.test',
        email_verified: true,
        name: 'Ada',
      });
      accounts.set('bob-at-first', {
        email: 'bob@example.test',
        email_verified: false,
        name: 'Bob',
      });
      accounts.set('nobody', {
        email: 'nobody@example.test',
        email_verified: true,
        name: 'No One',
      });
      accounts.set('ada-at-second', {
        email: 'ada@example.test',
        email_verified: true,
        name: 'Ada',
      });
      const client = {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: redirectUri(),
        accounts,
      };
      first = await startRealProvider(client);
      second = await startRealProvider({ ...client, isEmailInIdToken: true });
    });
    afterAll(async () => {
      await first.close();
      await second.close();
    });

    it('is off until configured', async () => {
      const providers = await t.agent().get('/api/sso/providers');
      expect(providers.body).toMatchObject({ isEnabled: false });
      const browser = new Browser(t);
      const response = await browser.get('/api/sso/login');
      expect(response.headers.get('location')).toBe('/sign-in?error=sso_unavailable');
    });

    it('signs in and links a pre-provisioned person by verified email', async () => {
      await configure(first.issuer);
      expect((await t.agent().get('/api/sso/providers')).body).toMatchObject({
        isEnabled: true,
        displayName: 'Test IdP',
      });
      const browser = new Browser(t);
      const authorization = await browser.startLogin();
      const query = new URL(authorization).searchParams;
      expect(query.get('code_challenge_method')).toBe('S256');
      expect(query.get('state')).toBeTruthy();
      expect(query.get('nonce')).toBeTruthy();
      const back = await signInAtProvider(authorization, 'ada-at-first');
      expect(await browser.callback(back)).toBe('/');
      expect(await browser.whoAmI()).toBe('ada@example.test');
      const identities = await t.db.selectFrom('sso_identities').selectAll().execute();
      expect(identities).toMatchObject([
        { issuer: first.issuer, subject: 'ada-at-first', person_id: ada.id },
      ]);
      const events = await t.db
        .selectFrom('audit_events')
        .select(['action', 'decision'])
        .where('subject_person_id', '=', ada.id)
        .orderBy('seq')
        .execute();
      expect(events).toEqual([
        { action: 'sso.identity.link', decision: 'allow' },
        { action: 'sign_in.sso', decision: 'allow' },
      ]);
    });

    it('signs in again by issuer and subject, never by email', async () => {
      accounts.set('ada-at-first', {
        email: 'ada.renamed@example.test',
        email_verified: true,
        name: 'Ada',
      });
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'ada-at-first');
      expect(await browser.callback(back)).toBe('/');
      expect(await browser.whoAmI()).toBe('ada@example.test');
      accounts.set('ada-at-first', {
        email: 'ada@example.test',
        email_verified: true,
        name: 'Ada',
      });
    });

    it('does not link an unverified email', async () => {
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'bob-at-first');
      expect(await browser.callback(back)).toBe('/sign-in?error=sso_unverified_email');
      const denied = await t.db
        .selectFrom('audit_events')
        .select(['action', 'decision', 'reason'])
        .where('decision', '=', 'deny')
        .execute();
      expect(denied).toContainEqual({
        action: 'sign_in.sso',
        decision: 'deny',
        reason: 'sso_unverified_email',
      });
      expect(await browser.whoAmI()).toBeNull();
      const links = await t.db.selectFrom('sso_identities').select('subject').execute();
      expect(links.map((l) => l.subject)).not.toContain('bob-at-first');
    });

    it('does not create unknown people unless just-in-time creation is on', async () => {
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'nobody');
      expect(await browser.callback(back)).toBe('/sign-in?error=sso_no_account');
      await configure(first.issuer, { isJitEnabled: true });
      const again = new Browser(t);
      const back2 = await signInAtProvider(await again.startLogin(), 'nobody');
      expect(await again.callback(back2)).toBe('/');
      expect(await again.whoAmI()).toBe('nobody@example.test');
      await configure(first.issuer);
    });

    it('never merges: a second provider with the same verified email gets no access', async () => {
      await configure(second.issuer);
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'ada-at-second');
      expect(await browser.callback(back)).toBe('/sign-in?error=sso_already_linked');
      expect(await browser.whoAmI()).toBeNull();
      const forAda = await t.db
        .selectFrom('sso_identities')
        .select('issuer')
        .where('person_id', '=', ada.id)
        .execute();
      expect(forAda).toEqual([{ issuer: first.issuer }]);
      const people = await t.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', 'ada@example.test')
        .execute();
      expect(people).toHaveLength(1);
      await configure(first.issuer);
    });

    it('refuses a deactivated person', async () => {
      await (await t.agentFor(admin)).patch(`/api/people/${ada.id}`, { isActive: false });
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'ada-at-first');
      expect(await browser.callback(back)).toBe('/sign-in?error=sso_inactive');
      await (await t.agentFor(admin)).patch(`/api/people/${ada.id}`, { isActive: true });
    });

    it('refuses a callback whose state does not match the browser’s login', async () => {
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'ada-at-first');
      back.searchParams.set('state', 'forged-state');
      expect(await browser.callback(back)).toBe('/sign-in?error=sso_expired');
      expect(await browser.whoAmI()).toBeNull();
    });

    it('refuses a callback from another browser (no pending-login cookie)', async () => {
      const victim = new Browser(t);
      const back = await signInAtProvider(await victim.startLogin(), 'ada-at-first');
      const attacker = new Browser(t);
      expect(await attacker.callback(back)).toBe('/sign-in?error=sso_expired');
    });

    it('refuses to complete the same login twice', async () => {
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'ada-at-first');
      const cookie = browser.cookies.get('trajectory_sso') ?? '';
      expect(await browser.callback(back)).toBe('/');
      const replay = new Browser(t);
      replay.cookies.set('trajectory_sso', cookie);
      expect(await replay.callback(back)).toBe('/sign-in?error=sso_expired');
    });

    it('refuses a login that took longer than ten minutes', async () => {
      const browser = new Browser(t);
      const back = await signInAtProvider(await browser.startLogin(), 'ada-at-first');
      t.clock.advance(11 * MINUTE_MS);
      expect(await browser.callback(back)).toBe('/sign-in?error=sso_expired');
    });

    it('reports a refusal at the provider', async () => {
      const browser = new Browser(t);
      const authorization = new URL(await browser.startLogin());
      const state = authorization.searchParams.get('state') ?? '';
      const denied = `/api/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(first.issuer)}`;
      expect(await browser.callback(denied)).toBe('/sign-in?error=sso_denied');
    });

    it('password sign-in can be limited to admins', async () => {
      const pw = await t.buildPerson({ email: 'pw@example.test', password: TEST_PASSWORD });
      const adminAgent = await t.agentFor(admin);
      const earlier = await adminAgent.post<{ url: string }>(
        `/api/people/${pw.id}/password-resets`,
      );
      expect(earlier.status).toBe(201);
      await configure(first.issuer, { isPasswordSignInAdminsOnly: true });
      const refusedLink = await adminAgent.post(`/api/people/${pw.id}/password-resets`);
      expect(refusedLink).toMatchObject({ status: 400, body: { field: 'personId' } });
      const redeemed = await t.agent().post('/api/passwords', {
        token: earlier.body.url.split('#')[1],
        password: 'a brand new passphrase for the test',
      });
      expect(redeemed.status).toBe(403);
      const user = await t
        .agent()
        .post('/api/sessions', { email: 'pw@example.test', password: TEST_PASSWORD });
      expect(user.status).toBe(403);
      const unknown = await t
        .agent()
        .post('/api/sessions', { email: 'who@example.test', password: 'x' });
      expect(unknown.status).toBe(403);
      const adminSignIn = await t.agent().post('/api/sessions', {
        email: 'admin@example.test',
        password: TEST_PASSWORD,
      });
      expect(adminSignIn.status).toBe(201);
      expect((await t.agent().get('/api/sso/providers')).body).toMatchObject({
        isPasswordSignInAdminsOnly: true,
      });
      await configure(first.issuer);
      const back = await t
        .agent()
        .post('/api/sessions', { email: 'pw@example.test', password: TEST_PASSWORD });
      expect(back.status).toBe(201);
    });
  });

  describe('against a scripted provider (ID token checks)', () => {
    let idp: Awaited<ReturnType<typeof startScriptedProvider>>;
    let linked: TestPerson;

    beforeAll(async () => {
      idp = await startScriptedProvider({ clientId: CLIENT_ID });
      linked = await t.buildPerson({ email: 'scripted@example.test' });
      await configure(idp.issuer);
    });
    afterAll(() => idp.close());

    async function attempt(
      claims: Record<string, unknown>,
      header?: { alg: string; kid?: string },
    ) {
      idp.setClaims(claims);
      idp.setHeader(header ?? { alg: 'RS256', kid: 'k1' });
      const browser = new Browser(t);
      const authorization = await browser.startLogin();
      idp.rememberNonce(authorization);
      const state = new URL(authorization).searchParams.get('state') ?? '';
      const where = await browser.callback(`/api/sso/callback?code=a-code&state=${state}`);
      return { where, who: await browser.whoAmI() };
    }

    it('accepts a well-formed ID token', async () => {
      expect(await attempt({})).toEqual({ where: '/', who: linked.email });
    });

    it.each([
      ['a wrong issuer', { iss: 'http://127.0.0.1:1/evil' }],
      ['a wrong audience', { aud: 'someone-else' }],
      ['an extra audience without azp', { aud: [CLIENT_ID, 'someone-else'] }],
      ['a nonce mismatch', { nonce: 'not-the-nonce' }],
      ['a missing nonce', { nonce: undefined }],
      [
        'an expired token',
        { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 },
      ],
      ['a missing subject', { sub: undefined }],
      ['a missing expiry', { exp: undefined }],
    ])('rejects %s', async (_label, claims) => {
      expect(await attempt(claims)).toEqual({ where: '/sign-in?error=sso_failed', who: null });
    });

    it('rejects an unsigned ID token (alg none)', async () => {
      expect(await attempt({}, { alg: 'none' })).toEqual({
        where: '/sign-in?error=sso_failed',
        who: null,
      });
    });

    it('rejects a provider whose discovery document names another issuer', async () => {
      idp.setDiscoveryIssuer('https://elsewhere.example');
      await configure(idp.issuer);
      const browser = new Browser(t);
      const response = await browser.get('/api/sso/login');
      expect(response.headers.get('location')).toBe('/sign-in?error=sso_unavailable');
      idp.setDiscoveryIssuer(null);
      await configure(idp.issuer);
    });
  });

  describe('limits', () => {
    it('limits how many sign-ins one network can start per minute', async () => {
      const idp = await startScriptedProvider({ clientId: CLIENT_ID });
      try {
        await configure(idp.issuer);
        t.clock.advance(MINUTE_MS);
        const locations: string[] = [];
        for (let i = 0; i < 31; i += 1) {
          const response = await new Browser(t).get('/api/sso/login');
          locations.push(response.headers.get('location') ?? '');
        }
        expect(locations.filter((l) => l.startsWith(idp.issuer))).toHaveLength(30);
        expect(locations.at(-1)).toBe('/sign-in?error=sso_rate_limited');
        t.clock.advance(MINUTE_MS);
        const later = await new Browser(t).get('/api/sso/login');
        expect(later.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1/);
      } finally {
        await idp.close();
      }
    });
  });

  describe('settings', () => {
    it('never returns the client secret and keeps it when omitted', async () => {
      const agent = await t.agentFor(admin);
      const current = await agent.get<{ version: number }>('/api/sso/settings');
      const saved = await agent.put<Record<string, unknown>>('/api/sso/settings', {
        baseVersion: current.body.version,
        issuer: 'https://idp.example.com',
        clientId: 'abc',
        clientSecret: 'super-secret-value',
        displayName: 'Okta',
        isJitEnabled: false,
        isPasswordSignInAdminsOnly: false,
      });
      expect(saved.status).toBe(200);
      expect(JSON.stringify(saved.body)).not.toContain('super-secret-value');
      expect(saved.body).toMatchObject({
        hasClientSecret: true,
        source: 'database',
        redirectUri: `${t.config.baseUrl}/api/sso/callback`,
        scimBaseUrl: `${t.config.baseUrl}/scim/v2`,
      });
      const kept = await agent.put<Record<string, unknown>>('/api/sso/settings', {
        baseVersion: saved.body.version,
        issuer: 'https://idp.example.com',
        clientId: 'abc',
        displayName: 'Okta',
        isJitEnabled: false,
        isPasswordSignInAdminsOnly: false,
      });
      expect(kept.body.hasClientSecret).toBe(true);
      const row = await t.db.selectFrom('sso_settings').selectAll().executeTakeFirstOrThrow();
      expect(row.client_secret_sealed).not.toContain('super-secret-value');
      expect(JSON.stringify((await agent.get('/api/sso/settings')).body)).not.toContain(
        'super-secret-value',
      );
    });

    it('is for admins only', async () => {
      const someone = await t.agentFor(await t.buildPerson());
      expect((await someone.get('/api/sso/settings')).status).toBe(403);
      expect((await t.agent().get('/api/sso/settings')).status).toBe(401);
    });

    it('rejects an issuer that is not a URL', async () => {
      const agent = await t.agentFor(admin);
      const response = await agent.put('/api/sso/settings', {
        issuer: 'javascript:alert(1)',
        clientId: 'abc',
        displayName: 'x',
        isJitEnabled: false,
        isPasswordSignInAdminsOnly: false,
      });
      expect(response.status).toBe(400);
    });
  });
});

describe('single sign-on configured by environment', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness({
      config: {
        oidc: {
          issuer: 'https://idp.example.com',
          clientId: 'from-env',
          clientSecret: 'env-secret-value',
          displayName: 'Corporate SSO',
        },
      },
    });
    await t.buildOrganization();
  });
  afterAll(() => t.close());

  it('reports the environment as the source and ignores connection fields sent by admins', async () => {
    const admin = await t.agentFor(await t.buildPerson({ isAdmin: true }));
    const saved = await admin.put<Record<string, unknown>>('/api/sso/settings', {
      baseVersion: 0,
      issuer: 'https://other.example.com',
      clientId: 'other',
      clientSecret: 'other-secret',
      displayName: 'Okta',
      isJitEnabled: true,
      isPasswordSignInAdminsOnly: true,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      source: 'environment',
      issuer: 'https://idp.example.com',
      clientId: 'from-env',
      hasClientSecret: true,
      isJitEnabled: true,
      isPasswordSignInAdminsOnly: true,
    });
    expect(JSON.stringify(saved.body)).not.toContain('env-secret-value');
    expect((await t.agent().get('/api/sso/providers')).body).toMatchObject({
      isEnabled: true,
      displayName: 'Okta',
      isPasswordSignInAdminsOnly: true,
    });
  });
});
