import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFeed } from '../../../shared/schemas/cadence.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import {
  createConversationHarness,
  scheduleConversation,
} from '../conversations/conversations.fixtures.ts';
import { feedTokenOf } from './calendar-feeds.service.ts';

/*
 * Invitations and feeds, read back with a real iCalendar parser (ical.js): stable UID, SEQUENCE
 * raised on every change, METHOD:CANCEL, a VTIMEZONE for the organiser's zone, and the right
 * instant on both sides of the March 2026 change to summer time in London.
 */

function parse(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = String(zone.getFirstPropertyValue('tzid'));
    ICAL.TimezoneService.register(new ICAL.Timezone(zone), tzid);
  }
  return calendar;
}

const eventsOf = (calendar: ICAL.Component) =>
  calendar.getAllSubcomponents('vevent').map((v) => ({ vevent: v, event: new ICAL.Event(v) }));

describe('calendar invitations and feeds', () => {
  let t: TestHarness;
  let manager: TestPerson;
  let engineer: TestPerson;
  let newcomer: TestPerson;
  let managerAgent: Agent;
  let engineerAgent: Agent;
  let conversationId = '';

  const invitesOf = (id: string) =>
    t.db
      .selectFrom('outbox_messages')
      .select(['dedupe_key', 'recipient_id', 'ical_method', 'ical_body', 'subject', 'text_body'])
      .where('kind', 'in', ['calendar.invite', 'calendar.cancel'])
      .where('dedupe_key', 'like', `invite:${id}:%`)
      .orderBy('created_at')
      .orderBy('dedupe_key')
      .execute();

  beforeAll(async () => {
    t = await createConversationHarness();
    await t.buildOrganization();
    manager = await t.buildPerson({
      name: 'Mina Manager',
      email: 'mina@example.test',
      timezone: 'Europe/London',
    });
    engineer = await t.buildPerson({
      name: 'Eli Engineer',
      email: 'eli@example.test',
      managerId: manager.id,
      timezone: 'America/New_York',
    });
    newcomer = await t.buildPerson({ name: 'Nia Newcomer', managerId: manager.id });
    managerAgent = await t.agentFor(manager);
    engineerAgent = await t.agentFor(engineer);
  });
  afterAll(() => t.close());

  it('invites both people with METHOD:REQUEST in the organiser’s zone', async () => {
    const conversation = await scheduleConversation(managerAgent, engineer.id, {
      startsAt: '2026-03-26T09:00:00Z',
      place: 'Room 4',
      agenda: 'AGENDA-NEVER-IN-A-CALENDAR',
    });
    conversationId = conversation.id;
    const invites = await invitesOf(conversationId);
    expect(invites.map((i) => i.recipient_id).sort()).toEqual([engineer.id, manager.id].sort());
    for (const invite of invites) {
      expect(invite.ical_method).toBe('REQUEST');
      const calendar = parse(invite.ical_body ?? '');
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(
        calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
      ).toEqual(['Europe/London']);
      const [{ vevent, event }] = eventsOf(calendar) as [
        { vevent: ICAL.Component; event: ICAL.Event },
      ];
      expect(event.uid).toBe(`conversation-${conversationId}@trajectory`);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-26T09:00:00.000Z');
      expect(invite.ical_body).toContain('DTSTART;TZID=Europe/London:20260326T090000');
      expect(event.location).toBe('Room 4');
      expect(event.summary).toBe('Career conversation: Eli Engineer and Mina Manager');
      expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort()).toEqual([
        'mailto:eli@example.test',
        'mailto:mina@example.test',
      ]);
      expect(invite.ical_body).not.toContain('AGENDA-NEVER');
      expect(invite.text_body).not.toContain('AGENDA-NEVER');
    }
    const toEngineer = invites.find((i) => i.recipient_id === engineer.id);
    // The subject shows the time in the recipient's own zone (New York: 05:00).
    expect(toEngineer?.subject).toBe(
      'Invitation: career conversation with Mina Manager, Thu 26 Mar 2026, 05:00 UTC-4',
    );
  });

  it('moves the same event across the change to summer time with a raised SEQUENCE', async () => {
    const moved = await managerAgent.patch(`/api/conversations/${conversationId}`, {
      startsAt: '2026-03-30T08:00:00Z',
      reason: 'Clash',
    });
    expect(moved.status).toBe(200);
    const update = (await invitesOf(conversationId)).filter((i) => i.dedupe_key.endsWith(':1'));
    expect(update).toHaveLength(2);
    for (const invite of update) {
      const calendar = parse(invite.ical_body ?? '');
      const [{ vevent, event }] = eventsOf(calendar) as [
        { vevent: ICAL.Component; event: ICAL.Event },
      ];
      expect(event.uid).toBe(`conversation-${conversationId}@trajectory`);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
      // 09:00 in London both times: GMT before 29 March, BST after.
      expect(invite.ical_body).toContain('DTSTART;TZID=Europe/London:20260330T090000');
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-30T08:00:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-30T09:00:00.000Z');
      expect(invite.subject.startsWith('Updated:')).toBe(true);
    }
  });

  it('cancels with METHOD:CANCEL, the same UID and a higher SEQUENCE', async () => {
    const cancelled = await engineerAgent.post(
      `/api/conversations/${conversationId}/cancellation`,
      {
        reason: 'Out sick',
      },
    );
    expect(cancelled.status).toBe(200);
    const cancels = (await invitesOf(conversationId)).filter((i) => i.ical_method === 'CANCEL');
    expect(cancels).toHaveLength(2);
    for (const invite of cancels) {
      const calendar = parse(invite.ical_body ?? '');
      expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      const [{ vevent }] = eventsOf(calendar) as [{ vevent: ICAL.Component; event: ICAL.Event }];
      expect(vevent.getFirstPropertyValue('uid')).toBe(`conversation-${conversationId}@trajectory`);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    }
    // The scheduler finds nothing more to send for it.
    expect((await t.services.reminders.tick()).queued).toBeGreaterThanOrEqual(0);
    expect(await invitesOf(conversationId)).toHaveLength(6);
  });

  it('gives each person a secret feed address to subscribe to, and nobody else', async () => {
    expect((await t.agent().get('/api/calendar-feed')).status).toBe(401);
    const none = await engineerAgent.get<CalendarFeed>('/api/calendar-feed');
    expect(none.body).toEqual({ url: null, createdAt: null });
    const created = await engineerAgent.post<CalendarFeed>('/api/calendar-feed');
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/api\/calendar-feeds\/[A-Za-z0-9_-]+\.ics$/);
    expect((await engineerAgent.get<CalendarFeed>('/api/calendar-feed')).body.url).toBe(
      created.body.url,
    );
    const managerFeed = await managerAgent.get<CalendarFeed>('/api/calendar-feed');
    expect(managerFeed.body.url).toBeNull();
  });

  it('serves the feed to calendar programs: conversations at the right instant, due dates as days', async () => {
    const before = await scheduleConversation(managerAgent, engineer.id, {
      kind: 'event',
      startsAt: '2026-03-25T09:00:00Z',
    });
    const later = await scheduleConversation(managerAgent, engineer.id, {
      startsAt: '2026-04-02T13:30:00Z',
      place: 'https://meet.example.test/abc',
    });
    const feed = await engineerAgent.get<CalendarFeed>('/api/calendar-feed');
    const path = new URL(feed.body.url ?? '').pathname;
    const response = await t.agent().get<string>(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const calendar = parse(response.body);
    expect(calendar.getFirstPropertyValue('method')).toBeNull();
    const events = eventsOf(calendar);
    const byUid = new Map(events.map((e) => [e.event.uid, e]));
    const cancelled = byUid.get(`conversation-${conversationId}@trajectory`);
    expect(cancelled?.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    const upcoming = byUid.get(`conversation-${later.id}@trajectory`);
    // 13:30 UTC on 2 April is 14:30 BST in the organiser's zone.
    expect(upcoming?.event.startDate.toJSDate().toISOString()).toBe('2026-04-02T13:30:00.000Z');
    expect(response.body).toContain('DTSTART;TZID=Europe/London:20260402T143000');
    // Before the change to summer time, the same wall clock is a different offset.
    const earlier = byUid.get(`conversation-${before.id}@trajectory`);
    expect(earlier?.event.startDate.toJSDate().toISOString()).toBe('2026-03-25T09:00:00.000Z');
    expect(response.body).toContain('DTSTART;TZID=Europe/London:20260325T090000');
    expect(response.body).not.toContain('AGENDA-NEVER');

    // The manager's feed carries what they owe: the newcomer's first conversation, as a day.
    const created = await managerAgent.post<CalendarFeed>('/api/calendar-feed');
    const managerCalendar = parse(
      (await t.agent().get<string>(new URL(created.body.url ?? '').pathname)).body,
    );
    const due = eventsOf(managerCalendar).find(
      (e) => e.event.summary === 'Due: first career conversation with Nia Newcomer',
    );
    expect(due?.event.startDate.isDate).toBe(true);
    expect(due?.event.startDate.toString()).toBe('2026-03-16');
    expect(due?.vevent.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(newcomer.name).toBe('Nia Newcomer');
  });

  it('stops serving an address once it is replaced or turned off, and refuses forged ones', async () => {
    const first = (await engineerAgent.get<CalendarFeed>('/api/calendar-feed')).body.url ?? '';
    const rotated = await engineerAgent.post<CalendarFeed>('/api/calendar-feed');
    const second = rotated.body.url ?? '';
    expect(second).not.toBe(first);
    expect((await t.agent().get(new URL(first).pathname)).status).toBe(404);
    expect((await t.agent().get(new URL(second).pathname)).status).toBe(200);

    const token = new URL(second).pathname.split('/').pop()?.replace('.ics', '') ?? '';
    const forged = `${token.slice(0, 32)}${'A'.repeat(token.length - 32)}`;
    expect((await t.agent().get(`/api/calendar-feeds/${forged}.ics`)).status).toBe(404);
    const otherSecret = feedTokenOf(
      'another-secret-key-that-is-long-enough',
      '00000000-0000-4000-8000-000000000000',
    );
    expect((await t.agent().get(`/api/calendar-feeds/${otherSecret}.ics`)).status).toBe(404);
    expect((await t.agent().get('/api/calendar-feeds/not%20a%20token')).status).toBe(400);

    expect((await engineerAgent.delete('/api/calendar-feed')).status).toBe(204);
    expect((await t.agent().get(new URL(second).pathname)).status).toBe(404);
    expect((await engineerAgent.get<CalendarFeed>('/api/calendar-feed')).body.url).toBeNull();
  });
});
