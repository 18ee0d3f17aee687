import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type { CommitmentList, Contract } from '../../../shared/schemas/contracts.ts';
import type { ActionItem } from '../../../shared/schemas/conversations.ts';
import {
  createConversationHarness,
  scheduleConversation,
} from '../conversations/conversations.fixtures.ts';
import { activeContract } from './contracts.fixtures.ts';

/** "I owe" and "promised to me": open manager promises across reports, overdue first. */
describe('commitment lists', () => {
  let t: TestHarness;
  let manager: TestPerson;
  let asManager: Agent;
  let ana: { person: TestPerson; agent: Agent; contract: Contract };
  let ben: { person: TestPerson; agent: Agent; contract: Contract };

  async function report(name: string) {
    const person = await t.buildPerson({ name, managerId: manager.id });
    const agent = await t.agentFor(person);
    return { person, agent, contract: await activeContract(agent, asManager, person.id) };
  }
  async function commit(
    agent: Agent,
    contract: Contract,
    owner: string,
    text: string,
    dueOn: string,
  ) {
    const response = await agent.post<Contract>(`/api/contracts/${contract.id}/commitments`, {
      owner,
      text,
      dueOn,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.commitments.find((c) => c.text === text);
  }
  async function capture(engineerId: string, text: string, dueOn: string | null) {
    const conversation = await scheduleConversation(asManager, engineerId, { kind: 'event' });
    const response = await asManager.post<ActionItem>(
      `/api/conversations/${conversation.id}/action-items`,
      { owner: 'manager', text, dueOn },
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    manager = await t.buildPerson({ name: 'Mina Manager' });
    asManager = await t.agentFor(manager);
    ana = await report('Ana Arias');
    ben = await report('Ben Brook');
    await commit(asManager, ana.contract, 'manager', 'Book Ana on the design course', '2026-03-10');
    await commit(
      asManager,
      ben.contract,
      'manager',
      'Give Ben the on-call rotation lead',
      '2026-03-05',
    );
    await capture(ana.person.id, 'Share the promotion criteria with Ana', '2026-03-04');
    await capture(ben.person.id, 'Ask the platform lead about a mentor for Ben', null);
    await commit(ana.agent, ana.contract, 'engineer', 'Ana drafts the course plan', '2026-03-03');
    const done = await commit(
      asManager,
      ana.contract,
      'manager',
      'Already done for Ana',
      '2026-03-01',
    );
    expect((await asManager.patch(`/api/action-items/${done?.id}`, { isDone: true })).status).toBe(
      200,
    );
    t.clock.set('2026-03-06T09:00:00.000Z');
  });
  afterAll(() => t.close());

  it('lists what a manager owes across all reports, overdue first, then by due date', async () => {
    const owed = await asManager.get<CommitmentList>('/api/commitments?view=owed');
    expect(owed.status).toBe(200);
    expect(owed.body.items.map((c) => [c.text, c.dueOn, c.isOverdue, c.engineer.name])).toEqual([
      ['Share the promotion criteria with Ana', '2026-03-04', true, 'Ana Arias'],
      ['Give Ben the on-call rotation lead', '2026-03-05', true, 'Ben Brook'],
      ['Book Ana on the design course', '2026-03-10', false, 'Ana Arias'],
      ['Ask the platform lead about a mentor for Ben', null, false, 'Ben Brook'],
    ]);
    const [first, second] = owed.body.items;
    expect(first?.contractId).toBeNull();
    expect(second?.contractId).toBe(ben.contract.id);
  });

  it('lists what was promised to an engineer, overdue first, and nobody else’s', async () => {
    const promised = await ana.agent.get<CommitmentList>('/api/commitments?view=promised');
    expect(promised.body.items.map((c) => [c.text, c.isOverdue])).toEqual([
      ['Share the promotion criteria with Ana', true],
      ['Book Ana on the design course', false],
    ]);
    const bens = await ben.agent.get<CommitmentList>('/api/commitments?view=promised');
    expect(bens.body.items.map((c) => c.text)).toEqual([
      'Give Ben the on-call rotation lead',
      'Ask the platform lead about a mentor for Ben',
    ]);
    expect(JSON.stringify(bens.body)).not.toContain('Ana');
  });

  it('an engineer owes nothing as a manager; a stranger sees empty lists', async () => {
    expect((await ana.agent.get<CommitmentList>('/api/commitments?view=owed')).body.items).toEqual(
      [],
    );
    const stranger = await t.agentFor(await t.buildPerson({ name: 'Sam Stranger' }));
    for (const view of ['owed', 'promised'])
      expect(
        (await stranger.get<CommitmentList>(`/api/commitments?view=${view}`)).body.items,
      ).toEqual([]);
    const bad = await stranger.get('/api/commitments?view=everything');
    expect(bad).toMatchObject({ status: 400, body: { field: 'view' } });
  });

  it('links commitments to a goal of the current version only, with a due date', async () => {
    const goalId = ana.contract.versions[0]?.goals[1]?.id;
    const linked = await asManager.post<Contract>(`/api/contracts/${ana.contract.id}/commitments`, {
      owner: 'manager',
      text: 'Invite Ana to the architecture group',
      dueOn: '2026-04-01',
      goalId,
    });
    expect(linked.body.commitments.find((c) => c.goalId === goalId)?.text).toBe(
      'Invite Ana to the architecture group',
    );
    const noDate = await asManager.post(`/api/contracts/${ana.contract.id}/commitments`, {
      owner: 'manager',
      text: 'Someday',
    });
    expect(noDate).toMatchObject({ status: 400, body: { field: 'dueOn' } });
    const otherGoal = await asManager.post(`/api/contracts/${ana.contract.id}/commitments`, {
      owner: 'manager',
      text: 'Wrong goal',
      dueOn: '2026-04-01',
      goalId: ben.contract.versions[0]?.goals[0]?.id,
    });
    expect(otherGoal).toMatchObject({ status: 400, body: { field: 'goalId' } });
  });
});
