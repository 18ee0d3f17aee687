import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type {
  Commitment,
  CommitmentList,
  Contract,
  Handover,
  HandoverList,
} from '../../../shared/schemas/contracts.ts';
import { changeManager } from '../people/people.service.ts';
import { createConversationHarness } from '../conversations/conversations.fixtures.ts';
import { activeContract, validContract } from './contracts.fixtures.ts';

const DAY = 24 * 3600 * 1000;

/**
 * A manager change: the contract follows the engineer, the outgoing manager loses access on the
 * change date, writes a handover note the engineer reads first, and open promises wait for the
 * new manager to take them over.
 */
describe('development contracts: manager change', () => {
  let t: TestHarness;
  let oldManager: TestPerson;
  let newManager: TestPerson;
  let asOld: Agent;
  let asNew: Agent;

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    oldManager = await t.buildPerson({ name: 'Olga Outgoing' });
    newManager = await t.buildPerson({ name: 'Nils Incoming' });
    asOld = await t.agentFor(oldManager);
    asNew = await t.agentFor(newManager);
  });
  afterAll(() => t.close());

  /** An engineer with an active contract, one promise on each side, and a change on `changeOn`. */
  async function scenario(changeOn: string) {
    t.clock.set('2026-03-02T09:00:00.000Z');
    const engineer = await t.buildPerson({
      name: 'Eli Engineer',
      managerId: oldManager.id,
      managerSince: '2025-06-01',
    });
    const asEngineer = await t.agentFor(engineer);
    const contract = await activeContract(asEngineer, asOld, engineer.id);
    const goalId = contract.versions[0]?.goals[0]?.id;
    await asOld.post(`/api/contracts/${contract.id}/commitments`, {
      owner: 'manager',
      text: 'Introduce Eli to the architecture group',
      dueOn: '2026-03-20',
      goalId,
    });
    const withBoth = await asEngineer.post<Contract>(`/api/contracts/${contract.id}/commitments`, {
      owner: 'engineer',
      text: 'Draft the billing proposal',
      dueOn: '2026-04-10',
      goalId,
    });
    const promise = withBoth.body.commitments.find((c) => c.owner === 'manager') as Commitment;
    expect(promise.goalId).toBe(goalId);
    await changeManager(t.db, {
      reportId: engineer.id,
      managerId: newManager.id,
      startsOn: changeOn,
      createdBy: null,
      createdAt: t.clock.now().toISOString(),
    });
    return { engineer, asEngineer, contract, promise };
  }

  async function handoverFor(agent: Agent, engineerId: string): Promise<Handover | undefined> {
    const list = await agent.get<HandoverList>('/api/contract-handovers');
    expect(list.status).toBe(200);
    return list.body.items.find((h) => h.engineer.id === engineerId);
  }

  it('the outgoing manager loses access on the change date and the new one gains it', async () => {
    const { engineer, contract, promise } = await scenario('2026-03-09');
    expect((await asOld.get(`/api/contracts/${contract.id}`)).status).toBe(200);
    expect((await asNew.get(`/api/contracts/${contract.id}`)).status).toBe(404);
    t.clock.set('2026-03-08T23:59:59.000Z');
    expect((await asOld.get(`/api/contracts/${contract.id}`)).status).toBe(200);
    t.clock.set('2026-03-09T00:00:00.000Z');
    const denied = await asOld.get(`/api/contracts/${contract.id}`);
    expect(denied.status).toBe(404);
    expect((await asOld.get(`/api/action-items/${promise.id}`)).status).toBe(404);
    expect((await asOld.get(`/api/people/${engineer.id}/contracts`)).status).toBe(404);
    const gained = await asNew.get<Contract>(`/api/contracts/${contract.id}`);
    expect(gained.status).toBe(200);
    expect(gained.body.currentManager).toEqual({ id: newManager.id, name: newManager.name });
    // Nothing of the contract reaches the outgoing manager any more.
    const oldViews = [
      denied.body,
      (await asOld.get('/api/commitments?view=owed')).body,
      (await asOld.get('/api/action-items')).body,
    ];
    for (const body of oldViews) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(validContract().developmentGoal);
      expect(text).not.toContain('architecture group');
      expect(text).not.toContain('billing proposal');
    }
  });

  it('flags open manager commitments for the new manager to take over or renegotiate', async () => {
    const { engineer, asEngineer, contract, promise } = await scenario('2026-03-09');
    t.clock.set('2026-03-10T09:00:00.000Z');
    const owed = await asNew.get<CommitmentList>('/api/commitments?view=owed');
    const flagged = owed.body.items.find((c) => c.id === promise.id);
    expect(flagged).toMatchObject({
      isAwaitingTakeOver: true,
      manager: { id: oldManager.id },
      abilities: { takeOver: true, update: false },
    });
    const promised = await asEngineer.get<CommitmentList>('/api/commitments?view=promised');
    expect(promised.body.items.find((c) => c.id === promise.id)).toMatchObject({
      isAwaitingTakeOver: true,
      abilities: { takeOver: false },
    });
    // The engineer's own commitment follows the contract: the new manager sees it too.
    const seen = await asNew.get<Contract>(`/api/contracts/${contract.id}`);
    expect(seen.body.commitments.map((c) => c.text).sort()).toEqual([
      'Draft the billing proposal',
      'Introduce Eli to the architecture group',
    ]);
    const tick = await asNew.patch(`/api/action-items/${promise.id}`, { isDone: true });
    expect(tick.status).toBe(403);
    const renegotiated = await asNew.post<Commitment>(`/api/commitments/${promise.id}/takeover`, {
      text: 'Introduce Eli to the platform architecture group',
      dueOn: '2026-04-03',
    });
    expect(renegotiated.status).toBe(200);
    expect(renegotiated.body).toMatchObject({
      manager: { id: newManager.id },
      handedOverFrom: { id: oldManager.id },
      handedOverAt: t.clock.now().toISOString(),
      isAwaitingTakeOver: false,
      text: 'Introduce Eli to the platform architecture group',
      dueOn: '2026-04-03',
      abilities: { update: true, takeOver: false },
    });
    const twice = await asNew.post(`/api/commitments/${promise.id}/takeover`, {});
    expect(twice).toMatchObject({ status: 409, body: { error: 'not_awaiting_takeover' } });
    const after = await asNew.get<CommitmentList>('/api/commitments?view=owed');
    expect(after.body.items.filter((c) => c.engineer.id === engineer.id)).toHaveLength(1);
    expect((await asNew.patch(`/api/action-items/${promise.id}`, { isDone: true })).status).toBe(
      200,
    );
  });

  it('shows the handover note to the engineer first and to the new manager a week later', async () => {
    const { engineer, asEngineer, contract } = await scenario('2026-03-09');
    t.clock.set('2026-03-09T10:00:00.000Z');
    const pending = await handoverFor(asOld, engineer.id);
    expect(pending).toMatchObject({
      fromManager: { id: oldManager.id },
      toManager: { id: newManager.id },
      changeOn: '2026-03-09',
      writtenAt: null,
      writableUntil: '2026-04-08',
      abilities: { write: true, release: false },
    });
    expect(await handoverFor(asEngineer, engineer.id)).toBeUndefined();
    const note = 'Eli is two weeks from finishing the billing proposal; keep the Thursday reviews.';
    const written = await asOld.put<Handover>(`/api/contract-handovers/${pending?.id}`, { note });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      note,
      writtenAt: t.clock.now().toISOString(),
      visibleToManagerFrom: '2026-03-16T10:00:00.000Z',
    });
    // The engineer sees it at once; opening the contract marks it seen.
    const mine = await asEngineer.get<Contract>(`/api/contracts/${contract.id}`);
    expect(mine.body.handovers).toHaveLength(1);
    expect(mine.body.handovers[0]).toMatchObject({ note, abilities: { release: true } });
    const seen = await handoverFor(asEngineer, engineer.id);
    expect(seen?.engineerSeenAt).toBe(t.clock.now().toISOString());
    // The new manager does not, for a week.
    const theirs = await asNew.get<Contract>(`/api/contracts/${contract.id}`);
    expect(theirs.body.handovers).toEqual([]);
    expect(JSON.stringify(theirs.body)).not.toContain('Thursday reviews');
    expect((await asNew.get(`/api/contract-handovers/${pending?.id}`)).status).toBe(404);
    expect(await handoverFor(asNew, engineer.id)).toBeUndefined();
    t.clock.set('2026-03-16T09:59:59.000Z');
    expect((await asNew.get(`/api/contract-handovers/${pending?.id}`)).status).toBe(404);
    t.clock.set('2026-03-16T10:00:00.000Z');
    const visible = await asNew.get<Handover>(`/api/contract-handovers/${pending?.id}`);
    expect(visible).toMatchObject({ status: 200, body: { note } });
    expect((await handoverFor(asNew, engineer.id))?.note).toBe(note);
    // Once the new manager can read it, the author can no longer change it.
    const late = await asOld.put(`/api/contract-handovers/${pending?.id}`, { note: 'Changed.' });
    expect(late.status).toBe(403);
  });

  it('the engineer may share the note with the new manager sooner', async () => {
    const { engineer, asEngineer, contract } = await scenario('2026-03-09');
    t.clock.set('2026-03-09T10:00:00.000Z');
    const pending = await handoverFor(asOld, engineer.id);
    const release = await asEngineer.post(`/api/contract-handovers/${pending?.id}/release`);
    expect(release.status).toBe(404); // nothing written yet, nothing to share
    await asOld.put(`/api/contract-handovers/${pending?.id}`, { note: 'Keep the reviews going.' });
    const shared = await asEngineer.post<Handover>(
      `/api/contract-handovers/${pending?.id}/release`,
    );
    expect(shared.body).toMatchObject({ releasedAt: t.clock.now().toISOString() });
    const theirs = await asNew.get<Contract>(`/api/contracts/${contract.id}`);
    expect(theirs.body.handovers[0]?.note).toBe('Keep the reviews going.');
  });

  it('the outgoing manager may write before the change and for 30 days after it, not later', async () => {
    const { engineer } = await scenario('2026-03-09');
    const pending = await handoverFor(asOld, engineer.id);
    const early = await asOld.put(`/api/contract-handovers/${pending?.id}`, { note: 'Early.' });
    expect(early.status).toBe(200);
    t.clock.set('2026-04-09T00:00:00.000Z');
    const late = await asOld.put(`/api/contract-handovers/${pending?.id}`, { note: 'Late.' });
    expect(late.status).toBe(403);
    const empty = await asOld.put(`/api/contract-handovers/${pending?.id}`, { note: '' });
    expect(empty.status).toBe(400);
  });

  /** The notices of one handover in the outbox: recipient, kind, subject and body. */
  async function handoverMail(handoverId: string | undefined) {
    return t.db
      .selectFrom('outbox_messages')
      .select(['recipient_id', 'kind', 'subject', 'text_body'])
      .where('dedupe_key', 'like', `handover:%:${handoverId ?? 'none'}:%`)
      .orderBy('created_at')
      .orderBy('kind', 'desc')
      .execute();
  }

  it('tells the engineer when the note is written and the new manager when they may read it, once each, with links only', async () => {
    const { engineer } = await scenario('2026-03-09');
    t.clock.set('2026-03-09T10:00:00.000Z');
    const pending = await handoverFor(asOld, engineer.id);
    const note = 'HANDOVER-CONTENT: the billing proposal needs one more review.';
    await asOld.put(`/api/contract-handovers/${pending?.id}`, { note });
    await t.services.reminders.tick();
    await t.services.reminders.tick();
    const written = await handoverMail(pending?.id);
    expect(written.map((m) => [m.kind, m.recipient_id])).toEqual([
      ['handover.written', engineer.id],
    ]);
    expect(written[0]?.subject).toBe(`${oldManager.name} left you a handover note`);
    expect(written[0]?.text_body).toContain(`${t.config.baseUrl}/contract`);
    // A rewrite restarts the engineer's week but is not announced again.
    t.clock.set('2026-03-10T10:00:00.000Z');
    await asOld.put(`/api/contract-handovers/${pending?.id}`, { note: `${note} Rewritten.` });
    t.clock.set('2026-03-17T09:59:00.000Z');
    await t.services.reminders.tick();
    expect(await handoverMail(pending?.id)).toHaveLength(1);
    t.clock.set('2026-03-17T10:05:00.000Z');
    await t.services.reminders.tick();
    await t.services.reminders.tick();
    const all = await handoverMail(pending?.id);
    expect(all.map((m) => [m.kind, m.recipient_id])).toEqual([
      ['handover.written', engineer.id],
      ['handover.ready', newManager.id],
    ]);
    expect(all[1]?.subject).toBe(`A handover note about ${engineer.name} is ready for you`);
    expect(all[1]?.text_body).toContain(`${t.config.baseUrl}/people/${engineer.id}/contracts`);
    expect(all[1]?.text_body).toContain('had the first week with it');
    expect(JSON.stringify(all)).not.toContain('HANDOVER-CONTENT');
  });

  it('tells the new manager of a note written ahead of the change on the day it takes effect, and sends no news older than a week', async () => {
    const { engineer, asEngineer } = await scenario('2026-03-30');
    const pending = await handoverFor(asOld, engineer.id);
    await asOld.put(`/api/contract-handovers/${pending?.id}`, { note: 'Written early.' });
    await asEngineer.post(`/api/contract-handovers/${pending?.id}/release`);
    await t.services.reminders.tick();
    // Shared, but the author still manages the engineer: nobody else to tell yet.
    t.clock.set('2026-03-29T23:00:00.000Z');
    await t.services.reminders.tick();
    expect((await handoverMail(pending?.id)).map((m) => m.kind)).toEqual(['handover.written']);
    t.clock.set('2026-03-30T08:00:00.000Z');
    await t.services.reminders.tick();
    const mail = await handoverMail(pending?.id);
    expect(mail.map((m) => [m.kind, m.recipient_id])).toEqual([
      ['handover.written', engineer.id],
      ['handover.ready', newManager.id],
    ]);
    expect(mail[1]?.text_body).toContain('shared it with you');

    // News older than a week is not sent: ten days after writing, the engineer is not told any
    // more, while the new manager, who may read it since three days, still is.
    const quiet = await scenario('2026-03-09');
    const quietHandover = await handoverFor(asOld, quiet.engineer.id);
    await asOld.put(`/api/contract-handovers/${quietHandover?.id}`, { note: 'Quiet note.' });
    t.clock.set('2026-03-12T09:00:00.000Z');
    await t.services.reminders.tick();
    expect((await handoverMail(quietHandover?.id)).map((m) => [m.kind, m.recipient_id])).toEqual([
      ['handover.ready', newManager.id],
    ]);
  });

  it('a same-day correction re-points the handover instead of adding a second one', async () => {
    const { engineer } = await scenario('2026-03-09');
    const third = await t.buildPerson({ name: 'Tara Third' });
    await changeManager(t.db, {
      reportId: engineer.id,
      managerId: third.id,
      startsOn: '2026-03-09',
      createdBy: null,
      createdAt: t.clock.now().toISOString(),
    });
    const list = await asOld.get<HandoverList>('/api/contract-handovers');
    const mine = list.body.items.filter((h) => h.engineer.id === engineer.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.toManager).toEqual({ id: third.id, name: third.name });
    // Moving back to the outgoing manager removes the unwritten handover.
    await changeManager(t.db, {
      reportId: engineer.id,
      managerId: oldManager.id,
      startsOn: '2026-03-09',
      createdBy: null,
      createdAt: t.clock.now().toISOString(),
    });
    expect(await handoverFor(asOld, engineer.id)).toBeUndefined();
    t.clock.advance(DAY);
  });
});
