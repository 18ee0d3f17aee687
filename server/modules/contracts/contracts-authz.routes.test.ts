import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness, TestPerson, TestResponse } from '../../test/harness.ts';
import type { Contract, Handover, HandoverList } from '../../../shared/schemas/contracts.ts';
import { changeManager } from '../people/people.service.ts';
import {
  createConversationHarness,
  roles,
  scheduleConversation,
} from '../conversations/conversations.fixtures.ts';
import type { Role } from '../conversations/conversations.fixtures.ts';
import { activeContract, createContract, validContract } from './contracts.fixtures.ts';

/**
 * Every contract endpoint × every role, including each denial. A fresh engineer (reporting to
 * `manager`, below `leader`) is built for every request so writes never interfere.
 */
interface Ctx {
  engineer: TestPerson;
  contract: Contract;
  commitmentId?: string;
  handoverId?: string;
  conversationId?: string;
}

interface Case {
  name: string;
  setup: (env: Env) => Promise<Ctx>;
  request: (agent: Agent, ctx: Ctx) => Promise<TestResponse>;
  expected: Record<Role, number>;
}

interface Env {
  t: TestHarness;
  people: Record<Exclude<Role, 'anonymous' | 'engineer'> | 'former', TestPerson>;
  agents: Record<Exclude<Role, 'engineer'> | 'former', Agent>;
  /** A new engineer reporting to `managerId` (default: the cast's manager) and their agent. */
  newEngineer: (managerId?: string) => Promise<{ person: TestPerson; agent: Agent }>;
}

/** The engineer and their manager today; leaders and the people team see metadata only. */
const party = (engineer: number, manager: number): Record<Role, number> => ({
  engineer,
  manager,
  otherManager: 404,
  leader: 403,
  peer: 404,
  admin: 403,
  anonymous: 401,
});
const everyone = (status: number): Record<Role, number> => ({
  engineer: status,
  manager: status,
  otherManager: status,
  leader: status,
  peer: status,
  admin: status,
  anonymous: 401,
});
/** Handover notes and take-overs are C3 with no metadata view: 404 outside the people named. */
const only = (engineer: number, manager: number): Record<Role, number> => ({
  engineer,
  manager,
  otherManager: 404,
  leader: 404,
  peer: 404,
  admin: 404,
  anonymous: 401,
});

async function draft(env: Env): Promise<Ctx> {
  const { person } = await env.newEngineer();
  return { engineer: person, contract: await createContract(env.agents.manager, person.id) };
}
async function active(env: Env): Promise<Ctx> {
  const { person, agent } = await env.newEngineer();
  return { engineer: person, contract: await activeContract(agent, env.agents.manager, person.id) };
}
/** A contract whose manager commitment was made by `former`, before the engineer moved to `manager`. */
async function handedOver(env: Env): Promise<Ctx> {
  const { person, agent } = await env.newEngineer(env.people.former.id);
  const contract = await activeContract(agent, env.agents.former, person.id);
  const withCommitment = await env.agents.former.post<Contract>(
    `/api/contracts/${contract.id}/commitments`,
    { owner: 'manager', text: 'Book the architecture course', dueOn: '2026-04-15' },
  );
  expect(withCommitment.status).toBe(201);
  const [handover] = await writeHandover(env, person, env.people.former, env.agents.former, {
    changeOn: env.t.clock.now().toISOString().slice(0, 10),
    toManagerId: env.people.manager.id,
  });
  const released = await agent.post(`/api/contract-handovers/${handover?.id}/release`);
  expect(released.status).toBe(200);
  return {
    engineer: person,
    contract,
    commitmentId: withCommitment.body.commitments[0]?.id,
    handoverId: handover?.id,
  };
}
/** `manager` wrote a handover for a change to `otherManager` next week; not yet released. */
async function scheduledHandover(env: Env): Promise<Ctx> {
  const { person, agent } = await env.newEngineer();
  const contract = await activeContract(agent, env.agents.manager, person.id);
  const [handover] = await writeHandover(env, person, env.people.manager, env.agents.manager, {
    changeOn: '2026-03-09',
    toManagerId: env.people.otherManager.id,
  });
  return { engineer: person, contract, handoverId: handover?.id };
}
async function writeHandover(
  env: Env,
  engineer: TestPerson,
  from: TestPerson,
  fromAgent: Agent,
  change: { changeOn: string; toManagerId: string },
): Promise<Handover[]> {
  await changeManager(env.t.db, {
    reportId: engineer.id,
    managerId: change.toManagerId,
    startsOn: change.changeOn,
    createdBy: null,
    createdAt: env.t.clock.now().toISOString(),
  });
  const list = await fromAgent.get<HandoverList>('/api/contract-handovers');
  const mine = list.body.items.filter((h) => h.engineer.id === engineer.id);
  expect(mine).toHaveLength(1);
  const written = await fromAgent.put(`/api/contract-handovers/${mine[0]?.id}`, {
    note: `Handover from ${from.name}.`,
  });
  expect(written.status, JSON.stringify(written.body)).toBe(200);
  return mine;
}

