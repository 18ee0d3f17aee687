import { adminOnly, everyone, signedIn } from './matrix.ts';
import type { MatrixRow } from './matrix.ts';
import { ok } from './world.ts';

/*
 * Cadence (DESIGN §3): the policy, home and team pages, the coverage dashboard (C1 only, groups
 * smaller than five hidden), reminders, mail settings, the outbox page and calendar feeds.
 */

/**
 * Everyone with reports today, the people team and admins read coverage; others — the former
 * manager, who has no reports left, included — are refused.
 */
const coverageReaders = signedIn(403, {
  manager: 200,
  leader: 200,
  otherManager: 200,
  admin: 200,
  peopleTeam: 200,
});

export const cadenceRows: MatrixRow[] = [
  {
    operation: 'GET /api/cadence-policy',
    request: () => ({ path: '/api/cadence-policy' }),
    expect: signedIn(200),
  },
  {
    operation: 'PUT /api/cadence-policy',
    setup: async (w) => {
      const { body } = await ok(
        w.agents.admin.get<{ policy: object; version: number }>('/api/cadence-policy'),
      );
      return { policy: JSON.stringify({ ...body.policy, baseVersion: body.version }) };
    },
    request: (_w, ctx) => ({ path: '/api/cadence-policy', body: JSON.parse(ctx.policy ?? '{}') }),
    // The people team sets the rules everyone is held to (admins count as people team).
    expect: signedIn(403, { admin: 200, peopleTeam: 200 }),
  },
  { operation: 'GET /api/home', request: () => ({ path: '/api/home' }), expect: signedIn(200) },
  { operation: 'GET /api/team', request: () => ({ path: '/api/team' }), expect: signedIn(200) },
  {
    operation: 'GET /api/coverage',
    request: () => ({ path: '/api/coverage' }),
    expect: coverageReaders,
  },
  {
    operation: 'GET /api/coverage',
    state: "narrowed to the manager's subtree",
    request: (w) => ({ path: `/api/coverage?managerId=${w.people.manager.id}` }),
    // Outside the actor's scope the subtree does not exist for them.
    expect: signedIn(403, {
      manager: 200,
      leader: 200,
      otherManager: 404,
      admin: 200,
      peopleTeam: 200,
    }),
  },
  {
    operation: 'GET /api/coverage/groups/{key}/people',
    state: 'a group under the minimum size: hidden',
    request: (w) => ({ path: `/api/coverage/groups/${w.people.manager.id}/people` }),
    // Hidden from the organisation views; the manager still sees their own direct reports.
    expect: signedIn(403, { manager: 200, otherManager: 404 }),
  },
  {
    operation: 'GET /api/reminder-preferences',
    request: () => ({ path: '/api/reminder-preferences' }),
    expect: signedIn(200),
  },
  {
    operation: 'PATCH /api/reminder-preferences',
    state: 'for oneself',
    request: () => ({ path: '/api/reminder-preferences', body: { weekly_digest: false } }),
    expect: signedIn(200),
  },
  {
    operation: 'GET /api/mail-settings',
    request: () => ({ path: '/api/mail-settings' }),
    expect: adminOnly(200),
  },
  {
    operation: 'PUT /api/mail-settings',
    setup: async (w) => ({
      v: String(
        (await ok(w.agents.admin.get<{ version: number }>('/api/mail-settings'))).body.version,
      ),
    }),
    request: (_w, ctx) => ({
      path: '/api/mail-settings',
      body: { isLinkOnly: false, baseVersion: Number(ctx.v) },
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'GET /api/outbox-messages',
    request: () => ({ path: '/api/outbox-messages' }),
    expect: adminOnly(200),
  },
  {
    operation: 'GET /api/calendar-feed',
    request: () => ({ path: '/api/calendar-feed' }),
    expect: signedIn(200),
  },
  {
    operation: 'POST /api/calendar-feed',
    state: 'for oneself',
    request: () => ({ path: '/api/calendar-feed' }),
    expect: signedIn(201),
  },
  {
    operation: 'DELETE /api/calendar-feed',
    state: 'for oneself',
    request: () => ({ path: '/api/calendar-feed' }),
    expect: signedIn(204),
  },
  {
    operation: 'GET /api/calendar-feeds/{token}',
    state: "the engineer's secret address: it is the key, whoever holds it",
    setup: async (w) => {
      const feed = await ok(w.agents.engineer.post<{ url: string }>('/api/calendar-feed'));
      return { path: new URL(feed.body.url).pathname };
    },
    request: (_w, ctx) => ({ path: ctx.path ?? '' }),
    expect: everyone(200),
  },
  {
    operation: 'GET /api/calendar-feeds/{token}',
    state: 'an unknown or revoked address',
    request: () => ({ path: '/api/calendar-feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' }),
    expect: everyone(404),
  },
];
