import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import type { ICalCalendar } from 'ical-generator';
import dayjs from 'dayjs';
import timezonePlugin from 'dayjs/plugin/timezone.js';
import utcPlugin from 'dayjs/plugin/utc.js';

dayjs.extend(utcPlugin);
dayjs.extend(timezonePlugin);

/**
 * iCalendar output (RFC 5545/5546) for invites and per-person feeds. Titles are neutral ("Career
 * conversation: Alex and Sam"); agendas and notes never go into a calendar (security.md R2).
 */
export interface CalendarParty {
  name: string;
  email: string;
}

export interface CalendarEvent {
  /** Stable per conversation, so every update and cancellation replaces the same event. */
  uid: string;
  /** Raised on every meaningful change (time, place, cancellation). */
  sequence: number;
  start: Date;
  durationMinutes: number;
  /** The zone the event is anchored in (the organiser's), written with its VTIMEZONE. */
  timezone: string;
  title: string;
  location?: string;
  url?: string;
  isCancelled?: boolean;
  organizer?: CalendarParty;
  attendees?: CalendarParty[];
  /** When the event was last changed; DTSTAMP. */
  stampedAt: Date;
  /** A whole-day marker (a due date, `YYYY-MM-DD`) instead of a timed meeting; shown as free. */
  allDayOn?: string;
  description?: string;
}

const PRODUCT_ID = { company: 'Trajectory', product: 'Career conversations', language: 'EN' };

function newCalendar(name: string, method: ICalCalendarMethod | null): ICalCalendar {
  const calendar = ical({ name, prodId: PRODUCT_ID });
  // A null name keeps the calendar itself zone-free (a calendar-level zone name makes 10.2.0 write
  // DTSTAMP without Z); the generator emits one VTIMEZONE for every TZID an event uses.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  if (method) calendar.method(method);
  return calendar;
}

function addEvent(calendar: ICalCalendar, event: CalendarEvent): void {
  if (event.allDayOn) {
    // A date, not an instant: DTSTART;VALUE=DATE, the same day in every zone.
    const day = dayjs.utc(`${event.allDayOn}T00:00:00Z`);
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      allDay: true,
      start: day,
      end: day.add(1, 'day'),
      stamp: event.stampedAt,
      summary: event.title,
      description: event.description ?? null,
      url: event.url ?? null,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    return;
  }
  // ical-generator cannot convert a plain Date into a zone: given one it writes UTC clock time
  // under the TZID. A zoned dayjs value makes it write the local wall time.
  const inZone = (at: Date) => dayjs(at).tz(event.timezone);
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    start: inZone(event.start),
    end: inZone(new Date(event.start.getTime() + event.durationMinutes * 60_000)),
    timezone: event.timezone,
    stamp: event.stampedAt,
    summary: event.title,
    description: event.description ?? null,
    location: event.location ?? null,
    url: event.url ?? null,
    status: event.isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: event.organizer
      ? { name: event.organizer.name, email: event.organizer.email }
      : null,
    attendees: (event.attendees ?? []).map((a) => ({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      // Replies would go to Trajectory's own address, which does not read them.
      rsvp: false,
    })),
  });
}

/** An invite (METHOD:REQUEST) or cancellation (METHOD:CANCEL) for one conversation. */
export function buildInvite(event: CalendarEvent): {
  method: 'REQUEST' | 'CANCEL';
  content: string;
} {
  const method = event.isCancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = newCalendar(event.title, method);
  addEvent(calendar, event);
  return { method: event.isCancelled ? 'CANCEL' : 'REQUEST', content: calendar.toString() };
}

/** A subscribable feed of a person's conversations and due dates; calendars re-poll it hourly. */
export function buildFeed(name: string, events: CalendarEvent[]): string {
  const calendar = newCalendar(name, null);
  calendar.ttl(60 * 60);
  for (const event of events) addEvent(calendar, event);
  return calendar.toString();
}
