import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness, TestResponse } from '../../test/harness.ts';
import type { ActionItem, Conversation } from '../../../shared/schemas/conversations.ts';
import {
  buildCast,
  createConversationHarness,
  completeConversation,
  createWhatMatters,
  roles,
  scheduleConversation,
  sendSummary,
  validWhatMatters,
} from './conversations.fixtures.ts';
import type { Cast, Role } from './conversations.fixtures.ts';

/** What a case needs before its request: built fresh for every role so writes never interfere. */
interface Ctx {
  conversation: Conversation;
  actionItem?: ActionItem;
  whatMattersId?: string;
}

interface Case {
  name: string;
  setup?: (cast: Cast) => Promise<Partial<Ctx>>;
  request: (agent: Agent, ctx: Ctx, cast: Cast) => Promise<TestResponse>;
  expected: Record<Role, number>;
}

const everyone = (signedIn: number): Record<Role, number> => ({
  engineer: signedIn,
  manager: signedIn,
  otherManager: signedIn,
  leader: signedIn,
  peer: signedIn,
  admin: signedIn,
  anonymous: 401,
});
/** The pair may; everyone else does not even learn it exists. */
const pairOnly = (engineer: number, manager: number): Record<Role, number> => ({
  engineer,
  manager,
  otherManager: 404,
  leader: 404,
  peer: 404,
  admin: 404,
  anonymous: 401,
});
/** The pair may; leaders and admins see the metadata, so a write is 403 for them. */
const pairWritesMetadataVisible = (engineer: number, manager: number): Record<Role, number> => ({
  engineer,
  manager,
  otherManager: 404,
  leader: 403,
  peer: 404,
  admin: 403,
  anonymous: 401,
});

const completed = async (cast: Cast) => {
  const conversation = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
  await completeConversation(cast.agents.manager, conversation.id);
  return { conversation };
};
const withSentSummary = async (cast: Cast) => {
  const ctx = await completed(cast);
  await sendSummary(cast.agents.manager, ctx.conversation.id);
  return ctx;
};
const withDraftAnswer = async (cast: Cast) => {
  const conversation = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
  const saved = await cast.agents.engineer.put(
    `/api/conversations/${conversation.id}/prep/answers/p1`,
    { answer: 'It went well.' },
  );
  expect(saved.status).toBe(200);
  return { conversation };
};
const withActionItem = async (cast: Cast) => {
  const conversation = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
  const created = await cast.agents.manager.post<ActionItem>(
    `/api/conversations/${conversation.id}/action-items`,
    { owner: 'manager', text: 'Introduce Eli to the platform lead', dueOn: '2026-03-20' },
  );
  expect(created.status).toBe(201);
  return { conversation, actionItem: created.body };
};
const withWhatMatters = (isShared: boolean) => async (cast: Cast) => {
  const conversation = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
  const exercise = await createWhatMatters(cast.agents.engineer);
  if (isShared)
    expect(
      (await cast.agents.engineer.put(`/api/what-matters/${exercise.id}/share`, {})).status,
    ).toBe(200);
  return { conversation, whatMattersId: exercise.id };
};
const validBank = {
  engineerPrompts: [
    { key: 'a', text: 'What went well?' },
    { key: 'b', text: 'What was hard?' },
    { key: 'c', text: 'What next?' },
  ],
  managerGuide: [{ key: 'all', title: 'Everything', minutes: 30, prompts: ['Listen first.'] }],
};

