import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Email } from 'postal-mime';
import { createApp } from '../../app.ts';
import { HOUR_MS } from '../../clock.ts';
import { openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/client.ts';
import { createLogger } from '../../logger.ts';
import { createMailer } from '../../mail/mailer.ts';
import type { Mailer } from '../../mail/mailer.ts';
import {
  createConversationHarness,
  scheduleConversation,
} from '../conversations/conversations.fixtures.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import { CANARY, insertHeldConversation } from '../cadence/cadence.fixtures.ts';
import { countUnsent } from '../outbox/outbox.repository.ts';
import { createOutboxSweeper, retryDelayMs } from '../outbox/outbox.service.ts';
import type { OutboxSweeper } from '../outbox/outbox.service.ts';

/*
 * Reminders across instances: two apps on one database (two connections, as two processes would
 * have) tick the scheduler and sweep the outbox at the same moment, into a real SMTP server, and
 * every reminder arrives exactly once — also after an SMTP outage. The clock is the test's.
 */

const logger = createLogger('silent');
const headerOf = (email: Email, name: string) =>
  email.headers.find((h) => h.key === name.toLowerCase())?.value ?? '';

describe('reminders with two instances on one database', () => {
  let t: TestHarness;
  let second: Database;
  let instanceB: ReturnType<typeof createApp>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let sweeperA: OutboxSweeper;
  let sweeperB: OutboxSweeper;
  let manager: TestPerson;
  const engineers: TestPerson[] = [];
  let managerAgent: Agent;

  const realMailer = (port: number): Mailer =>
    createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Trajectory <t@example.test>',
      logger,
    });

  async function sweepUntilEmpty(): Promise<{ sent: number; rounds: number }> {
    let sent = 0;
    let rounds = 0;
    while ((await countUnsent(t.db)) > 0 && rounds < 30) {
      const [a, b] = await Promise.all([sweeperA.sweep(), sweeperB.sweep()]);
      sent += a.sent + b.sent;
      rounds += 1;
    }
    return { sent, rounds };
  }

  beforeAll(async () => {
    t = await createConversationHarness();
    second = await openDatabase(t.url, { poolSize: 4 });
    sink = await startSmtpSink();
    instanceB = createApp({
      config: t.config,
      database: second,
      clock: t.clock,
      logger,
      mailer: realMailer(sink.port),
      webRoot: null,
    });
    sweeperA = createOutboxSweeper({
      database: t.database,
      clock: t.clock,
      logger,
      owner: 'instance-a',
      batchSize: 3,
      mailer: realMailer(sink.port),
    });
    sweeperB = createOutboxSweeper({
      database: second,
      clock: t.clock,
      logger,
      owner: 'instance-b',
      batchSize: 3,
      mailer: realMailer(sink.port),
    });

    t.clock.set('2026-02-20T09:00:00Z');
    await t.buildOrganization();
    manager = await t.buildPerson({
      name: 'Mina Manager',
      email: 'mina@example.test',
      timezone: 'Europe/London',
    });
    for (let i = 1; i <= 8; i += 1)
      engineers.push(
        await t.buildPerson({
          name: `Engineer ${i}`,
          email: `e${i}@example.test`,
          managerId: manager.id,
          managerSince: '2026-01-05',
          timezone: 'Europe/Stockholm',
        }),
      );
    managerAgent = await t.agentFor(manager);
  });
  afterAll(async () => {
    await sink.close();
    await second.close();
    await t.close();
  });

  const engineer = (n: number) => engineers[n - 1] as TestPerson;
  const pair = (n: number) => ({ engineerId: engineer(n).id, managerId: manager.id });

  it('sends every reminder exactly once when both instances tick and sweep together', async () => {
    // Scheduling queues the invitations at once (the conversations service's hook).
    const c1 = await scheduleConversation(managerAgent, engineer(1).id, {
      startsAt: '2026-03-05T10:00:00Z',
    });
    const c2 = await scheduleConversation(managerAgent, engineer(2).id, {
      startsAt: '2026-03-03T05:00:00Z',
    });
    // Monday 2 March, 09:00 in London: prep, summaries, an acknowledgement and the weekly digest fall due.
    t.clock.set('2026-03-02T09:00:00Z');
    const c3 = await insertHeldConversation(t, pair(3), {
      kind: 'initial',
      daysAgo: 3 / 24,
      summaryAfterHours: null,
    });
    const c4 = await insertHeldConversation(t, pair(4), {
      kind: 'initial',
      daysAgo: 30 / 24,
      summaryAfterHours: null,
    });
    const c5 = await insertHeldConversation(t, pair(5), {
      kind: 'initial',
      daysAgo: 2,
      summaryAfterHours: 1,
    });

    let queued = 0;
    for (let round = 0; round < 3; round += 1) {
      const [a, b] = await Promise.all([
        t.services.reminders.tick(),
        instanceB.services.reminders.tick(),
      ]);
      queued += a.queued + b.queued;
    }
    const rows = await t.db.selectFrom('outbox_messages').select(['dedupe_key', 'kind']).execute();
    const keys = rows.map((r) => r.dedupe_key).sort();
    expect(queued).toBe(7);
    expect(keys).toEqual(
      [
        `invite:${c1.id}:${engineer(1).id}:0`,
        `invite:${c1.id}:${manager.id}:0`,
        `invite:${c2.id}:${engineer(2).id}:0`,
        `invite:${c2.id}:${manager.id}:0`,
        `reminder:engineer_prep:${c1.id}:2026-03-05T10:00:00.000Z`,
        `reminder:engineer_prep:${c2.id}:2026-03-03T05:00:00.000Z`,
        `reminder:manager_prep:${c2.id}:2026-03-03T05:00:00.000Z`,
        `reminder:summary_due:${c3}`,
        `reminder:summary_overdue:${c4}`,
        `reminder:acknowledgement:${c5}:v1`,
        `digest:weekly:${manager.id}:2026-W10`,
      ].sort(),
    );

    const { sent } = await sweepUntilEmpty();
    expect(sent).toBe(11);
    expect(sink.messages).toHaveLength(11);
    const messageIds = sink.messages.map((m) => m.messageId);
    expect(new Set(messageIds).size).toBe(11);

    // Ticking and sweeping again changes nothing.
    const [a, b] = await Promise.all([
      t.services.reminders.tick(),
      instanceB.services.reminders.tick(),
    ]);
    expect(a.queued + b.queued).toBe(0);
    expect((await sweepUntilEmpty()).sent).toBe(0);
    expect(sink.messages).toHaveLength(11);
  });

  it('writes each reminder to the right person, in their own zone, with links', async () => {
    const to = (email: string) => sink.messages.filter((m) => m.to?.[0]?.address === email);
    const prep = to('e1@example.test').find((m) => m.subject?.startsWith('Prepare'));
    // 10:00 UTC is 11:00 in Stockholm.
    expect(prep?.subject).toBe(
      'Prepare for your career conversation on Thu 5 Mar 2026, 11:00 UTC+1',
    );
    expect(prep?.text).toContain('/conversations/');
    const digest = to('mina@example.test').find((m) => m.subject?.startsWith('Your week'));
    expect(digest?.text).toContain('Engineer 4: summary not sent');
    expect(digest?.text).toContain('Engineer 1: first conversation overdue');
    expect(headerOf(digest as Email, 'message-id')).toMatch(/@trajectory>$/);

    // The invitation travels as a text/calendar part with its method, readable by a calendar parser.
    const invitation = to('e1@example.test').find((m) => m.subject?.startsWith('Invitation'));
    const part = invitation?.attachments.find((a) => a.mimeType === 'text/calendar');
    expect(part?.method).toBe('REQUEST');
    const ics =
      typeof part?.content === 'string'
        ? part.content
        : new TextDecoder().decode(part?.content as ArrayBuffer);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
    expect(event.uid).toMatch(/^conversation-.+@trajectory$/);
    expect(ics).toContain('DTSTART;TZID=Europe/London:20260305T100000');
  });

  it('lets only the pair read its summary in mail, and nobody else', async () => {
    const withContent = sink.messages.filter((m) => (m.text ?? '').includes(CANARY));
    expect(withContent.map((m) => m.to?.[0]?.address)).toEqual(['e5@example.test']);
    expect(withContent[0]?.subject).toBe('Your summary from Mina Manager is ready');
    for (const m of sink.messages.filter((x) => x.to?.[0]?.address === 'mina@example.test'))
      expect(m.text ?? '').not.toContain(CANARY);
  });

  it('keeps mail while SMTP is down and delivers it once when it is back', async () => {
    const port = sink.port;
    const before = sink.messages.length;
    await sink.close();
    t.clock.set('2026-03-02T10:00:00Z');
    // The hook queues the invitations and the engineer's prep prompt (due within 4 days).
    const c6 = await scheduleConversation(managerAgent, engineer(6).id, {
      startsAt: '2026-03-04T10:00:00Z',
    });
    expect(await countUnsent(t.db)).toBe(3);
    const first = await Promise.all([sweeperA.sweep(), sweeperB.sweep()]);
    expect(first.reduce((n, r) => n + r.failed, 0)).toBe(3);
    expect(first.reduce((n, r) => n + r.sent, 0)).toBe(0);
    // Backing off: nothing is tried again yet, and ticking adds nothing new.
    expect((await sweeperA.sweep()).failed).toBe(0);
    expect((await t.services.reminders.tick()).queued).toBe(0);

    sink = await startSmtpSink(port);
    t.clock.advance(retryDelayMs(0) + 1);
    const { sent } = await sweepUntilEmpty();
    expect(sent).toBe(3);
    t.clock.advance(HOUR_MS);
    expect((await sweepUntilEmpty()).sent).toBe(0);
    expect(sink.messages.map((m) => m.subject).sort()).toEqual(
      [
        'Invitation: career conversation with Engineer 6, Wed 4 Mar 2026, 10:00 UTC',
        'Invitation: career conversation with Mina Manager, Wed 4 Mar 2026, 11:00 UTC+1',
        'Prepare for your career conversation on Wed 4 Mar 2026, 11:00 UTC+1',
      ].sort(),
    );
    expect(before).toBe(11);
    const keys = await t.db
      .selectFrom('outbox_messages')
      .select('dedupe_key')
      .where('dedupe_key', 'like', `%${c6.id}%`)
      .execute();
    expect(keys).toHaveLength(3);
  });

  it('respects each person’s choices and the link-only setting', async () => {
    const sevenAgent = await t.agentFor(engineer(7));
    const off = await sevenAgent.patch('/api/reminder-preferences', {
      engineer_prep: false,
      calendar_invites: false,
    });
    expect(off.status).toBe(200);
    const c7 = await scheduleConversation(managerAgent, engineer(7).id, {
      startsAt: '2026-03-04T12:00:00Z',
    });
    const keys7 = (
      await t.db
        .selectFrom('outbox_messages')
        .select(['dedupe_key', 'recipient_id'])
        .where('dedupe_key', 'like', `%${c7.id}%`)
        .execute()
    ).map((r) => r.recipient_id);
    // Only the manager's invitation: the engineer turned off prep prompts and invitations.
    expect(keys7).toEqual([manager.id]);
    // Invitations turned back on, the cancellation still goes only to the calendar that had one.
    const on = await sevenAgent.patch('/api/reminder-preferences', { calendar_invites: true });
    expect(on.status).toBe(200);
    const cancelled = await managerAgent.post(`/api/conversations/${c7.id}/cancellation`, {
      reason: 'Moved to next month',
    });
    expect(cancelled.status).toBe(200);
    await t.services.reminders.tick();
    const cancels7 = await t.db
      .selectFrom('outbox_messages')
      .select('recipient_id')
      .where('kind', '=', 'calendar.cancel')
      .where('dedupe_key', 'like', `invite:${c7.id}:%`)
      .execute();
    expect(cancels7.map((r) => r.recipient_id)).toEqual([manager.id]);

    const admin = await t.buildPerson({ name: 'Ada Admin', isAdmin: true });
    const adminAgent = await t.agentFor(admin);
    const mail = await adminAgent.get<{ version: number }>('/api/mail-settings');
    const linkOnly = { isLinkOnly: true, baseVersion: mail.body.version };
    expect((await adminAgent.put('/api/mail-settings', linkOnly)).status).toBe(200);
    const c8 = await insertHeldConversation(t, pair(8), {
      kind: 'initial',
      daysAgo: 1,
      summaryAfterHours: 2,
    });
    await t.services.reminders.tick();
    const ack = await t.db
      .selectFrom('outbox_messages')
      .select(['kind', 'text_body'])
      .where('dedupe_key', '=', `reminder:acknowledgement:${c8}:v1`)
      .executeTakeFirstOrThrow();
    expect(ack.kind).toBe('reminder.acknowledgement');
    expect(ack.text_body).not.toContain(CANARY);
    expect(ack.text_body).toContain(`/conversations/${c8}`);
  });
});
