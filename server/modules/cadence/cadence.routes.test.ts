import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../clock.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import { TEST_START } from '../../test/harness.ts';
import type {
  CadenceSettings,
  Home,
  ObligationView,
  Team,
} from '../../../shared/schemas/cadence.ts';
import { defaultCadencePolicy } from '../../../shared/cadence/cadence.ts';
import {
  completeConversation,
  createConversationHarness,
  scheduleConversation,
  sendSummary,
} from '../conversations/conversations.fixtures.ts';
import { CANARY, insertActiveContract, insertHeldConversation } from './cadence.fixtures.ts';

/** Saves the policy from the version stored now (ADR 080), as the settings page does. */
async function putPolicy(agent: Agent, reader: Agent, policy: object) {
  const { version } = (await reader.get<CadenceSettings>('/api/cadence-policy')).body;
  return agent.put<CadenceSettings>('/api/cadence-policy', { ...policy, baseVersion: version });
}

const find = (items: readonly ObligationView[], kind: ObligationView['kind']) =>
  items.find((o) => o.kind === kind);

describe('cadence policy', () => {
  let t: TestHarness;
  let agents: Record<'engineer' | 'manager' | 'people' | 'admin' | 'anonymous', Agent>;
  let engineer: TestPerson;

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    const manager = await t.buildPerson({ name: 'Mina Manager' });
    engineer = await t.buildPerson({ name: 'Eli Engineer', managerId: manager.id });
    const people = await t.buildPerson({ name: 'Pat People', isPeopleTeam: true });
    const admin = await t.buildPerson({ name: 'Ada Admin', isAdmin: true });
    agents = {
      engineer: await t.agentFor(engineer),
      manager: await t.agentFor(manager),
      people: await t.agentFor(people),
      admin: await t.agentFor(admin),
      anonymous: t.agent(),
    };
  });
  afterAll(() => t.close());

  it('shows the rules to everyone signed in, with DESIGN §3 defaults, and to nobody else', async () => {
    expect((await agents.anonymous.get('/api/cadence-policy')).status).toBe(401);
    for (const role of ['engineer', 'manager', 'people', 'admin'] as const) {
      const { status, body } = await agents[role].get<CadenceSettings>('/api/cadence-policy');
      expect(status).toBe(200);
      expect(body.policy).toEqual(defaultCadencePolicy);
      expect(body.policy).toMatchObject({
        initialWithinDays: 14,
        quarterlyEveryDays: 91,
        annualEveryDays: 365,
        planCheckEveryDays: 30,
        prepLeadDays: 4,
        summaryWithinHours: 24,
        acknowledgeWithinDays: 7,
        staleAfterDays: 60,
      });
      expect(body.abilities.update).toBe(role === 'people' || role === 'admin');
    }
  });

  it('lets only the people team and admins change it, validating every field', async () => {
    const next = { ...defaultCadencePolicy, quarterlyEveryDays: 60, baseVersion: 0 };
    expect((await agents.anonymous.put('/api/cadence-policy', next)).status).toBe(401);
    expect((await agents.engineer.put('/api/cadence-policy', next)).status).toBe(403);
    expect((await agents.manager.put('/api/cadence-policy', next)).status).toBe(403);

    const zero = await agents.admin.put('/api/cadence-policy', { ...next, quarterlyEveryDays: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body).toMatchObject({ field: 'quarterlyEveryDays' });
    const { prepLeadDays: _omitted, ...partial } = next;
    const missing = await agents.admin.put('/api/cadence-policy', partial);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ field: 'prepLeadDays' });
    const unknown = await agents.admin.put('/api/cadence-policy', { ...next, extra: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'extra' });
    const fraction = await agents.admin.put('/api/cadence-policy', { ...next, prepLeadDays: 2.5 });
    expect(fraction.status).toBe(400);

    const saved = await agents.people.put<CadenceSettings>('/api/cadence-policy', next);
    expect(saved.status).toBe(200);
    expect(saved.body.policy.quarterlyEveryDays).toBe(60);
    expect(saved.body.updatedBy?.name).toBe('Pat People');
    expect(saved.body.version).toBe(1);
  });

  it('refuses a save over someone else’s (409 with the current policy) and one without a version (428)', async () => {
    const before = (await agents.admin.get<CadenceSettings>('/api/cadence-policy')).body;
    const first = await agents.people.put<CadenceSettings>('/api/cadence-policy', {
      ...before.policy,
      dueSoonDays: 10,
      baseVersion: before.version,
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(before.version + 1);

    const late = await agents.admin.put<{ error: string; current: CadenceSettings }>(
      '/api/cadence-policy',
      { ...before.policy, dueSoonDays: 3, baseVersion: before.version },
    );
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('stale_version');
    expect(late.body.current.version).toBe(first.body.version);
    expect(late.body.current.policy.dueSoonDays).toBe(10);

    const blind = await agents.admin.put<{ error: string }>('/api/cadence-policy', before.policy);
    expect(blind.status).toBe(428);
    expect(blind.body.error).toBe('precondition_required');

    const byHeader = await agents.admin.request<CadenceSettings>(
      'PUT',
      '/api/cadence-policy',
      { ...before.policy, dueSoonDays: 3 },
      { 'if-match': `"${first.body.version}"` },
    );
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.policy.dueSoonDays).toBe(3);
    const after = (await agents.engineer.get<CadenceSettings>('/api/cadence-policy')).body;
    expect(after.version).toBe(first.body.version + 1);
    expect(after.policy.dueSoonDays).toBe(3);
  });

  it('drives every due date: the home page follows the stored policy', async () => {
    await putPolicy(agents.admin, agents.admin, {
      ...defaultCadencePolicy,
      initialWithinDays: 10,
      quarterlyEveryDays: 60,
    });
    const { body } = await agents.engineer.get<Home>('/api/home');
    const since = Date.parse(`${TEST_START.slice(0, 10)}T00:00:00Z`);
    expect(find(body.mine, 'initial_conversation')?.dueAt).toBe(
      new Date(since + 10 * DAY_MS).toISOString(),
    );
    expect(find(body.mine, 'quarterly_conversation')?.dueAt).toBe(
      new Date(since + 70 * DAY_MS).toISOString(),
    );
    await putPolicy(agents.admin, agents.admin, defaultCadencePolicy);
  });
});

