import { expect } from 'vitest';
import { createTestHarness } from '../../test/harness.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type { Conversation, Summary } from '../../../shared/schemas/conversations.ts';
import type { CreateWhatMattersInput, WhatMatters } from '../../../shared/schemas/what-matters.ts';

export const roles = [
  'engineer',
  'manager',
  'otherManager',
  'leader',
  'peer',
  'admin',
  'anonymous',
] as const;
export type Role = (typeof roles)[number];

/** A harness whose sessions outlive the months these tests move the clock through. */
export function createConversationHarness(): Promise<TestHarness> {
  return createTestHarness({ config: { sessionIdleMinutes: 525_600, sessionMaxHours: 8760 } });
}

/**
 * The cast for the authorization tests: a leader above two managers; the engineer and a peer
 * report to `manager`; `otherManager` manages someone else; an admin outside the line.
 */
export async function buildCast(t: TestHarness) {
  await t.buildOrganization();
  const leader = await t.buildPerson({ name: 'Lena Leader' });
  const manager = await t.buildPerson({
    name: 'Mina Manager',
    managerId: leader.id,
    timezone: 'America/New_York',
  });
  const otherManager = await t.buildPerson({ name: 'Omar Other', managerId: leader.id });
  const engineer = await t.buildPerson({
    name: 'Eli Engineer',
    managerId: manager.id,
    timezone: 'Europe/London',
  });
  const peer = await t.buildPerson({ name: 'Pia Peer', managerId: manager.id });
  await t.buildPerson({ name: 'Otto Report', managerId: otherManager.id });
  const admin = await t.buildPerson({ name: 'Ada Admin', isAdmin: true });
  const people: Record<Exclude<Role, 'anonymous'>, TestPerson> = {
    engineer,
    manager,
    otherManager,
    leader,
    peer,
    admin,
  };
  const agents = {} as Record<Role, Agent>;
  for (const role of roles)
    agents[role] = role === 'anonymous' ? t.agent() : await t.agentFor(people[role]);
  return { people, agents };
}
export type Cast = Awaited<ReturnType<typeof buildCast>>;

export async function scheduleConversation(
  agent: Agent,
  engineerId: string,
  overrides: Record<string, unknown> = {},
): Promise<Conversation> {
  const response = await agent.post<Conversation>('/api/conversations', {
    engineerId,
    kind: 'quarterly',
    startsAt: '2026-03-10T14:00:00Z',
    place: 'Room 4',
    ...overrides,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export async function completeConversation(agent: Agent, id: string): Promise<void> {
  const response = await agent.post(`/api/conversations/${id}/completion`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

export async function sendSummary(agent: Agent, id: string): Promise<Summary> {
  const before = await agent.get<Summary>(`/api/conversations/${id}/summary`);
  const draft = await agent.put(`/api/conversations/${id}/summary/draft`, {
    goals: 'Lead the next design review.',
    baseVersion: before.body.draftVersion,
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  const sent = await agent.post<Summary>(`/api/conversations/${id}/summary/versions`);
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return sent.body;
}

export const validWhatMatters: CreateWhatMattersInput = {
  values: [
    { value: 'learning', rank: 1, points: 30, note: 'Growing is why I am here.' },
    { value: 'impact', rank: 2, points: 25, note: '' },
    { value: 'culture', rank: 3, points: 20, note: '' },
    { value: 'work_life_balance', rank: 4, points: 10, note: '' },
    { value: 'compensation', rank: 5, points: 10, note: '' },
    { value: 'promotion', rank: 6, points: 5, note: '' },
  ],
};

export async function createWhatMatters(
  agent: Agent,
  input: CreateWhatMattersInput = validWhatMatters,
): Promise<WhatMatters> {
  const response = await agent.post<WhatMatters>('/api/what-matters', input);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}