const cases: Case[] = [
  {
    name: 'GET /people/{id}/contracts',
    setup: draft,
    request: (a, ctx) => a.get(`/api/people/${ctx.engineer.id}/contracts`),
    expected: { ...party(200, 200), leader: 200, admin: 200 },
  },
  {
    name: 'POST /people/{id}/contracts',
    setup: async (env) => {
      const { person } = await env.newEngineer();
      return { engineer: person, contract: null as unknown as Contract };
    },
    request: (a, ctx) => a.post(`/api/people/${ctx.engineer.id}/contracts`, validContract()),
    expected: party(201, 201),
  },
  {
    name: 'GET /contracts/{id}',
    setup: draft,
    request: (a, ctx) => a.get(`/api/contracts/${ctx.contract.id}`),
    expected: party(200, 200),
  },
  {
    name: 'PUT /contracts/{id}',
    setup: draft,
    request: (a, ctx) =>
      a.put(`/api/contracts/${ctx.contract.id}`, {
        ...validContract({ changeNote: 'Edited', managerCommitment: 'More time.' }),
        baseVersion: 1,
      }),
    expected: party(200, 200),
  },
  {
    name: 'POST /contracts/{id}/agreements',
    setup: draft,
    request: (a, ctx) => a.post(`/api/contracts/${ctx.contract.id}/agreements`, { version: 1 }),
    expected: party(200, 200),
  },
  {
    name: 'POST /contracts/{id}/check-ins',
    setup: active,
    request: (a, ctx) =>
      a.post(`/api/contracts/${ctx.contract.id}/check-ins`, { status: 'on_track', note: 'Good.' }),
    expected: party(201, 201),
  },
  {
    name: 'POST /contracts/{id}/outcomes',
    setup: active,
    request: (a, ctx) =>
      a.post(`/api/contracts/${ctx.contract.id}/outcomes`, { status: 'paused', note: 'Leave.' }),
    expected: party(200, 200),
  },
  {
    name: 'POST /contracts/{id}/commitments',
    setup: active,
    request: (a, ctx) =>
      a.post(`/api/contracts/${ctx.contract.id}/commitments`, {
        owner: 'engineer',
        text: 'Draft the proposal',
        dueOn: '2026-04-01',
      }),
    expected: party(201, 201),
  },
  {
    name: 'POST /contracts/{id}/conversations',
    setup: async (env) => {
      const ctx = await active(env);
      const conversation = await scheduleConversation(env.agents.manager, ctx.engineer.id, {
        kind: 'event',
      });
      return { ...ctx, conversationId: conversation.id };
    },
    request: (a, ctx) =>
      a.post(`/api/contracts/${ctx.contract.id}/conversations`, {
        conversationId: ctx.conversationId,
      }),
    expected: party(200, 200),
  },
  {
    name: 'GET /contracts/{id}/export',
    setup: active,
    request: (a, ctx) => a.get(`/api/contracts/${ctx.contract.id}/export?format=markdown`),
    expected: party(200, 403),
  },
  {
    name: 'GET /commitments',
    setup: active,
    request: (a) => a.get('/api/commitments?view=owed'),
    expected: everyone(200),
  },
  {
    name: 'POST /commitments/{id}/takeover',
    setup: handedOver,
    request: (a, ctx) => a.post(`/api/commitments/${ctx.commitmentId}/takeover`, {}),
    expected: only(403, 200),
  },
  {
    name: 'GET /contract-handovers',
    setup: active,
    request: (a) => a.get('/api/contract-handovers'),
    expected: everyone(200),
  },
  {
    name: 'GET /contract-handovers/{id}',
    setup: handedOver,
    request: (a, ctx) => a.get(`/api/contract-handovers/${ctx.handoverId}`),
    expected: only(200, 200),
  },
  {
    name: 'PUT /contract-handovers/{id}',
    setup: scheduledHandover,
    request: (a, ctx) => a.put(`/api/contract-handovers/${ctx.handoverId}`, { note: 'Rewritten.' }),
    expected: only(403, 200),
  },
  {
    name: 'POST /contract-handovers/{id}/release',
    setup: scheduledHandover,
    request: (a, ctx) => a.post(`/api/contract-handovers/${ctx.handoverId}/release`),
    expected: only(200, 403),
  },
];

