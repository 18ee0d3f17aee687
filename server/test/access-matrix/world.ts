import { expect } from 'vitest';
import type { Logger } from '../../logger.ts';
import { changeManager } from '../../modules/people/people.service.ts';
import { Agent, createTestHarness } from '../harness.ts';
import type { TestHarness, TestPerson, TestResponse } from '../harness.ts';

/** Everyone the matrix asks, in the order its tables list them. */
export const subjects = [
  'anonymous',
  'deactivated',
  'engineer',
  'peer',
  'manager',
  'formerManager',
  'leader',
  'otherManager',
  'admin',
  'peopleTeam',
] as const;
export type Subject = (typeof subjects)[number];
export type PersonSubject = Exclude<Subject, 'anonymous'>;

/** Dates of the seeded history: the engineer moved from the former manager to the manager. */
export const FORMER_TENURE_AT = '2025-09-01T09:00:00.000Z';
export const HANDOVER_ON = '2026-02-01';
export const TODAY = '2026-03-02T09:00:00.000Z';

/**
 * The organisation every matrix row runs against.
 *
 *   leader ─┬─ manager ─┬─ engineer (reported to formerManager until HANDOVER_ON)
 *           │           ├─ peer
 *           │           └─ deactivated (still holds a session the server must refuse)
 *           ├─ formerManager
 *           └─ otherManager ── otherReport
 *   admin (no reports, not people team) · peopleTeam (people team, not admin)
 */
export async function buildWorld(options: { logger?: Logger } = {}) {
  const t = await createTestHarness({
    config: { sessionIdleMinutes: 525_600, sessionMaxHours: 8760 },
    ...options,
  });
  await t.buildOrganization();
  t.clock.set(FORMER_TENURE_AT);
  const leader = await t.buildPerson({ name: 'Lena Leader', managerSince: '2025-01-01' });
  const manager = await t.buildPerson({
    name: 'Mina Manager',
    managerId: leader.id,
    managerSince: '2025-01-01',
  });
  const formerManager = await t.buildPerson({
    name: 'Fred Former',
    managerId: leader.id,
    managerSince: '2025-01-01',
  });
  const otherManager = await t.buildPerson({
    name: 'Omar Other',
    managerId: leader.id,
    managerSince: '2025-01-01',
  });
  await t.buildPerson({
    name: 'Otto Report',
    managerId: otherManager.id,
    managerSince: '2025-01-01',
  });
  const engineer = await t.buildPerson({
    name: 'Eli Engineer',
    managerId: formerManager.id,
    managerSince: '2025-06-01',
  });
  const peer = await t.buildPerson({
    name: 'Pia Peer',
    managerId: manager.id,
    managerSince: '2025-06-01',
  });
  const deactivated = await t.buildPerson({
    name: 'Dee Parted',
    managerId: manager.id,
    managerSince: '2025-06-01',
  });
  const admin = await t.buildPerson({ name: 'Ada Admin', isAdmin: true });
  const peopleTeam = await t.buildPerson({ name: 'Pat People', isPeopleTeam: true });
  const people: Record<PersonSubject, TestPerson> = {
    deactivated,
    engineer,
    peer,
    manager,
    formerManager,
    leader,
    otherManager,
    admin,
    peopleTeam,
  };
  const agents = {} as Record<Subject, Agent>;
  agents.anonymous = t.agent();
  for (const [subject, person] of Object.entries(people))
    agents[subject as PersonSubject] = await t.agentFor(person);

  // The former manager held a conversation, with a summary, while they managed the engineer.
  const formerConversation = await schedule(
    agents.formerManager,
    engineer.id,
    '2025-09-10T14:00:00Z',
  );
  await ok(agents.formerManager.post(`/api/conversations/${formerConversation}/completion`));
  await sendSummaryAs(agents.formerManager, formerConversation);
  const formerActionItem = (
    await ok(
      agents.formerManager.post<{ id: string }>(
        `/api/conversations/${formerConversation}/action-items`,
        {
          owner: 'manager',
          text: 'Introduce Eli to the platform guild',
        },
      ),
    )
  ).body.id;

  t.clock.set(TODAY);
  await t.db.transaction().execute((trx) =>
    changeManager(trx, {
      reportId: engineer.id,
      managerId: manager.id,
      startsOn: HANDOVER_ON,
      createdBy: admin.id,
      createdAt: TODAY,
    }),
  );
  // Deactivated directly, so the session it holds is still in the table: the server must refuse it.
  await t.db
    .updateTable('people')
    .set({ is_active: false, deactivated_at: TODAY })
    .where('id', '=', deactivated.id)
    .execute();

  const frameworks = await ok(agents.admin.get<{ activeVersionId: string }>('/api/frameworks'));
  const version = await ok(
    agents.admin.get<{
      id: string;
      tracks: { levels: { id: string; name: string }[] }[];
      competencies: { id: string }[];
      criteria: { id: string }[];
    }>(`/api/framework-versions/${frameworks.body.activeVersionId}`),
  );
  const levels = version.body.tracks[0]?.levels ?? [];

  return {
    t,
    people,
    agents,
    ids: {
      formerConversation,
      formerActionItem,
      frameworkVersion: version.body.id,
      juniorLevel: levels[0]?.id ?? '',
      confirmedLevel: levels[1]?.id ?? '',
      competency: version.body.competencies[0]?.id ?? '',
      criterion: version.body.criteria[0]?.id ?? '',
    },
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Asserts a setup step succeeded (a failing setup is a broken test, not a matrix cell). */
export async function ok<T>(promise: Promise<TestResponse<T>>): Promise<TestResponse<T>> {
  const response = await promise;
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response;
}

export async function schedule(
  agent: Agent,
  engineerId: string,
  startsAt = '2026-03-10T14:00:00Z',
) {
  const response = await ok(
    agent.post<{ id: string }>('/api/conversations', {
      engineerId,
      kind: 'quarterly',
      startsAt,
      place: 'Room 4',
    }),
  );
  return response.body.id;
}

/** The version a summary draft must be saved against (ADR 080). */
export async function draftVersionOf(agent: Agent, conversationId: string): Promise<number> {
  const summary = await ok(
    agent.get<{ draftVersion: number }>(`/api/conversations/${conversationId}/summary`),
  );
  return summary.body.draftVersion;
}

export async function sendSummaryAs(agent: Agent, conversationId: string) {
  await ok(
    agent.put(`/api/conversations/${conversationId}/summary/draft`, {
      goals: 'Lead the next design review.',
      baseVersion: await draftVersionOf(agent, conversationId),
    }),
  );
  await ok(agent.post(`/api/conversations/${conversationId}/summary/versions`));
}

/** A throwaway copy of an agent, so a response's cookie can never change the subject's session. */
export function cloneAgent(t: TestHarness, agent: Agent): Agent {
  const copy = new Agent(t.app);
  copy.cookie = agent.cookie;
  copy.csrfToken = agent.csrfToken;
  return copy;
}