describe('home and team view', () => {
  let t: TestHarness;
  let leader: TestPerson;
  let manager: TestPerson;
  let engineer: TestPerson;
  let peer: TestPerson;
  let agents: Record<'leader' | 'manager' | 'engineer' | 'peer' | 'anonymous', Agent>;

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    leader = await t.buildPerson({ name: 'Lena Leader' });
    manager = await t.buildPerson({ name: 'Mina Manager', managerId: leader.id });
    engineer = await t.buildPerson({
      name: 'Eli Engineer',
      managerId: manager.id,
      timezone: 'Europe/London',
    });
    peer = await t.buildPerson({ name: 'Pia Peer', managerId: manager.id });
    agents = {
      leader: await t.agentFor(leader),
      manager: await t.agentFor(manager),
      engineer: await t.agentFor(engineer),
      peer: await t.agentFor(peer),
      anonymous: t.agent(),
    };
  });
  afterAll(() => t.close());

  it('answers 401 to the anonymous', async () => {
    expect((await agents.anonymous.get('/api/home')).status).toBe(401);
    expect((await agents.anonymous.get('/api/team')).status).toBe(401);
  });

  it('tells a new pair what comes first: the initial conversation within 14 days', async () => {
    const mine = await agents.engineer.get<Home>('/api/home');
    expect(mine.status).toBe(200);
    expect(mine.body.roles).toEqual({ hasManager: true, isManager: false, hasCoverageView: false });
    const initial = find(mine.body.mine, 'initial_conversation');
    expect(initial).toMatchObject({ owner: 'manager', state: 'upcoming' });
    expect(initial?.dueAt).toBe('2026-03-16T00:00:00.000Z');
    expect(initial?.manager?.name).toBe('Mina Manager');

    const theirs = await agents.manager.get<Home>('/api/home');
    expect(theirs.body.roles).toMatchObject({ isManager: true, hasCoverageView: false });
    expect(theirs.body.reports.map((r) => r.person.name).sort()).toEqual([
      'Eli Engineer',
      'Pia Peer',
    ]);
    expect(theirs.body.orgHealth).toBeNull();
  });

  it('shows prep to its owner only, then the summary and the acknowledgement', async () => {
    const conversation = await scheduleConversation(agents.manager, engineer.id, {
      kind: 'initial',
      startsAt: '2026-03-06T10:00:00Z',
    });
    // Four days before: the engineer's prep is due; the manager's is still upcoming.
    t.clock.set('2026-03-02T11:00:00Z');
    let mine = (await agents.engineer.get<Home>('/api/home')).body;
    expect(find(mine.mine, 'engineer_prep')).toMatchObject({ state: 'due' });
    expect(find(mine.mine, 'manager_prep')).toBeUndefined();
    expect(mine.upcomingConversations).toEqual([
      expect.objectContaining({ id: conversation.id, role: 'engineer', kind: 'initial' }),
    ]);
    let theirs = (await agents.manager.get<Home>('/api/home')).body;
    const eli = theirs.reports.find((r) => r.person.id === engineer.id);
    expect(find(eli?.obligations ?? [], 'engineer_prep')).toBeUndefined();
    expect(find(eli?.obligations ?? [], 'manager_prep')).toMatchObject({ state: 'upcoming' });
    expect(theirs.upcomingConversations[0]).toMatchObject({
      role: 'manager',
      with: { name: 'Eli Engineer' },
    });

    t.clock.set('2026-03-06T11:00:00Z');
    await completeConversation(agents.manager, conversation.id);
    theirs = (await agents.manager.get<Home>('/api/home')).body;
    const summary = find(
      theirs.reports.find((r) => r.person.id === engineer.id)?.obligations ?? [],
      'summary',
    );
    expect(summary).toMatchObject({ state: 'due', dueAt: '2026-03-07T11:00:00.000Z' });
    t.clock.advance(25 * HOUR_MS);
    theirs = (await agents.manager.get<Home>('/api/home')).body;
    // Overdue work comes first.
    expect(theirs.reports[0]?.person.id).toBe(engineer.id);
    expect(theirs.reports[0]?.obligations[0]).toMatchObject({ kind: 'summary', state: 'overdue' });

    await sendSummary(agents.manager, conversation.id);
    mine = (await agents.engineer.get<Home>('/api/home')).body;
    expect(find(mine.mine, 'acknowledgement')).toMatchObject({ owner: 'engineer', state: 'due' });
    expect(find(mine.mine, 'initial_conversation')).toBeUndefined();
  });

  it('lists the engineer’s own open commitments', async () => {
    const conversation = await scheduleConversation(agents.manager, engineer.id, {
      startsAt: '2026-03-20T10:00:00Z',
    });
    const item = await agents.engineer.post(`/api/conversations/${conversation.id}/action-items`, {
      owner: 'engineer',
      text: 'Draft the design doc',
      dueOn: '2026-03-01',
    });
    expect(item.status).toBe(201);
    // The manager's own item in the same conversation is theirs, not the engineer's commitment.
    const managers = await agents.manager.post<{ id: string }>(
      `/api/conversations/${conversation.id}/action-items`,
      { owner: 'manager', text: 'Find a design reviewer', dueOn: null },
    );
    expect(managers.status).toBe(201);
    const { body } = await agents.engineer.get<Home>('/api/home');
    expect(body.myCommitments).toEqual([
      expect.objectContaining({ text: 'Draft the design doc', isOverdue: true }),
    ]);
    const peerHome = await agents.peer.get<Home>('/api/home');
    expect(peerHome.body.myCommitments).toEqual([]);
    expect(JSON.stringify(peerHome.body)).not.toContain('Draft the design doc');
    const closed = await agents.manager.patch(`/api/action-items/${managers.body.id}`, {
      isDone: true,
    });
    expect(closed.status).toBe(200);
  });

  it('gives a leader the health of their part of the organisation, hidden when under 5 people', async () => {
    const { body } = await agents.leader.get<Home>('/api/home');
    expect(body.roles).toMatchObject({ isManager: true, hasCoverageView: true });
    // Mina's team of two is below the minimum and the leader is not its direct manager.
    expect(body.orgHealth).toMatchObject({ isHidden: true, people: null, onCadence: null });
  });

  it('shows a manager each report’s cadence, plan and commitments — metadata only', async () => {
    await insertActiveContract(t, peer.id, { activeDaysAgo: 100, referencedDaysAgo: 70 });
    await insertHeldConversation(
      t,
      { engineerId: peer.id, managerId: leader.id },
      { kind: 'performance', daysAgo: 30, summaryAfterHours: 3, responseAfterHours: 2 },
    );
    const { status, body } = await agents.manager.get<Team>('/api/team');
    expect(status).toBe(200);
    expect(body.members.map((m) => m.person.name)).toEqual(['Eli Engineer', 'Pia Peer']);
    const eli = body.members.find((m) => m.person.id === engineer.id);
    expect(eli?.lastConversations).toEqual([
      expect.objectContaining({ kind: 'initial', heldAt: '2026-03-06T11:00:00.000Z' }),
    ]);
    expect(eli?.next?.kind).toBe('quarterly_conversation');
    expect(eli?.commitments).toEqual({
      managerOpen: 0,
      managerOverdue: 0,
      engineerOpen: 1,
      engineerOverdue: 1,
    });
    expect(eli?.acknowledgement).toMatchObject({ awaiting: 1, overdue: 0 });
    const pia = body.members.find((m) => m.person.id === peer.id);
    expect(pia?.contract).toMatchObject({ status: 'active', isStale: true });
    expect(find(pia?.obligations ?? [], 'plan_check')).toMatchObject({ state: 'overdue' });
    // A performance conversation held by someone else reads as a neutral check-in.
    expect(pia?.lastConversations).toEqual([expect.objectContaining({ kind: 'check_in' })]);
    expect(JSON.stringify(body)).not.toContain(CANARY);
    expect(JSON.stringify(body)).not.toContain('Draft the design doc');

    const none = await agents.engineer.get<Team>('/api/team');
    expect(none.status).toBe(200);
    expect(none.body.members).toEqual([]);
  });

  it('reads each report’s latest conversation of a kind, latest acknowledgement and unanswered summaries', async () => {
    const lead = await t.buildPerson({ name: 'Ola Lead', managerId: leader.id });
    const report = await t.buildPerson({ name: 'Noa Report', managerId: lead.id });
    const pair = { engineerId: report.id, managerId: lead.id };
    const held = (daysAgo: number, responseAfterHours: number | null) =>
      insertHeldConversation(t, pair, {
        kind: 'quarterly',
        daysAgo,
        summaryAfterHours: 2,
        responseAfterHours,
      });
    await held(200, 5);
    await held(20, 1);
    await held(110, 30);
    const heldLast = await held(10, null);
    // A summary sent by an earlier manager is not this manager's to wait for.
    await insertHeldConversation(
      t,
      { engineerId: report.id, managerId: leader.id },
      { kind: 'where_now', daysAgo: 300, summaryAfterHours: 1 },
    );
    const noa = (await (await t.agentFor(lead)).get<Team>('/api/team')).body.members[0];
    const heldAt = (daysAgo: number) => new Date(t.clock.now().getTime() - daysAgo * DAY_MS);
    expect(noa?.lastConversations).toEqual([
      expect.objectContaining({ kind: 'where_now', heldAt: heldAt(300).toISOString() }),
      { kind: 'quarterly', conversationId: heldLast, heldAt: heldAt(10).toISOString() },
    ]);
    expect(noa?.acknowledgement).toMatchObject({
      awaiting: 1,
      // Held 20 days ago, summary 2 hours later, answered an hour after that.
      lastAcknowledgedAt: new Date(heldAt(20).getTime() + 3 * HOUR_MS).toISOString(),
    });
  });
});