describe('development contracts: every endpoint × every role', () => {
  let t: TestHarness;
  let env: Env;
  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    const leader = await t.buildPerson({ name: 'Lena Leader' });
    const manager = await t.buildPerson({ name: 'Mina Manager', managerId: leader.id });
    const former = await t.buildPerson({ name: 'Fay Former', managerId: leader.id });
    const otherManager = await t.buildPerson({ name: 'Omar Other', managerId: leader.id });
    const peer = await t.buildPerson({ name: 'Pia Peer', managerId: manager.id });
    const admin = await t.buildPerson({ name: 'Ada Admin', isAdmin: true });
    const people = { leader, manager, former, otherManager, peer, admin };
    env = {
      t,
      people,
      agents: {
        leader: await t.agentFor(leader),
        manager: await t.agentFor(manager),
        former: await t.agentFor(former),
        otherManager: await t.agentFor(otherManager),
        peer: await t.agentFor(peer),
        admin: await t.agentFor(admin),
        anonymous: t.agent(),
      },
      newEngineer: async (managerId = manager.id) => {
        const person = await t.buildPerson({
          name: 'Eli Engineer',
          managerId,
          managerSince: '2026-01-05',
        });
        return { person, agent: await t.agentFor(person) };
      },
    };
  });
  afterAll(() => t.close());

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const outcomes: Partial<Record<Role, number>> = {};
      for (const role of roles) {
        const ctx = await testCase.setup(env);
        const agent = role === 'engineer' ? await t.agentFor(ctx.engineer) : env.agents[role];
        const response = await testCase.request(agent, ctx);
        outcomes[role] = response.status;
        if (response.status >= 400)
          expect(response.body, `${role}: error body`).toMatchObject({ error: expect.any(String) });
      }
      expect(outcomes).toEqual(testCase.expected);
    });
  }

  it('shows leaders and admins existence, status and review dates — never content', async () => {
    const ctx = await active(env);
    for (const role of ['leader', 'admin'] as const) {
      const list = await env.agents[role].get(`/api/people/${ctx.engineer.id}/contracts`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({
        items: [{ id: ctx.contract.id, status: 'active', nextReviewOn: '2026-06-01' }],
        abilities: { create: false },
      });
      const text = JSON.stringify(list.body);
      for (const content of [
        validContract().developmentGoal,
        validContract().caveat,
        validContract().goals[0]?.description ?? '',
      ])
        expect(text).not.toContain(content);
    }
  });

  it('covers every contract operation in the OpenAPI document', async () => {
    const doc = await env.agents.admin.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    const mine =
      /^\/api\/(contracts|contract-handovers|commitments)\b|^\/api\/people\/\{id\}\/contracts$/;
    const operations = Object.entries(doc.body.paths)
      .filter(([path]) => mine.test(path))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace('/api', '')}`),
      );
    expect(operations.length).toBe(16);
    const covered = cases.map((c) => c.name);
    for (const operation of operations) expect(covered, operation).toContain(operation);
  });
});
