import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MailSettings,
  OutboxList,
  ReminderPreferences,
} from '../../../shared/schemas/cadence.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import { CANARY, insertHeldConversation } from '../cadence/cadence.fixtures.ts';
import { createConversationHarness } from '../conversations/conversations.fixtures.ts';

describe('reminder choices, mail setting and outbox page', () => {
  let t: TestHarness;
  let engineer: TestPerson;
  let manager: TestPerson;
  let agents: Record<'engineer' | 'manager' | 'people' | 'admin' | 'anonymous', Agent>;

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    manager = await t.buildPerson({ name: 'Mina Manager' });
    engineer = await t.buildPerson({ name: 'Eli Engineer', managerId: manager.id });
    agents = {
      engineer: await t.agentFor(engineer),
      manager: await t.agentFor(manager),
      people: await t.agentFor(await t.buildPerson({ name: 'Pat', isPeopleTeam: true })),
      admin: await t.agentFor(await t.buildPerson({ name: 'Ada', isAdmin: true })),
      anonymous: t.agent(),
    };
  });
  afterAll(() => t.close());

  it('lets each person choose their own reminders, all on by default', async () => {
    expect((await agents.anonymous.get('/api/reminder-preferences')).status).toBe(401);
    expect((await agents.anonymous.patch('/api/reminder-preferences', {})).status).toBe(401);
    const initial = await agents.engineer.get<ReminderPreferences>('/api/reminder-preferences');
    expect(initial.body.items.every((i) => i.isEnabled)).toBe(true);
    expect(initial.body.items.map((i) => i.kind)).toContain('weekly_digest');

    const changed = await agents.engineer.patch<ReminderPreferences>('/api/reminder-preferences', {
      plan_check: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.items.find((i) => i.kind === 'plan_check')?.isEnabled).toBe(false);
    // Someone else's choices are untouched.
    const theirs = await agents.manager.get<ReminderPreferences>('/api/reminder-preferences');
    expect(theirs.body.items.every((i) => i.isEnabled)).toBe(true);

    const unknown = await agents.engineer.patch('/api/reminder-preferences', { nagging: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'nagging' });
    const wrongType = await agents.engineer.patch('/api/reminder-preferences', { summary: 'no' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ field: 'summary' });
  });

  it('lets admins alone make all mail link-only', async () => {
    expect((await agents.anonymous.get('/api/mail-settings')).status).toBe(401);
    for (const role of ['engineer', 'manager', 'people'] as const) {
      expect((await agents[role].get('/api/mail-settings')).status).toBe(403);
      expect((await agents[role].put('/api/mail-settings', { isLinkOnly: true })).status).toBe(403);
    }
    const read = await agents.admin.get<MailSettings>('/api/mail-settings');
    expect(read.body).toMatchObject({ isLinkOnly: false, isSmtpConfigured: true, version: 0 });
    const bad = await agents.admin.put('/api/mail-settings', { isLinkOnly: 'yes', baseVersion: 0 });
    expect(bad.status).toBe(400);
    const on = await agents.admin.put<MailSettings>('/api/mail-settings', {
      isLinkOnly: true,
      baseVersion: read.body.version,
    });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ isLinkOnly: true, version: 1 });
    const off = await agents.admin.request<MailSettings>(
      'PUT',
      '/api/mail-settings',
      { isLinkOnly: false },
      { 'if-match': `"${on.body.version}"` },
    );
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ isLinkOnly: false, version: 2 });
  });

  it('refuses a mail setting saved over someone else’s (409 with the current one) or without a version (428)', async () => {
    const opened = (await agents.admin.get<MailSettings>('/api/mail-settings')).body;
    const first = await agents.admin.put<MailSettings>('/api/mail-settings', {
      isLinkOnly: true,
      baseVersion: opened.version,
    });
    expect(first.status).toBe(200);
    const late = await agents.admin.put<{ error: string; current: MailSettings }>(
      '/api/mail-settings',
      { isLinkOnly: false, baseVersion: opened.version },
    );
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('stale_version');
    expect(late.body.current).toMatchObject({ isLinkOnly: true, version: first.body.version });
    const blind = await agents.admin.put<{ error: string }>('/api/mail-settings', {
      isLinkOnly: false,
    });
    expect(blind.status).toBe(428);
    expect(blind.body.error).toBe('precondition_required');
    const now = (await agents.admin.get<MailSettings>('/api/mail-settings')).body;
    expect(now).toMatchObject({ isLinkOnly: true, version: first.body.version });
    await agents.admin.put('/api/mail-settings', { isLinkOnly: false, baseVersion: now.version });
  });

  it('shows admins the outbox, never a body that carries a pair’s summary', async () => {
    await insertHeldConversation(
      t,
      { engineerId: engineer.id, managerId: manager.id },
      { kind: 'initial', daysAgo: 1, summaryAfterHours: 2 },
    );
    await insertHeldConversation(
      t,
      { engineerId: engineer.id, managerId: manager.id },
      { kind: 'event', daysAgo: 3, summaryAfterHours: null },
    );
    await t.services.reminders.tick();
    expect((await agents.anonymous.get('/api/outbox-messages')).status).toBe(401);
    for (const role of ['engineer', 'manager', 'people'] as const)
      expect((await agents[role].get('/api/outbox-messages')).status).toBe(403);
    const { status, body } = await agents.admin.get<OutboxList>('/api/outbox-messages');
    expect(status).toBe(200);
    const ack = body.items.find((m) => m.kind === 'reminder.acknowledgement.with_summary');
    expect(ack).toMatchObject({
      status: 'queued',
      body: null,
      recipient: { name: 'Eli Engineer' },
    });
    expect(JSON.stringify(body)).not.toContain(CANARY);
    const digest = body.items.find((m) => m.kind === 'digest.weekly');
    expect(digest?.body).toContain('/team');
    expect(body.counts.queued).toBe(body.items.length);
    const sent = await agents.admin.get<OutboxList>('/api/outbox-messages?status=sent');
    expect(sent.body.items).toEqual([]);
    expect((await agents.admin.get('/api/outbox-messages?status=maybe')).status).toBe(400);
  });
});
