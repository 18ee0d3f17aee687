import type { CalendarEvent, CalendarParty } from './ics.ts';
import type { InviteFactsRow } from './invites.repository.ts';

/** The UID of a conversation's calendar event: the same for its invite, updates, cancellation and feeds. */
export const conversationUid = (conversationId: string) =>
  `conversation-${conversationId}@trajectory`;

/** A place that is a meeting link goes into URL; anything else is the location. */
function placeParts(place: string, conversationUrl: string): { location?: string; url: string } {
  const trimmed = place.trim();
  if (/^https?:\/\/\S+$/.test(trimmed)) return { location: trimmed, url: trimmed };
  return { ...(trimmed ? { location: trimmed } : {}), url: conversationUrl };
}

/**
 * The calendar event of one conversation, anchored in the manager's (the organiser's) zone. The
 * title is neutral and nothing written in the conversation goes into a calendar.
 */
export function conversationEvent(input: {
  facts: InviteFactsRow;
  engineer: CalendarParty & { timezone: string };
  manager: CalendarParty & { timezone: string };
  organizer: CalendarParty;
  baseUrl: string;
  stampedAt: Date;
}): CalendarEvent {
  const { facts, engineer, manager } = input;
  const conversationUrl = `${input.baseUrl}/conversations/${facts.id}`;
  return {
    uid: conversationUid(facts.id),
    sequence: facts.sequence,
    start: new Date(facts.startsAt),
    durationMinutes: facts.durationMinutes,
    timezone: manager.timezone,
    title: `Career conversation: ${engineer.name} and ${manager.name}`,
    ...placeParts(facts.place, conversationUrl),
    isCancelled: facts.status === 'cancelled',
    organizer: input.organizer,
    attendees: [
      { name: engineer.name, email: engineer.email },
      { name: manager.name, email: manager.email },
    ],
    stampedAt: input.stampedAt,
  };
}

/** `Trajectory <trajectory@example.com>` → its name and address, for ORGANIZER. */
export function partyFromAddress(from: string): CalendarParty {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (match?.[2]) return { name: match[1]?.trim() || 'Trajectory', email: match[2].trim() };
  return { name: 'Trajectory', email: from.trim() };
}
