import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../clock.ts';
import type { TestHarness } from '../../test/harness.ts';
import type {
  ActionItem,
  Conversation,
  ConversationList,
  Prep,
  QuestionBank,
  SharedNotes,
  Summary,
  Timeline,
} from '../../../shared/schemas/conversations.ts';
import {
  buildCast,
  createConversationHarness,
  completeConversation,
  scheduleConversation,
  sendSummary,
} from './conversations.fixtures.ts';
import type { Cast } from './conversations.fixtures.ts';

describe('conversations', () => {
  let t: TestHarness;
  let cast: Cast;
  beforeAll(async () => {
    t = await createConversationHarness();
    cast = await buildCast(t);
  });
  afterAll(() => t.close());

  describe('scheduling', () => {
    it('lets the engineer propose and the manager confirm, with the kind’s default length', async () => {
      const proposed = await scheduleConversation(cast.agents.engineer, cast.people.engineer.id, {
        kind: 'performance',
      });
      expect(proposed).toMatchObject({
        status: 'proposed',
        kind: 'performance',
        durationMinutes: 45,
        proposedBy: { id: cast.people.engineer.id },
        manager: { id: cast.people.manager.id },
      });
      expect(proposed.abilities.confirm).toBe(false);
      const confirmed = await cast.agents.manager.post<Conversation>(
        `/api/conversations/${proposed.id}/confirmation`,
      );
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
    });

    it('keeps the history of a reschedule and a cancellation', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      t.clock.advance(60_000);
      const moved = await cast.agents.engineer.patch<Conversation>(`/api/conversations/${c.id}`, {
        startsAt: '2026-03-11T09:30:00+01:00',
        reason: 'Dentist',
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        startsAt: '2026-03-11T08:30:00.000Z',
        status: 'proposed',
        proposedBy: { id: cast.people.engineer.id },
      });
      t.clock.advance(60_000);
      const cancelled = await cast.agents.manager.post<Conversation>(
        `/api/conversations/${c.id}/cancellation`,
        { reason: 'Team offsite' },
      );
      expect(cancelled.body.status).toBe('cancelled');
      expect(cancelled.body.history?.map((e) => [e.action, e.reason])).toEqual([
        ['proposed', ''],
        ['rescheduled', 'Dentist'],
        ['cancelled', 'Team offsite'],
      ]);
      expect(cancelled.body.history?.[0]?.startsAt).toBe('2026-03-10T14:00:00.000Z');
      const again = await cast.agents.engineer.patch(`/api/conversations/${c.id}`, {
        startsAt: '2026-03-12T09:00:00Z',
      });
      expect(again.status).toBe(403);
    });

    it('refuses bad input with the field named, never a 500', async () => {
      const bad = await cast.agents.manager.post('/api/conversations', {
        engineerId: cast.people.engineer.id,
        kind: 'chat',
        startsAt: 'tomorrow',
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'validation', field: 'kind' });
      const short = await cast.agents.manager.post('/api/conversations', {
        engineerId: cast.people.engineer.id,
        kind: 'quarterly',
        startsAt: '2026-03-10T14:00:00Z',
        durationMinutes: 5,
      });
      expect(short.body).toMatchObject({ field: 'durationMinutes' });
    });

    it('shows the start in each participant’s time zone', async () => {
      // 10 March 2026: New York is already on summer time (UTC−4), London not yet (UTC+0).
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      expect(c.localStarts).toEqual([
        {
          personId: cast.people.engineer.id,
          timezone: 'Europe/London',
          display: 'Tue 10 Mar 2026, 14:00 UTC',
        },
        {
          personId: cast.people.manager.id,
          timezone: 'America/New_York',
          display: 'Tue 10 Mar 2026, 10:00 UTC-4',
        },
      ]);
    });

    it('shows a performance conversation to leaders and admins as a neutral check-in, without content', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id, {
        kind: 'performance',
        agenda: 'Missed deadlines',
      });
      for (const role of ['leader', 'admin'] as const) {
        const seen = await cast.agents[role].get<Conversation>(`/api/conversations/${c.id}`);
        expect(seen.body).toMatchObject({
          access: 'metadata',
          kind: 'check_in',
          agenda: null,
          place: null,
          history: null,
        });
        const list = await cast.agents[role].get<ConversationList>('/api/conversations');
        const row = list.body.items.find((item) => item.id === c.id);
        expect(row?.kind).toBe('check_in');
        expect(JSON.stringify(list.body)).not.toContain('Missed deadlines');
        expect(JSON.stringify(list.body)).not.toContain('performance');
      }
      for (const role of ['peer', 'otherManager'] as const) {
        const list = await cast.agents[role].get<ConversationList>('/api/conversations');
        expect(list.body.items.map((item) => item.id)).not.toContain(c.id);
      }
      const own = await cast.agents.engineer.get<Conversation>(`/api/conversations/${c.id}`);
      expect(own.body).toMatchObject({ access: 'participant', kind: 'performance' });
    });
  });

  describe('prep and question banks', () => {
    it('keeps drafts private until shared, one by one or all', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      const path = `/api/conversations/${c.id}/prep`;
      await cast.agents.engineer.put(`${path}/answers/p1`, { answer: 'Shipped the importer.' });
      await cast.agents.engineer.put(`${path}/answers/p3`, { answer: 'Estimates slipped.' });
      const mine = await cast.agents.engineer.get<Prep>(path);
      expect(mine.body.items.length).toBeGreaterThanOrEqual(8);
      expect(mine.body.items.filter((i) => i.answer).map((i) => i.isShared)).toEqual([
        false,
        false,
      ]);
      expect((await cast.agents.manager.get<Prep>(path)).body.items).toEqual([]);

      expect((await cast.agents.engineer.post(`${path}/shares`, { keys: ['p3'] })).status).toBe(
        200,
      );
      const managerView = await cast.agents.manager.get<Prep>(path);
      expect(managerView.body.items.map((i) => [i.key, i.answer])).toEqual([
        ['p3', 'Estimates slipped.'],
      ]);
      await cast.agents.engineer.post(`${path}/shares`, { all: true });
      expect((await cast.agents.manager.get<Prep>(path)).body.items.map((i) => i.key)).toEqual([
        'p1',
        'p3',
      ]);
      const unknown = await cast.agents.engineer.put(`${path}/answers/zz`, { answer: 'x' });
      expect(unknown).toMatchObject({ status: 400, body: { field: 'key' } });
    });

    it('has 8–15 prompts per kind, and a conversation keeps the bank version it started with', async () => {
      const kinds = await cast.agents.peer.get<{ items: { kind: string }[] }>(
        '/api/conversation-kinds',
      );
      for (const { kind } of kinds.body.items) {
        const bank = await cast.agents.peer.get<QuestionBank>(`/api/question-banks/${kind}`);
        const guidePrompts = bank.body.managerGuide.flatMap((s) => s.prompts);
        expect(bank.body.engineerPrompts.length, kind).toBeGreaterThanOrEqual(8);
        expect(bank.body.engineerPrompts.length, kind).toBeLessThanOrEqual(15);
        expect(guidePrompts.length, kind).toBeGreaterThanOrEqual(8);
        expect(guidePrompts.length, kind).toBeLessThanOrEqual(15);
      }
      const old = await scheduleConversation(cast.agents.manager, cast.people.engineer.id, {
        kind: 'where_to',
      });
      const published = await cast.agents.admin.post<QuestionBank>(
        '/api/question-banks/where_to/versions',
        {
          engineerPrompts: [
            { key: 'one', text: 'Version two, first prompt?' },
            { key: 'two', text: 'Second?' },
            { key: 'three', text: 'Third?' },
          ],
          managerGuide: [{ key: 's', title: 'Only part', minutes: null, prompts: ['Ask.'] }],
        },
      );
      expect(published.status).toBe(201);
      expect(published.body.version).toBe(old.bankVersion === null ? 0 : old.bankVersion + 1);
      const fresh = await scheduleConversation(cast.agents.manager, cast.people.engineer.id, {
        kind: 'where_to',
      });
      const oldPrep = await cast.agents.engineer.get<Prep>(`/api/conversations/${old.id}/prep`);
      const newPrep = await cast.agents.engineer.get<Prep>(`/api/conversations/${fresh.id}/prep`);
      expect(oldPrep.body.items[0]?.key).toBe('p1');
      expect(newPrep.body.items.map((i) => i.prompt)[0]).toBe('Version two, first prompt?');
      const v1 = await cast.agents.peer.get<QuestionBank>('/api/question-banks/where_to?version=1');
      expect(v1.body.engineerPrompts[0]?.key).toBe('p1');
      const duplicate = await cast.agents.admin.post('/api/question-banks/where_to/versions', {
        engineerPrompts: [
          { key: 'a', text: 'x' },
          { key: 'a', text: 'y' },
          { key: 'b', text: 'z' },
        ],
        managerGuide: [{ key: 's', title: 'S', minutes: 5, prompts: ['Ask.'] }],
      });
      expect(duplicate).toMatchObject({ status: 400, body: { field: 'engineerPrompts.1.key' } });
    });

    it('gives the quarterly guide its five parts with suggested minutes', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      const guide = await cast.agents.manager.get<{
        sections: { title: string; minutes: number }[];
        listening: { signals: unknown[] };
      }>(`/api/conversations/${c.id}/guide`);
      expect(guide.body.sections.map((s) => s.minutes)).toEqual([15, 15, 10, 15, 5]);
      expect(guide.body.listening.signals.length).toBeGreaterThanOrEqual(4);
    });
  });

  describe('shared notes', () => {
    it('refuses a stale write with the current version and text; 428 without a version', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      const path = `/api/conversations/${c.id}/shared-notes`;
      const start = await cast.agents.manager.get<SharedNotes>(path);
      expect(start.body.version).toBe(0);
      expect(start.headers.get('etag')).toBe('"0"');

      const first = await cast.agents.engineer.request<SharedNotes>(
        'PUT',
        path,
        { text: 'Engineer wrote this' },
        { 'if-match': '"0"' },
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, updatedBy: { id: cast.people.engineer.id } });

      const stale = await cast.agents.manager.put(path, { text: 'Manager wrote this', version: 0 });
      expect(stale.status).toBe(409);
      expect(stale.body).toEqual({
        error: 'stale_version',
        message: expect.stringContaining('version 1'),
        field: 'version',
        current: { text: 'Engineer wrote this', version: 1 },
      });
      const merged = await cast.agents.manager.put<SharedNotes>(path, {
        text: 'Engineer wrote this\nManager wrote this',
        version: 1,
      });
      expect(merged.body.version).toBe(2);

      const missing = await cast.agents.manager.put(path, { text: 'no version' });
      expect(missing).toMatchObject({ status: 428, body: { error: 'precondition_required' } });
      const bad = await cast.agents.manager.request(
        'PUT',
        path,
        { text: 'x' },
        { 'if-match': '*' },
      );
      expect(bad).toMatchObject({ status: 400, body: { field: 'If-Match' } });
      expect((await cast.agents.engineer.get<SharedNotes>(path)).body.text).toBe(
        'Engineer wrote this\nManager wrote this',
      );
    });

    it('loses no update when both save the same version at the same moment', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      const path = `/api/conversations/${c.id}/shared-notes`;
      const results = await Promise.all([
        cast.agents.engineer.put(path, { text: 'A', version: 0 }),
        cast.agents.manager.put(path, { text: 'B', version: 0 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    });
  });

  describe('summary and acknowledgement', () => {
    it('drafts from the record, is due for 24 hours, then sent, amended and acknowledged', async () => {
      t.clock.set('2026-04-01T08:00:00Z');
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id, {
        startsAt: '2026-04-01T10:00:00Z',
        durationMinutes: 60,
      });
      const path = `/api/conversations/${c.id}/summary`;
      expect((await cast.agents.manager.get<Summary>(path)).body.status).toBe('not_due');
      await cast.agents.manager.put(`/api/conversations/${c.id}/shared-notes`, {
        text: 'Talked about the on-call rotation.',
        version: 0,
      });
      await cast.agents.engineer.post(`/api/conversations/${c.id}/action-items`, {
        owner: 'engineer',
        text: 'Draft the rotation proposal',
        dueOn: '2026-04-10',
      });
      await cast.agents.manager.post(`/api/conversations/${c.id}/action-items`, {
        owner: 'manager',
        text: 'Ask finance about the budget',
      });
      t.clock.set('2026-04-01T11:30:00Z');
      const due = await cast.agents.manager.get<Summary>(path);
      expect(due.body).toMatchObject({ status: 'due', dueAt: '2026-04-02T11:00:00.000Z' });
      expect(due.body.draft).toEqual({
        discussed: 'Talked about the on-call rotation.',
        goals: '',
        managerActions: '- Ask finance about the budget',
        engineerActions: '- Draft the rotation proposal (by 2026-04-10)',
        nextCheckInOn: null,
      });
      expect((await cast.agents.engineer.get<Summary>(path)).body.draft).toBeNull();
      // Not held yet: the summary cannot be sent.
      expect((await cast.agents.manager.post(`${path}/versions`)).status).toBe(403);

      t.clock.advance(25 * HOUR_MS);
      const overdue = await cast.agents.leader.get<Conversation>(`/api/conversations/${c.id}`);
      expect(overdue.body.summaryStatus).toBe('overdue');
      await completeConversation(cast.agents.manager, c.id);
      // Held late: due 24 hours after it was marked held.
      expect((await cast.agents.manager.get<Summary>(path)).body.status).toBe('due');

      const draftSaved = await cast.agents.manager.put(`${path}/draft`, {
        nextCheckInOn: '2026-07-01',
        baseVersion: 0,
      });
      expect(draftSaved.status).toBe(200);
      const sent = await sendSummary(cast.agents.manager, c.id);
      expect(sent.status).toBe('sent');
      expect(sent.versions).toHaveLength(1);
      expect(sent.versions[0]).toMatchObject({
        goals: 'Lead the next design review.',
        nextCheckInOn: '2026-07-01',
      });
      expect((await cast.agents.manager.post(`${path}/versions`)).status).toBe(409);

      const noComment = await cast.agents.engineer.post(`${path}/responses`, {
        kind: 'amendment_requested',
      });
      expect(noComment).toMatchObject({ status: 400, body: { field: 'comment' } });
      const amend = await cast.agents.engineer.post<Summary>(`${path}/responses`, {
        kind: 'amendment_requested',
        comment: 'The budget ask was for the conference, not tooling.',
      });
      expect(amend.body.status).toBe('amendment_requested');
      const twice = await cast.agents.engineer.post(`${path}/responses`, { kind: 'acknowledged' });
      expect(twice.status).toBe(409);

      const stale = await cast.agents.manager.put<{ current: { version: number } }>(
        `${path}/draft`,
        { managerActions: '- Ask finance about the conference budget', baseVersion: 0 },
      );
      // Sending moved the draft on: a save from the old draft is refused with the current version.
      expect(stale.status).toBe(409);
      await cast.agents.manager.put(`${path}/draft`, {
        managerActions: '- Ask finance about the conference budget',
        baseVersion: stale.body.current.version,
      });
      const v2 = await cast.agents.manager.post<Summary>(`${path}/versions`);
      expect(v2.status).toBe(201);
      expect(v2.body).toMatchObject({ status: 'sent' });
      expect(v2.body.versions.map((v) => v.version)).toEqual([1, 2]);

      const ack = await cast.agents.engineer.post<Summary>(`${path}/responses`, {
        kind: 'acknowledged',
      });
      expect(ack.body.status).toBe('acknowledged');
      expect(ack.body.responses.map((r) => [r.version, r.kind])).toEqual([
        [1, 'amendment_requested'],
        [2, 'acknowledged'],
      ]);
      expect(ack.body.versions[0]?.managerActions).toBe('- Ask finance about the budget');
      const meta = await cast.agents.admin.get<Conversation>(`/api/conversations/${c.id}`);
      expect(meta.body).toMatchObject({ isAcknowledged: true, summaryStatus: 'acknowledged' });
      t.clock.set('2026-03-02T09:00:00.000Z');
    });
  });

  describe('manager prep context and action items', () => {
    it('shows earlier summaries, open items of both sides with overdue marked, and shared What Matters', async () => {
      t.clock.set('2026-05-01T09:00:00Z');
      const earlier = await scheduleConversation(cast.agents.manager, cast.people.engineer.id, {
        startsAt: '2026-05-01T10:00:00Z',
      });
      await cast.agents.manager.post(`/api/conversations/${earlier.id}/action-items`, {
        owner: 'manager',
        text: 'Find a mentor for Eli',
        dueOn: '2026-05-10',
      });
      const done = await cast.agents.engineer.post<ActionItem>(
        `/api/conversations/${earlier.id}/action-items`,
        { owner: 'engineer', text: 'Read the RFC' },
      );
      await cast.agents.engineer.patch(`/api/action-items/${done.body.id}`, { isDone: true });
      await completeConversation(cast.agents.manager, earlier.id);
      await sendSummary(cast.agents.manager, earlier.id);

      t.clock.set('2026-05-20T09:00:00Z');
      const next = await scheduleConversation(cast.agents.manager, cast.people.engineer.id, {
        startsAt: '2026-05-25T10:00:00Z',
      });
      const prep = await cast.agents.manager.get<{
        checklistItems: unknown[];
        context: {
          lastSummary: { conversationId: string } | null;
          openActionItems: ActionItem[];
        };
      }>(`/api/conversations/${next.id}/manager-prep`);
      expect(prep.status).toBe(200);
      expect(prep.body.checklistItems).toHaveLength(4);
      expect(prep.body.context.lastSummary?.conversationId).toBe(earlier.id);
      const mentor = prep.body.context.openActionItems.find(
        (i) => i.text === 'Find a mentor for Eli',
      );
      expect(mentor).toMatchObject({ owner: 'manager', isOverdue: true });
      expect(prep.body.context.openActionItems.map((i) => i.text)).not.toContain('Read the RFC');

      const timeline = await cast.agents.engineer.get<Timeline>(
        `/api/people/${cast.people.engineer.id}/timeline?types=summary`,
      );
      expect(new Set(timeline.body.items.map((i) => i.type))).toEqual(new Set(['summary']));
      expect(timeline.body.lastSummary?.conversationId).toBe(earlier.id);
      const badFilter = await cast.agents.engineer.get(
        `/api/people/${cast.people.engineer.id}/timeline?types=gossip`,
      );
      expect(badFilter.status).toBe(400);
      t.clock.set('2026-03-02T09:00:00.000Z');
    });
  });

  describe('audit', () => {
    it('records reads of the shared record by the manager, ids only, and not the engineer’s own nor the manager’s saves', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      const before = await t.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', c.id)
        .execute();
      const saved = await cast.agents.manager.put(`/api/conversations/${c.id}/shared-notes`, {
        text: 'AUDIT-CONTENT-must-not-be-logged',
        version: 0,
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        conversationId: c.id,
        text: 'AUDIT-CONTENT-must-not-be-logged',
        version: 1,
        updatedBy: { id: cast.people.manager.id, name: cast.people.manager.name },
        abilities: { update: true },
      });
      await cast.agents.engineer.get(`/api/conversations/${c.id}/shared-notes`);
      await cast.agents.manager.get(`/api/conversations/${c.id}/shared-notes`);
      const after = await t.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', c.id)
        .execute();
      const added = after.filter((row) => !before.some((b) => b.id === row.id));
      expect(added.map((row) => [row.action, row.actor_id, row.subject_person_id])).toEqual([
        ['conversation.notes.read', cast.people.manager.id, cast.people.engineer.id],
      ]);
      expect(JSON.stringify(after)).not.toContain('AUDIT-CONTENT');
    });
  });

  describe('action items written by the manager', () => {
    it('come back as stored, and a write is not logged as a read of the record', async () => {
      const c = await scheduleConversation(cast.agents.manager, cast.people.engineer.id);
      const audited = () =>
        t.db
          .selectFrom('audit_events')
          .select('id')
          .where('subject_person_id', '=', cast.people.engineer.id)
          .execute();
      const before = await audited();
      const created = await cast.agents.manager.post<ActionItem>(
        `/api/conversations/${c.id}/action-items`,
        { owner: 'engineer', text: 'Write the rotation proposal', dueOn: '2026-04-10' },
      );
      expect(created.status).toBe(201);
      const updated = await cast.agents.manager.patch<ActionItem>(
        `/api/action-items/${created.body.id}`,
        { text: 'Write and share the rotation proposal', isDone: true },
      );
      expect(updated.status).toBe(200);
      expect((await audited()).length).toBe(before.length);
      const stored = await cast.agents.engineer.get<ActionItem>(
        `/api/action-items/${created.body.id}`,
      );
      const { abilities: _storedAbilities, ...storedItem } = stored.body;
      const { abilities, ...updatedItem } = updated.body;
      expect(updatedItem).toEqual(storedItem);
      expect(updatedItem).toMatchObject({
        conversationId: c.id,
        engineer: { id: cast.people.engineer.id, name: cast.people.engineer.name },
        manager: { id: cast.people.manager.id, name: cast.people.manager.name },
        text: 'Write and share the rotation proposal',
        dueOn: '2026-04-10',
        isDone: true,
        doneAt: expect.any(String),
      });
      expect(abilities).toMatchObject({ update: true });
      expect(created.body).toMatchObject({
        createdAt: stored.body.createdAt,
        isDone: false,
        doneAt: null,
      });
    });
  });

  describe('a manager change', () => {
    it('leaves the former manager their conversations read-only and nothing newer; the new manager sees only metadata of old ones', async () => {
      const eng = await t.buildPerson({ name: 'Fay Mover', managerId: cast.people.manager.id });
      const engineerAgent = await t.agentFor(eng);
      const old = await scheduleConversation(cast.agents.manager, eng.id, {
        kind: 'performance',
        agenda: 'OLD-PAIR-AGENDA',
      });
      await cast.agents.manager.put(`/api/conversations/${old.id}/shared-notes`, {
        text: 'Old pair notes',
        version: 0,
      });
      const newManager = await t.buildPerson({
        name: 'Nia New',
        managerId: cast.people.leader.id,
      });
      const newManagerAgent = await t.agentFor(newManager);
      const move = await cast.agents.admin.post('/api/reporting-lines', {
        reportId: eng.id,
        managerId: newManager.id,
        startsOn: '2026-03-02',
      });
      expect(move.status).toBe(201);

      const former = await cast.agents.manager.get<Conversation>(`/api/conversations/${old.id}`);
      expect(former.body).toMatchObject({ access: 'participant' });
      expect(former.body.abilities).toMatchObject({
        readRecord: true,
        edit: false,
        reschedule: false,
      });
      const notes = await cast.agents.manager.get<SharedNotes>(
        `/api/conversations/${old.id}/shared-notes`,
      );
      expect(notes.body.text).toBe('Old pair notes');
      const write = await cast.agents.manager.put(`/api/conversations/${old.id}/shared-notes`, {
        text: 'late edit',
        version: 1,
      });
      expect(write.status).toBe(403);
      expect((await cast.agents.manager.get(`/api/people/${eng.id}/timeline`)).status).toBe(404);

      const fresh = await scheduleConversation(newManagerAgent, eng.id);
      expect((await cast.agents.manager.get(`/api/conversations/${fresh.id}`)).status).toBe(404);
      const formerList = await cast.agents.manager.get<ConversationList>('/api/conversations');
      expect(formerList.body.items.map((i) => i.id)).toContain(old.id);
      expect(formerList.body.items.map((i) => i.id)).not.toContain(fresh.id);

      const seenByNew = await newManagerAgent.get<Conversation>(`/api/conversations/${old.id}`);
      expect(seenByNew.body).toMatchObject({ access: 'metadata', kind: 'check_in', agenda: null });
      // On the timeline too: the old conversation as a neutral check-in, no link, no agenda.
      const timelineUrl = `/api/people/${eng.id}/timeline?types=conversation`;
      const newTimeline = await newManagerAgent.get<Timeline>(timelineUrl);
      expect(newTimeline.body.items.find((i) => i.id === `conversation:${old.id}`)).toMatchObject({
        kind: 'check_in',
        title: `Check-in with ${cast.people.manager.name}`,
        detail: null,
        conversationId: null,
      });
      expect(JSON.stringify(newTimeline.body)).not.toMatch(/OLD-PAIR-AGENDA|performance/i);
      const ownTimeline = await engineerAgent.get<Timeline>(timelineUrl);
      expect(ownTimeline.body.items.find((i) => i.id === `conversation:${old.id}`)).toMatchObject({
        kind: 'performance',
        detail: 'OLD-PAIR-AGENDA',
        conversationId: old.id,
      });
      expect((await newManagerAgent.get(`/api/conversations/${old.id}/shared-notes`)).status).toBe(
        404,
      );
      expect((await engineerAgent.get(`/api/conversations/${old.id}/shared-notes`)).status).toBe(
        200,
      );
    });
  });
});
