import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type { Contract, ContractMetaList } from '../../../shared/schemas/contracts.ts';
import type { Conversation, ManagerPrep } from '../../../shared/schemas/conversations.ts';
import {
  completeConversation,
  createConversationHarness,
  scheduleConversation,
} from '../conversations/conversations.fixtures.ts';
import { listContractSummaries } from './contract-summaries.ts';
import { activeContract, agree, createContract, validContract } from './contracts.fixtures.ts';

describe('development contracts', () => {
  let t: TestHarness;
  let manager: TestPerson;
  let asManager: Agent;
  /** Each test gets its own engineer so contracts never interfere. */
  async function newEngineer(name = 'Eli Engineer') {
    const person = await t.buildPerson({ name, managerId: manager.id });
    return { person, agent: await t.agentFor(person) };
  }

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    manager = await t.buildPerson({ name: 'Mina Manager' });
    asManager = await t.agentFor(manager);
  });
  afterAll(() => t.close());

  describe('validation', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'a development goal of two sentences',
        { developmentGoal: 'Lead design. Also mentor juniors.' },
        'developmentGoal',
        /one sentence/,
      ],
      [
        'a development goal over two lines',
        { developmentGoal: 'Lead design\nand mentor' },
        'developmentGoal',
        /one sentence/,
      ],
      [
        'an empty caveat without "none known"',
        { caveat: '', isCaveatNoneKnown: false },
        'caveat',
        /none known/,
      ],
      [
        'a caveat and "none known" together',
        { caveat: 'Budget.', isCaveatNoneKnown: true },
        'caveat',
        /must be empty/,
      ],
      ['no review cadence', { reviewCadence: undefined }, 'reviewCadence', /required/],
      ['no next review date', { nextReviewOn: undefined }, 'nextReviewOn', /date/],
      [
        'a next review date in the past',
        { nextReviewOn: '2026-03-01' },
        'nextReviewOn',
        /after today/,
      ],
      ['one goal', { goals: [validContract().goals[0]] }, 'goals', /2 or 3 goals/],
      [
        'four goals',
        { goals: [...validContract().goals, ...validContract().goals] },
        'goals',
        /2 or 3 goals/,
      ],
      [
        'a vague engineer commitment',
        { engineerCommitment: 'Try harder.' },
        'engineerCommitment',
        /specific actions/,
      ],
      [
        'transition support without saying what is not here',
        { transitionSupport: 'Introductions to two companies.' },
        'notHere',
        /not available here/,
      ],
      [
        'a goal without a due date',
        { goals: [{ ...validContract().goals[0], dueOn: undefined }, validContract().goals[1]] },
        'goals.0.dueOn',
        /date/,
      ],
    ];
    for (const [name, change, field, message] of cases) {
      it(`refuses ${name} with a message naming ${field}`, async () => {
        const { person } = await newEngineer();
        const response = await asManager.post(`/api/people/${person.id}/contracts`, {
          ...validContract(),
          ...change,
        });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ error: 'validation', field });
        expect((response.body as { message: string }).message).toMatch(message);
        const list = await asManager.get<ContractMetaList>(`/api/people/${person.id}/contracts`);
        expect(list.body.items).toEqual([]);
      });
    }

    it('accepts "none known" as an explicit caveat', async () => {
      const { person } = await newEngineer();
      const created = await createContract(asManager, person.id, {
        caveat: '',
        isCaveatNoneKnown: true,
      });
      expect(created.versions[0]).toMatchObject({ caveat: '', isCaveatNoneKnown: true });
    });

    it('records what is not available here with transition support', async () => {
      const { person } = await newEngineer();
      const created = await createContract(asManager, person.id, {
        notHere: 'A research role: we do not have one.',
        transitionSupport: 'Time for a course and an introduction to a research lab.',
      });
      expect(created.versions[0]).toMatchObject({
        notHere: 'A research role: we do not have one.',
        transitionSupport: 'Time for a course and an introduction to a research lab.',
      });
    });
  });

  describe('versions and agreement', () => {
    it('a draft becomes active once both sides agree; each side has its own timestamp', async () => {
      const { person, agent } = await newEngineer();
      const created = await createContract(asManager, person.id);
      expect(created).toMatchObject({ status: 'draft', version: 1, agreedVersion: null });
      const engineerAgreedAt = t.clock.now().toISOString();
      const once = await agree(agent, created);
      expect(once.status).toBe('draft');
      expect(once.versions[0]).toMatchObject({ engineerAgreedAt, managerAgreedAt: null });
      t.clock.advance(60_000);
      const both = await agree(asManager, created);
      expect(both).toMatchObject({ status: 'active', agreedVersion: 1 });
      expect(both.versions[0]).toMatchObject({
        engineerAgreedAt,
        managerAgreedAt: t.clock.now().toISOString(),
        managerAgreedBy: { id: manager.id },
        isAgreed: true,
      });
      expect(both.activeSince).toBe(t.clock.now().toISOString());
    });

    it('a change after agreement is a new version that both must agree to again', async () => {
      const { person, agent } = await newEngineer();
      const active = await activeContract(agent, asManager, person.id);
      const saved = await agent.put<Contract>(`/api/contracts/${active.id}`, {
        ...validContract({ evidenceOfSuccess: 'Two teams use the service in production.' }),
        changeNote: 'Sharper evidence',
        baseVersion: 1,
      });
      expect(saved.status).toBe(200);
      expect(saved.headers.get('etag')).toBe('"2"');
      expect(saved.body).toMatchObject({ status: 'active', version: 2, agreedVersion: 1 });
      expect(saved.body.versions.map((v) => v.version)).toEqual([1, 2]);
      expect(saved.body.versions[1]).toMatchObject({
        engineerAgreedAt: null,
        managerAgreedAt: null,
        isAgreed: false,
        changeNote: 'Sharper evidence',
        savedBy: { id: person.id },
      });
      // The first version is kept as it was, agreements included.
      expect(saved.body.versions[0]).toMatchObject({
        isAgreed: true,
        evidenceOfSuccess: validContract().evidenceOfSuccess,
      });
      await agree(agent, saved.body);
      const again = await agree(asManager, saved.body);
      expect(again.agreedVersion).toBe(2);
    });

    it('keeps goal ids across versions so commitments stay linked', async () => {
      const { person } = await newEngineer();
      const created = await createContract(asManager, person.id);
      const goals = created.versions[0]?.goals ?? [];
      const saved = await asManager.put<Contract>(`/api/contracts/${created.id}`, {
        ...validContract(),
        goals: [
          { ...validContract().goals[0], id: goals[0]?.id, dueOn: '2026-05-15' },
          { ...validContract().goals[1], id: goals[1]?.id },
          {
            description: 'Mentor a new joiner',
            successCriteria: 'They ship on their own',
            supportNeeded: 'A new joiner on the team',
            dueOn: '2026-08-31',
          },
        ],
        baseVersion: 1,
      });
      expect(saved.status).toBe(200);
      const next = saved.body.versions[1]?.goals ?? [];
      expect(next.map((g) => g.id).slice(0, 2)).toEqual(goals.map((g) => g.id));
      expect(next[2]?.id).toEqual(expect.any(String));
      const unknown = await asManager.put(`/api/contracts/${created.id}`, {
        ...validContract(),
        goals: [
          { ...validContract().goals[0], id: '00000000-0000-4000-8000-000000000000' },
          validContract().goals[1],
        ],
        baseVersion: 2,
      });
      expect(unknown).toMatchObject({ status: 400, body: { field: 'goals.0.id' } });
    });

    it('refuses a stale save with the current version, and a save without a version with 428', async () => {
      const { person, agent } = await newEngineer();
      const created = await createContract(asManager, person.id);
      const first = await asManager.put<Contract>(`/api/contracts/${created.id}`, {
        ...validContract({ managerCommitment: 'Assign the billing redesign.' }),
        baseVersion: 1,
      });
      expect(first.status).toBe(200);
      const stale = await agent.put<{ error: string; field: string; current: Contract }>(
        `/api/contracts/${created.id}`,
        { ...validContract({ engineerCommitment: 'Write the proposal by May.' }), baseVersion: 1 },
      );
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ error: 'stale_version', field: 'baseVersion' });
      expect(stale.body.current).toMatchObject({ version: 2 });
      expect(stale.body.current.versions[1]?.managerCommitment).toBe(
        'Assign the billing redesign.',
      );
      const missing = await agent.put(`/api/contracts/${created.id}`, validContract());
      expect(missing).toMatchObject({ status: 428, body: { error: 'precondition_required' } });
      const viaHeader = await agent.request<Contract>(
        'PUT',
        `/api/contracts/${created.id}`,
        validContract({ engineerCommitment: 'Write the proposal by May.' }),
        { 'if-match': '"2"' },
      );
      expect(viaHeader.status).toBe(200);
      expect(viaHeader.body.version).toBe(3);
    });

    it('saving unchanged content adds no version and keeps the agreement', async () => {
      const { person, agent } = await newEngineer();
      const active = await activeContract(agent, asManager, person.id);
      const goals = active.versions[0]?.goals ?? [];
      const same = await agent.put<Contract>(`/api/contracts/${active.id}`, {
        ...validContract(),
        goals: validContract().goals.map((g, i) => ({ ...g, id: goals[i]?.id })),
        baseVersion: 1,
      });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ version: 1, agreedVersion: 1 });
    });

    it('agreeing to a version that is no longer current is stale (409)', async () => {
      const { person, agent } = await newEngineer();
      const created = await createContract(asManager, person.id);
      await asManager.put(`/api/contracts/${created.id}`, {
        ...validContract({ managerCommitment: 'Something new.' }),
        baseVersion: 1,
      });
      const old = await agent.post(`/api/contracts/${created.id}/agreements`, { version: 1 });
      expect(old).toMatchObject({
        status: 409,
        body: { error: 'stale_version', field: 'version' },
      });
    });

    it('keeps one draft at a time; a newly agreed contract supersedes the one in force', async () => {
      const { person, agent } = await newEngineer();
      const first = await activeContract(agent, asManager, person.id);
      t.clock.advance(60_000);
      const second = await createContract(asManager, person.id, {
        developmentGoal: 'Grow into a staff role.',
      });
      const third = await asManager.post(`/api/people/${person.id}/contracts`, validContract());
      expect(third).toMatchObject({ status: 409, body: { error: 'draft_exists' } });
      await agree(agent, second);
      const active = await agree(asManager, second);
      expect(active.status).toBe('active');
      const list = await agent.get<ContractMetaList>(`/api/people/${person.id}/contracts`);
      expect(list.body.items.map((c) => [c.id, c.status])).toEqual([
        [second.id, 'active'],
        [first.id, 'superseded'],
      ]);
    });
  });

  describe('check-ins, outcome and reviews', () => {
    it('takes a monthly check-in while active and says when the next is due', async () => {
      const { person, agent } = await newEngineer();
      const draft = await createContract(asManager, person.id);
      const early = await agent.post(`/api/contracts/${draft.id}/check-ins`, {
        status: 'on_track',
        note: 'Started.',
      });
      expect(early.status).toBe(403);
      const active = await activeContract(agent, asManager, person.id).catch(() => null);
      expect(active).toBeNull(); // a draft already exists: the fixture cannot start another
      await agree(agent, draft);
      const agreed = await agree(asManager, draft);
      expect(agreed.checkInDueOn).toBe('2026-04-01');
      const bad = await agent.post(`/api/contracts/${draft.id}/check-ins`, {
        status: 'fine',
        note: '',
      });
      expect(bad).toMatchObject({ status: 400, body: { field: 'status' } });
      const checkIn = await agent.post<Contract>(`/api/contracts/${draft.id}/check-ins`, {
        status: 'at_risk',
        note: 'The billing project slipped a month.',
      });
      expect(checkIn.status).toBe(201);
      expect(checkIn.body.checkIns[0]).toMatchObject({
        status: 'at_risk',
        note: 'The billing project slipped a month.',
        author: { id: person.id },
      });
      expect(checkIn.body.lastCheckInAt).toBe(t.clock.now().toISOString());
      t.clock.advance(40 * 24 * 3600 * 1000);
      const later = await agent.get<Contract>(`/api/contracts/${draft.id}`);
      expect(later.body.isCheckInOverdue).toBe(true);
      t.clock.advance(-40 * 24 * 3600 * 1000);
    });

    it('pauses, resumes and completes with an outcome note; a closed contract is read-only', async () => {
      const { person, agent } = await newEngineer();
      const active = await activeContract(agent, asManager, person.id);
      const noNote = await agent.post(`/api/contracts/${active.id}/outcomes`, {
        status: 'completed',
      });
      expect(noNote).toMatchObject({ status: 400, body: { field: 'note' } });
      const paused = await agent.post<Contract>(`/api/contracts/${active.id}/outcomes`, {
        status: 'paused',
        note: 'Parental leave until June.',
      });
      expect(paused.body).toMatchObject({
        status: 'paused',
        outcomeNote: 'Parental leave until June.',
      });
      const resumed = await asManager.post<Contract>(`/api/contracts/${active.id}/outcomes`, {
        status: 'active',
      });
      expect(resumed.body.status).toBe('active');
      const done = await asManager.post<Contract>(`/api/contracts/${active.id}/outcomes`, {
        status: 'completed',
        note: 'Proposal accepted; the service is live.',
      });
      expect(done.body).toMatchObject({ status: 'completed', outcomeBy: { id: manager.id } });
      expect(done.body.closedAt).toBe(t.clock.now().toISOString());
      const edit = await agent.put(`/api/contracts/${active.id}`, {
        ...validContract(),
        baseVersion: 1,
      });
      expect(edit.status).toBe(403);
      const reopen = await agent.post(`/api/contracts/${active.id}/outcomes`, { status: 'active' });
      expect(reopen.status).toBe(403);
    });

    it('a draft cannot be completed, only set aside', async () => {
      const { person } = await newEngineer();
      const draft = await createContract(asManager, person.id);
      const done = await asManager.post(`/api/contracts/${draft.id}/outcomes`, {
        status: 'completed',
        note: 'Done.',
      });
      expect(done).toMatchObject({ status: 400, body: { field: 'status' } });
      const aside = await asManager.post<Contract>(`/api/contracts/${draft.id}/outcomes`, {
        status: 'superseded',
        note: 'We will start again after the reorganisation.',
      });
      expect(aside.body.status).toBe('superseded');
    });

    it('is written from a close-the-gap conversation; quarterlies link to it and count as reviews', async () => {
      const { person, agent } = await newEngineer();
      const closeGap = await scheduleConversation(asManager, person.id, { kind: 'close_gap' });
      const created = await createContract(asManager, person.id, {
        sourceConversationId: closeGap.id,
      });
      expect(created.sourceConversationId).toBe(closeGap.id);
      expect(created.linkedConversations.map((c) => c.id)).toEqual([closeGap.id]);
      const viaConversation = await asManager.get<Conversation>(
        `/api/conversations/${closeGap.id}`,
      );
      expect(viaConversation.body.contractId).toBe(created.id);
      await agree(agent, created);
      await agree(asManager, created);
      const quarterly = await scheduleConversation(asManager, person.id, {
        kind: 'quarterly',
        startsAt: '2026-03-20T10:00:00Z',
      });
      expect(quarterly.contractId).toBe(created.id);
      t.clock.advance(3600_000);
      await completeConversation(asManager, quarterly.id);
      const reviewed = await agent.get<Contract>(`/api/contracts/${created.id}`);
      expect(reviewed.body.lastReviewedAt).toBe(t.clock.now().toISOString());
      expect(reviewed.body.linkedConversations.map((c) => c.id)).toContain(quarterly.id);
      const next = await scheduleConversation(asManager, person.id, {
        kind: 'quarterly',
        startsAt: '2026-06-01T10:00:00Z',
      });
      const prep = await asManager.get<ManagerPrep>(`/api/conversations/${next.id}/manager-prep`);
      expect(prep.status).toBe(200);
      expect(prep.body.context.contract).toMatchObject({
        id: created.id,
        status: 'active',
        developmentGoal: validContract().developmentGoal,
        nextReviewOn: '2026-06-01',
      });
      expect(prep.body.context.contract?.goals).toHaveLength(2);
    });

    it('refuses a source conversation that is not this pair’s', async () => {
      const { person } = await newEngineer();
      const { person: other } = await newEngineer('Other Engineer');
      const theirs = await scheduleConversation(asManager, other.id, { kind: 'close_gap' });
      const response = await asManager.post(`/api/people/${person.id}/contracts`, {
        ...validContract(),
        sourceConversationId: theirs.id,
      });
      expect(response).toMatchObject({ status: 400, body: { field: 'sourceConversationId' } });
    });
  });

  describe('C1 summaries for cadence and dashboards', () => {
    it('lists the current contract per engineer with dates only', async () => {
      const { person, agent } = await newEngineer();
      const active = await activeContract(agent, asManager, person.id);
      await agent.post(`/api/contracts/${active.id}/check-ins`, {
        status: 'on_track',
        note: 'Fine.',
      });
      await createContract(asManager, person.id, { developmentGoal: 'Next plan.' });
      const { person: none } = await newEngineer('No Contract');
      const summaries = await listContractSummaries(t.db, [person.id, none.id]);
      expect(summaries).toEqual([
        {
          engineerId: person.id,
          contractId: active.id,
          status: 'active',
          activeSince: active.activeSince,
          nextReviewOn: '2026-06-01',
          lastReviewedAt: active.activeSince,
          lastCheckInAt: t.clock.now().toISOString(),
          lastReferencedAt: t.clock.now().toISOString(),
        },
      ]);
      expect(JSON.stringify(summaries)).not.toContain('design');
    });
  });
});