const cases: Case[] = [
  {
    name: 'GET /conversation-kinds',
    request: (a) => a.get('/api/conversation-kinds'),
    expected: everyone(200),
  },
  {
    name: 'GET /listening-guide',
    request: (a) => a.get('/api/listening-guide'),
    expected: everyone(200),
  },
  {
    name: 'GET /question-banks/{kind}',
    request: (a) => a.get('/api/question-banks/quarterly'),
    expected: everyone(200),
  },
  {
    name: 'POST /question-banks/{kind}/versions',
    request: (a) => a.post('/api/question-banks/event/versions', validBank),
    expected: { ...everyone(403), admin: 201 },
  },
  {
    name: 'GET /conversations',
    request: (a) => a.get('/api/conversations'),
    expected: everyone(200),
  },
  {
    name: 'POST /conversations',
    request: (a, _ctx, cast) =>
      a.post('/api/conversations', {
        engineerId: cast.people.engineer.id,
        kind: 'initial',
        startsAt: '2026-03-12T10:00:00Z',
      }),
    expected: { ...everyone(403), engineer: 201, manager: 201 },
  },
  {
    name: 'GET /conversations/{id}',
    request: (a, ctx) => a.get(`/api/conversations/${ctx.conversation.id}`),
    expected: { ...pairOnly(200, 200), leader: 200, admin: 200 },
  },
  {
    name: 'PATCH /conversations/{id} (reschedule)',
    request: (a, ctx) =>
      a.patch(`/api/conversations/${ctx.conversation.id}`, {
        startsAt: '2026-03-11T15:00:00Z',
        reason: 'Clash with an incident review',
      }),
    expected: pairWritesMetadataVisible(200, 200),
  },
  {
    name: 'POST /conversations/{id}/confirmation',
    request: (a, ctx) => a.post(`/api/conversations/${ctx.conversation.id}/confirmation`),
    // The manager proposed it, so only the engineer confirms.
    expected: pairWritesMetadataVisible(200, 403),
  },
  {
    name: 'POST /conversations/{id}/cancellation',
    request: (a, ctx) =>
      a.post(`/api/conversations/${ctx.conversation.id}/cancellation`, { reason: 'Off sick' }),
    expected: pairWritesMetadataVisible(200, 200),
  },
  {
    name: 'POST /conversations/{id}/completion',
    request: (a, ctx) => a.post(`/api/conversations/${ctx.conversation.id}/completion`),
    expected: pairWritesMetadataVisible(200, 200),
  },
  {
    name: 'GET /conversations/{id}/prep',
    request: (a, ctx) => a.get(`/api/conversations/${ctx.conversation.id}/prep`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'PUT /conversations/{id}/prep/answers/{key}',
    request: (a, ctx) =>
      a.put(`/api/conversations/${ctx.conversation.id}/prep/answers/p2`, { answer: 'Tired.' }),
    expected: pairOnly(200, 403),
  },
  {
    name: 'POST /conversations/{id}/prep/shares',
    setup: withDraftAnswer,
    request: (a, ctx) =>
      a.post(`/api/conversations/${ctx.conversation.id}/prep/shares`, { all: true }),
    expected: pairOnly(200, 403),
  },
  {
    name: 'GET /conversations/{id}/manager-prep',
    request: (a, ctx) => a.get(`/api/conversations/${ctx.conversation.id}/manager-prep`),
    expected: pairOnly(404, 200),
  },
  {
    name: 'PATCH /conversations/{id}/manager-prep',
    request: (a, ctx) =>
      a.patch(`/api/conversations/${ctx.conversation.id}/manager-prep`, { hasReviewedWork: true }),
    expected: pairOnly(404, 200),
  },
  {
    name: 'GET /conversations/{id}/guide',
    request: (a, ctx) => a.get(`/api/conversations/${ctx.conversation.id}/guide`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'GET /conversations/{id}/shared-notes',
    request: (a, ctx) => a.get(`/api/conversations/${ctx.conversation.id}/shared-notes`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'PUT /conversations/{id}/shared-notes',
    request: (a, ctx) =>
      a.put(`/api/conversations/${ctx.conversation.id}/shared-notes`, {
        text: 'Notes',
        version: 0,
      }),
    expected: pairOnly(200, 200),
  },
  {
    name: 'GET /conversations/{id}/private-note',
    request: (a, ctx) => a.get(`/api/conversations/${ctx.conversation.id}/private-note`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'PUT /conversations/{id}/private-note',
    request: (a, ctx) =>
      a.put(`/api/conversations/${ctx.conversation.id}/private-note`, { body: 'Mine.' }),
    expected: pairOnly(200, 200),
  },
  {
    name: 'GET /people/{id}/private-note',
    request: (a, _ctx, cast) => a.get(`/api/people/${cast.people.engineer.id}/private-note`),
    expected: pairOnly(404, 200),
  },
  {
    name: 'PUT /people/{id}/private-note',
    request: (a, _ctx, cast) =>
      a.put(`/api/people/${cast.people.engineer.id}/private-note`, { body: 'About Eli.' }),
    expected: pairOnly(404, 200),
  },
  {
    name: 'GET /conversations/{id}/summary',
    request: (a, ctx) => a.get(`/api/conversations/${ctx.conversation.id}/summary`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'PUT /conversations/{id}/summary/draft',
    setup: completed,
    request: async (a, ctx) => {
      const url = `/api/conversations/${ctx.conversation.id}/summary`;
      const baseVersion = (await a.get<{ draftVersion?: number }>(url)).body.draftVersion;
      return a.put(`${url}/draft`, { goals: 'Ship it.', baseVersion });
    },
    expected: pairOnly(403, 200),
  },
  {
    name: 'POST /conversations/{id}/summary/versions',
    setup: completed,
    request: (a, ctx) => a.post(`/api/conversations/${ctx.conversation.id}/summary/versions`),
    expected: pairOnly(403, 201),
  },
  {
    name: 'POST /conversations/{id}/summary/responses',
    setup: withSentSummary,
    request: (a, ctx) =>
      a.post(`/api/conversations/${ctx.conversation.id}/summary/responses`, {
        kind: 'acknowledged',
      }),
    expected: pairOnly(201, 403),
  },
  {
    name: 'GET /action-items',
    request: (a) => a.get('/api/action-items'),
    expected: everyone(200),
  },
  {
    name: 'POST /conversations/{id}/action-items',
    request: (a, ctx) =>
      a.post(`/api/conversations/${ctx.conversation.id}/action-items`, {
        owner: 'engineer',
        text: 'Write the design doc',
      }),
    expected: pairOnly(201, 201),
  },
  {
    name: 'GET /action-items/{id}',
    setup: withActionItem,
    request: (a, ctx) => a.get(`/api/action-items/${ctx.actionItem?.id}`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'PATCH /action-items/{id}',
    setup: withActionItem,
    request: (a, ctx) => a.patch(`/api/action-items/${ctx.actionItem?.id}`, { isDone: true }),
    expected: pairOnly(200, 200),
  },
  {
    name: 'GET /people/{id}/what-matters',
    request: (a, _ctx, cast) => a.get(`/api/people/${cast.people.engineer.id}/what-matters`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'POST /what-matters (for oneself)',
    request: (a) => a.post('/api/what-matters', validWhatMatters),
    expected: everyone(201),
  },
  {
    name: 'GET /what-matters/{id} (not shared)',
    setup: withWhatMatters(false),
    request: (a, ctx) => a.get(`/api/what-matters/${ctx.whatMattersId}`),
    expected: pairOnly(200, 404),
  },
  {
    name: 'GET /what-matters/{id} (shared)',
    setup: withWhatMatters(true),
    request: (a, ctx) => a.get(`/api/what-matters/${ctx.whatMattersId}`),
    expected: pairOnly(200, 200),
  },
  {
    name: 'PUT /what-matters/{id}/share',
    setup: withWhatMatters(false),
    request: (a, ctx) => a.put(`/api/what-matters/${ctx.whatMattersId}/share`, {}),
    expected: pairOnly(200, 404),
  },
  {
    name: 'DELETE /what-matters/{id}/share',
    setup: withWhatMatters(true),
    request: (a, ctx) => a.delete(`/api/what-matters/${ctx.whatMattersId}/share`),
    expected: pairOnly(200, 403),
  },
  {
    name: 'GET /people/{id}/timeline',
    request: (a, _ctx, cast) => a.get(`/api/people/${cast.people.engineer.id}/timeline`),
    expected: pairOnly(200, 200),
  },
];

describe('conversations: every endpoint × every role', () => {
  let t: TestHarness;
  let cast: Cast;
  beforeAll(async () => {
    t = await createConversationHarness();
    cast = await buildCast(t);
  });
  afterAll(() => t.close());

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const outcomes: Partial<Record<Role, number>> = {};
      for (const role of roles) {
        const conversation = await scheduleConversation(
          cast.agents.manager,
          cast.people.engineer.id,
        );
        const ctx: Ctx = { conversation, ...(testCase.setup ? await testCase.setup(cast) : {}) };
        const response = await testCase.request(cast.agents[role], ctx, cast);
        outcomes[role] = response.status;
        if (response.status >= 400)
          expect(response.body, `${role}: error body`).toMatchObject({ error: expect.any(String) });
      }
      expect(outcomes).toEqual(testCase.expected);
    });
  }

  it('covers every conversation-related operation in the OpenAPI document', async () => {
    const doc = await cast.agents.admin.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    const mine =
      /^\/api\/(conversation|conversations|question-banks|listening-guide|action-items|what-matters)\b|^\/api\/people\/\{id\}\/(private-note|what-matters|timeline)$/;
    const operations = Object.entries(doc.body.paths)
      .filter(([path]) => mine.test(path))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace('/api', '')}`),
      );
    expect(operations.length).toBeGreaterThanOrEqual(36);
    const covered = cases.map((c) => c.name.split(' (')[0]);
    for (const operation of operations) expect(covered, operation).toContain(operation);
  });
});
