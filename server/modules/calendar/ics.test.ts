import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildFeed, buildInvite } from './ics.ts';
import type { CalendarEvent } from './ics.ts';

const base: CalendarEvent = {
  uid: 'conversation-1@trajectory',
  sequence: 0,
  start: new Date('2026-03-26T09:00:00Z'),
  durationMinutes: 60,
  timezone: 'Europe/London',
  title: 'Career conversation: Ada and Sam',
  stampedAt: new Date('2026-03-01T12:00:00Z'),
  organizer: { name: 'Ada Manager', email: 'ada@example.test' },
  attendees: [{ name: 'Sam Engineer', email: 'sam@example.test' }],
};

function parse(content: string) {
  const component = new ICAL.Component(ICAL.parse(content));
  const vevent = component.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { component, vevent, event: new ICAL.Event(vevent) };
}

describe('buildInvite', () => {
  it('writes a REQUEST with a stable UID, its sequence, a UTC DTSTAMP and one VTIMEZONE per TZID', () => {
    const invite = buildInvite(base);
    expect(invite.method).toBe('REQUEST');
    const { component, vevent, event } = parse(invite.content);
    expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe('conversation-1@trajectory');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(invite.content).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/m);
    expect(invite.content).toMatch(/^DTSTART;TZID=Europe\/London:20260326T090000$/m);
    expect(
      component.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    ).toEqual(['Europe/London']);
  });

  it('places the event at the right instant on each side of a DST change', () => {
    const beforeChange = buildInvite(base);
    const afterChange = buildInvite({ ...base, start: new Date('2026-03-30T08:00:00Z') });
    for (const [invite, expectedUtc, local] of [
      [beforeChange, '2026-03-26T09:00:00Z', '20260326T090000'],
      [afterChange, '2026-03-30T08:00:00Z', '20260330T090000'],
    ] as const) {
      const { component, event } = parse(invite.content);
      const zone = new ICAL.Timezone(component.getFirstSubcomponent('vtimezone') ?? undefined);
      ICAL.TimezoneService.register(zone, 'Europe/London');
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(expectedUtc).toISOString());
      expect(invite.content).toContain(`DTSTART;TZID=Europe/London:${local}`);
    }
  });

  it('cancels with METHOD:CANCEL, the same UID, a raised SEQUENCE and STATUS:CANCELLED', () => {
    const cancel = buildInvite({ ...base, sequence: 2, isCancelled: true });
    expect(cancel.method).toBe('CANCEL');
    const { component, vevent } = parse(cancel.content);
    expect(component.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('uid')).toBe(base.uid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe('buildFeed', () => {
  it('lists every event without a METHOD and with a refresh interval', () => {
    const feed = buildFeed('Trajectory: Sam', [
      base,
      { ...base, uid: 'conversation-2@trajectory', timezone: 'America/New_York' },
    ]);
    const component = new ICAL.Component(ICAL.parse(feed));
    expect(component.getFirstPropertyValue('method')).toBeNull();
    expect(component.getAllSubcomponents('vevent')).toHaveLength(2);
    expect(
      component
        .getAllSubcomponents('vtimezone')
        .map((z) => z.getFirstPropertyValue('tzid'))
        .sort(),
    ).toEqual(['America/New_York', 'Europe/London']);
    expect(feed).toMatch(/X-PUBLISHED-TTL:PT1H/);
  });
});
