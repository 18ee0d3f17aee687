import { adminOnly, everyone, signedIn } from './matrix.ts';
import type { MatrixRow } from './matrix.ts';
import { ok } from './world.ts';

const strongPassword = 'a different and very long passphrase';

/** Sign-in, sessions, setup, password links: the few public operations and the account ones. */
export const authRows: MatrixRow[] = [
  { operation: 'GET /api/health', request: () => ({ path: '/api/health' }), expect: everyone(200) },
  { operation: 'GET /api/setup', request: () => ({ path: '/api/setup' }), expect: everyone(200) },
  {
    operation: 'POST /api/setup',
    state: 'already set up',
    request: () => ({
      path: '/api/setup',
      body: {
        organizationName: 'Rival',
        name: 'Eve',
        email: 'eve@example.test',
        password: strongPassword,
      },
    }),
    expect: everyone(403),
  },
  {
    operation: 'POST /api/sessions',
    state: 'wrong password',
    request: (w) => ({
      path: '/api/sessions',
      body: { email: w.people.engineer.email, password: 'certainly not the password' },
    }),
    expect: everyone(401),
  },
  {
    operation: 'GET /api/session',
    request: () => ({ path: '/api/session' }),
    expect: signedIn(200),
  },
  {
    operation: 'DELETE /api/session',
    isSessionConsumed: true,
    request: () => ({ path: '/api/session' }),
    expect: signedIn(204),
  },
  {
    operation: 'POST /api/people/{id}/invitations',
    request: (w) => ({ path: `/api/people/${w.people.peer.id}/invitations` }),
    expect: adminOnly(201),
  },
  {
    operation: 'POST /api/people/{id}/password-resets',
    request: (w) => ({ path: `/api/people/${w.people.peer.id}/password-resets` }),
    expect: adminOnly(201),
  },
  {
    operation: 'GET /api/password-tokens/{token}',
    state: 'unknown link',
    request: () => ({ path: '/api/password-tokens/not-a-real-token-at-all-0123456789' }),
    expect: everyone(404),
  },
  {
    operation: 'POST /api/passwords',
    state: 'unknown link',
    request: () => ({
      path: '/api/passwords',
      body: { token: 'not-a-real-token-at-all-0123456789', password: strongPassword },
    }),
    expect: everyone(404),
  },
  {
    operation: 'GET /api/sso/providers',
    request: () => ({ path: '/api/sso/providers' }),
    expect: everyone(200),
  },
  {
    operation: 'GET /api/sso/login',
    state: 'not configured: back to the sign-in page',
    request: () => ({ path: '/api/sso/login' }),
    expect: everyone(302),
  },
  {
    operation: 'GET /api/sso/callback',
    state: 'no login under way: back to the sign-in page',
    request: () => ({ path: '/api/sso/callback?state=nothing&code=nothing' }),
    expect: everyone(302),
  },
  {
    operation: 'GET /api/sso/settings',
    request: () => ({ path: '/api/sso/settings' }),
    expect: adminOnly(200),
  },
  {
    operation: 'PUT /api/sso/settings',
    setup: async (w) => ({
      v: String(
        (await ok(w.agents.admin.get<{ version: number }>('/api/sso/settings'))).body.version,
      ),
    }),
    request: (_w, ctx) => ({
      path: '/api/sso/settings',
      body: {
        issuer: '',
        clientId: '',
        displayName: 'SSO',
        isJitEnabled: false,
        isPasswordSignInAdminsOnly: false,
        baseVersion: Number(ctx.v),
      },
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'GET /api/scim-tokens',
    request: () => ({ path: '/api/scim-tokens' }),
    expect: adminOnly(200),
  },
  {
    operation: 'POST /api/scim-tokens',
    request: () => ({ path: '/api/scim-tokens', body: { name: 'HR system' } }),
    expect: adminOnly(201),
  },
  {
    operation: 'DELETE /api/scim-tokens/{id}',
    setup: async (w) => ({
      token: (await ok(w.agents.admin.post<{ id: string }>('/api/scim-tokens', { name: 'Old HR' })))
        .body.id,
    }),
    request: (_w, ctx) => ({ path: `/api/scim-tokens/${ctx.token}` }),
    expect: adminOnly(204),
  },
];

/** The directory (C0), reporting lines and organisation settings. */
export const peopleRows: MatrixRow[] = [
  {
    operation: 'GET /api/organization',
    request: () => ({ path: '/api/organization' }),
    expect: signedIn(200),
  },
  {
    operation: 'PATCH /api/organization',
    setup: async (w) => ({
      v: String(
        (await ok(w.agents.admin.get<{ version: number }>('/api/organization'))).body.version,
      ),
    }),
    request: (_w, ctx) => ({
      path: '/api/organization',
      body: { name: 'Example Org', baseVersion: Number(ctx.v) },
    }),
    expect: adminOnly(200),
  },
  { operation: 'GET /api/people', request: () => ({ path: '/api/people' }), expect: signedIn(200) },
  {
    operation: 'GET /api/people',
    state: 'with deactivated people',
    request: () => ({ path: '/api/people?includeInactive=true' }),
    expect: signedIn(403, { admin: 200, peopleTeam: 200 }),
  },
  {
    operation: 'POST /api/people',
    request: () => ({
      path: '/api/people',
      body: {
        name: 'New Person',
        email: `new-${Math.random().toString(36).slice(2)}@example.test`,
      },
    }),
    expect: adminOnly(201),
  },
  {
    operation: 'GET /api/people/{id}',
    request: (w) => ({ path: `/api/people/${w.people.engineer.id}` }),
    expect: signedIn(200),
  },
  {
    operation: 'PATCH /api/people/{id}',
    request: (w) => ({
      path: `/api/people/${w.people.peer.id}`,
      body: { title: 'Senior Engineer' },
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'POST /api/reporting-lines',
    request: (w) => ({
      path: '/api/reporting-lines',
      body: { reportId: w.people.peer.id, managerId: w.people.manager.id, startsOn: '2026-03-02' },
    }),
    expect: adminOnly(201),
  },
  {
    operation: 'POST /api/people-imports',
    state: 'preview',
    request: () => ({
      path: '/api/people-imports',
      body: { mode: 'preview', csv: 'email,name\nnew.person@example.test,New Person\n' },
    }),
    expect: adminOnly(200),
  },
];
