import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness, TestResponse } from '../../test/harness.ts';
import type { ActionItem, Conversation } from '../../../shared/schemas/conversations.ts';
import {
  buildCast,
  completeConversation,
  createConversationHarness,
  scheduleConversation,
  sendSummary,
} from './conversations.fixtures.ts';

/**
 * After a manager change: the former manager keeps read access to the conversation they held
 * (writes 403), the new manager sees its metadata only (content 404).
 */
describe('conversations after a manager change', () => {
  let t: TestHarness;
  let former: Agent;
  let successor: Agent;
  let engineerId = '';
  let conversation: Conversation;
  let item: ActionItem;

  beforeAll(async () => {
    t = await createConversationHarness();
    const cast = await buildCast(t);
    const engineer = await t.buildPerson({
      name: 'Hana Handover',
      managerId: cast.people.manager.id,
    });
    engineerId = engineer.id;
    former = cast.agents.manager;
    const engineerAgent = await t.agentFor(engineer);
    conversation = await scheduleConversation(former, engineer.id);
    await engineerAgent.put(`/api/conversations/${conversation.id}/prep/answers/p1`, {
      answer: 'x',
    });
    await engineerAgent.post(`/api/conversations/${conversation.id}/prep/shares`, { all: true });
    await former.patch(`/api/conversations/${conversation.id}/manager-prep`, {
      hasReviewedWork: true,
    });
    await former.put(`/api/conversations/${conversation.id}/private-note`, { body: 'mine' });
    await former.put(`/api/people/${engineer.id}/private-note`, { body: 'about Hana' });
    item = (
      await former.post<ActionItem>(`/api/conversations/${conversation.id}/action-items`, {
        owner: 'manager',
        text: 'Intro to the data team',
      })
    ).body;
    await completeConversation(former, conversation.id);
    await sendSummary(former, conversation.id);
    const next = await t.buildPerson({ name: 'Noor Next', managerId: cast.people.leader.id });
    successor = await t.agentFor(next);
    const moved = await cast.agents.admin.post('/api/reporting-lines', {
      reportId: engineer.id,
      managerId: next.id,
      startsOn: t.clock.now().toISOString().slice(0, 10),
    });
    expect(moved.status).toBe(201);
  });
  afterAll(() => t.close());

  const c = () => `/api/conversations/${conversation.id}`;
  const cases: [string, (a: Agent) => Promise<TestResponse>, number, number][] = [
    ['GET conversation', (a) => a.get(c()), 200, 200],
    ['PATCH conversation', (a) => a.patch(c(), { agenda: 'late' }), 403, 403],
    ['POST completion', (a) => a.post(`${c()}/completion`), 403, 403],
    ['GET prep', (a) => a.get(`${c()}/prep`), 200, 404],
    ['PUT prep answer', (a) => a.put(`${c()}/prep/answers/p2`, { answer: 'y' }), 403, 404],
    ['GET manager-prep', (a) => a.get(`${c()}/manager-prep`), 200, 404],
    [
      'PATCH manager-prep',
      (a) => a.patch(`${c()}/manager-prep`, { hasTalkingPoints: true }),
      403,
      404,
    ],
    ['GET guide', (a) => a.get(`${c()}/guide`), 200, 404],
    ['GET shared-notes', (a) => a.get(`${c()}/shared-notes`), 200, 404],
    ['PUT shared-notes', (a) => a.put(`${c()}/shared-notes`, { text: 'z', version: 0 }), 403, 404],
    ['GET private-note', (a) => a.get(`${c()}/private-note`), 200, 404],
    ['GET person private-note', (a) => a.get(`/api/people/${engineerId}/private-note`), 200, 200],
    [
      'PUT person private-note',
      (a) => a.put(`/api/people/${engineerId}/private-note`, { body: 'b' }),
      403,
      200,
    ],
    ['GET summary', (a) => a.get(`${c()}/summary`), 200, 404],
    ['POST summary version', (a) => a.post(`${c()}/summary/versions`), 403, 404],
    [
      'POST action item',
      (a) => a.post(`${c()}/action-items`, { owner: 'engineer', text: 't' }),
      403,
      404,
    ],
    ['GET action item', (a) => a.get(`/api/action-items/${item.id}`), 200, 404],
    [
      'PATCH action item',
      (a) => a.patch(`/api/action-items/${item.id}`, { isDone: true }),
      403,
      404,
    ],
    ['GET What Matters list', (a) => a.get(`/api/people/${engineerId}/what-matters`), 404, 200],
    ['GET timeline', (a) => a.get(`/api/people/${engineerId}/timeline`), 404, 200],
  ];

  for (const [name, request, formerStatus, successorStatus] of cases) {
    it(`${name}: former manager ${formerStatus}, new manager ${successorStatus}`, async () => {
      expect((await request(former)).status).toBe(formerStatus);
      expect((await request(successor)).status).toBe(successorStatus);
    });
  }

  it('shows the new manager the old conversation as metadata only, and their own notes start empty', async () => {
    const seen = await successor.get<Conversation>(c());
    expect(seen.body).toMatchObject({ access: 'metadata', agenda: null, place: null });
    const note = await successor.get<{ body: string }>(`/api/people/${engineerId}/private-note`);
    expect(note.body.body).not.toContain('about Hana');
    const formerNote = await former.get<{ body: string }>(`/api/people/${engineerId}/private-note`);
    expect(formerNote.body.body).toBe('about Hana');
  });
});
