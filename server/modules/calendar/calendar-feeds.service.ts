import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Obligation } from '../../../shared/cadence/cadence.ts';
import type { CalendarFeed } from '../../../shared/schemas/cadence.ts';
import type { Clock } from '../../clock.ts';
import { DAY_MS, HOUR_MS, toIsoDate } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor, PersonActor } from '../../policies/actor.ts';
import { systemActor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import { listPeopleByIds, listSelfAndReports } from '../cadence/cadence-history.repository.ts';
import { readCadencePolicy } from '../cadence/cadence-settings.service.ts';
import { loadSnapshots } from '../cadence/cadence-snapshots.ts';
import type { EngineerSnapshot } from '../cadence/cadence-snapshots.ts';
import { localTime } from '../reminders/reminder-rules.ts';
import { findPersonById } from '../people/people.repository.ts';
import { calendarFeedPolicy, ownCalendarFeedPolicy } from './calendar.policy.ts';
import {
  findActiveFeed,
  findActiveFeedOf,
  insertFeed,
  revokeFeedsOf,
  touchFeed,
} from './calendar-feeds.repository.ts';
import { buildFeed } from './ics.ts';
import type { CalendarEvent } from './ics.ts';
import { conversationEvent, partyFromAddress } from './invites.ts';
import { listInviteFacts } from './invites.repository.ts';

/*
 * Per-person secret ICS feeds. The address is the feed's id followed by an HMAC of it under the
 * server's secret key, so it can be shown again at any time without storing it, and revoking the
 * feed (a new row, the old one revoked) invalidates the old address at once.
 */

const ID_HEX_LENGTH = 32;
/** Conversations this far back stay in the feed, so a subscriber sees recent history too. */
const PAST_WINDOW_MS = 90 * DAY_MS;

function macOf(secretKey: string, feedId: string): string {
  return createHmac('sha256', secretKey).update(`calendar-feed:${feedId}`).digest('base64url');
}

export function feedTokenOf(secretKey: string, feedId: string): string {
  return `${feedId.replace(/-/g, '')}${macOf(secretKey, feedId)}`;
}

/** The feed id a token names, when its MAC is right; null otherwise. */
export function feedIdOf(secretKey: string, token: string): string | null {
  const bare = token.replace(/\.ics$/, '');
  const hex = bare.slice(0, ID_HEX_LENGTH);
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const given = Buffer.from(bare.slice(ID_HEX_LENGTH));
  const expected = Buffer.from(macOf(secretKey, id));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

const dueTitles: Partial<Record<Obligation['kind'], (other: string) => string>> = {
  initial_conversation: (other) => `Due: first career conversation with ${other}`,
  quarterly_conversation: (other) => `Due: quarterly review with ${other}`,
  annual_conversation: (other) => `Due: full career conversation with ${other}`,
  summary: (other) => `Due: summary for ${other}`,
  acknowledgement: (other) => `Due: acknowledge the summary from ${other}`,
  plan_check: () => 'Due: monthly development plan check',
};

export function createCalendarFeedService(deps: {
  database: Database;
  clock: Clock;
  config: Config;
}) {
  const { database, clock, config } = deps;
  const { db } = database;
  const urlOf = (feedId: string) =>
    `${config.baseUrl}/api/calendar-feeds/${feedTokenOf(config.secretKey, feedId)}.ics`;

  async function present(personId: string): Promise<CalendarFeed> {
    const feed = await findActiveFeedOf(db, personId);
    return feed
      ? { url: urlOf(feed.id), createdAt: feed.createdAt }
      : { url: null, createdAt: null };
  }

  /** Due dates the owner is responsible for, as whole-day markers in their own zone. */
  function dueEvents(
    owner: { id: string; timezone: string },
    snapshots: readonly EngineerSnapshot[],
    names: ReadonlyMap<string, string>,
    now: Date,
  ): CalendarEvent[] {
    const events: CalendarEvent[] = [];
    for (const s of snapshots) {
      const isOwnRecord = s.engineer.id === owner.id;
      for (const o of s.obligations) {
        if (o.state === 'done') continue;
        const conversation = s.conversations.find((c) => c.id === o.conversationId);
        const isMine = isOwnRecord
          ? o.owner === 'engineer'
          : o.owner === 'manager' && (conversation?.managerId ?? s.engineer.managerId) === owner.id;
        const title = dueTitles[o.kind];
        // A conversation already on the calendar needs no second marker for its due date.
        const isScheduled = o.kind.endsWith('_conversation') && o.conversationId !== null;
        if (!isMine || !title || isScheduled) continue;
        const other = isOwnRecord
          ? (names.get(conversation?.managerId ?? s.engineer.managerId) ?? s.engineer.managerName)
          : s.engineer.name;
        const subject = o.conversationId ?? s.engineer.id;
        events.push({
          uid: `due-${o.kind}-${subject}@trajectory`,
          sequence: 0,
          start: new Date(o.dueAt),
          durationMinutes: 0,
          timezone: owner.timezone,
          allDayOn: localTime(new Date(o.dueAt), owner.timezone).date,
          title: title(other),
          url: o.conversationId
            ? `${config.baseUrl}/conversations/${o.conversationId}`
            : `${config.baseUrl}/`,
          stampedAt: now,
        });
      }
    }
    return events;
  }

  return {
    /** The actor's feed address, or none. */
    async getOwnFeed(actor: Actor): Promise<CalendarFeed> {
      authorize(actor, ownCalendarFeedPolicy, 'view', null);
      return present(requirePerson(actor).id);
    },

    /** Creates the actor's feed address, revoking any earlier one (calendars using it stop updating). */
    async createOwnFeed(actor: Actor): Promise<CalendarFeed> {
      authorize(actor, ownCalendarFeedPolicy, 'manage', null);
      const person = requirePerson(actor);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await revokeFeedsOf(trx, person.id, at);
        await insertFeed(trx, { id: randomUUID(), personId: person.id, at });
      });
      return present(person.id);
    },

    /** Revokes the actor's feed address. */
    async revokeOwnFeed(actor: Actor): Promise<void> {
      authorize(actor, ownCalendarFeedPolicy, 'manage', null);
      await revokeFeedsOf(db, requirePerson(actor).id, clock.now().toISOString());
    },

    /**
     * The ICS text behind a secret address: the owner's conversations (recent and upcoming) and the
     * due dates they own. NotFoundError for an unknown, forged or revoked address.
     */
    async getFeedContent(token: string): Promise<string> {
      const feedId = feedIdOf(config.secretKey, token);
      const feed = feedId ? await findActiveFeed(db, feedId) : undefined;
      const owner = feed ? await findPersonById(db, feed.personId) : undefined;
      if (!feed || !owner || !owner.isActive) {
        authorize(systemActor, calendarFeedPolicy, 'view', null);
        throw new NotFoundError('calendar feed');
      }
      const actor: PersonActor = {
        kind: 'person',
        id: owner.id,
        isAdmin: owner.isAdmin,
        isPeopleTeam: owner.isPeopleTeam,
      };
      authorize(actor, calendarFeedPolicy, 'view', { personId: owner.id });
      const now = clock.now();
      const today = toIsoDate(now);
      const policy = await readCadencePolicy(db);
      const { self, reports } = await listSelfAndReports(db, owner.id, today);
      const snapshots = await loadSnapshots(
        db,
        [...(self ? [self] : []), ...reports],
        policy,
        now,
        {
          commitments: 'none',
        },
      );

      const conversations = snapshots
        .flatMap((s) => s.conversations)
        .filter((c) => c.engineerId === owner.id || c.managerId === owner.id)
        .filter((c) => {
          const startMs = Date.parse(c.startsAt);
          if (c.status === 'cancelled')
            return (
              c.cancelledAt !== null && now.getTime() - Date.parse(c.cancelledAt) < 30 * DAY_MS
            );
          return startMs >= now.getTime() - PAST_WINDOW_MS;
        });
      const facts = await listInviteFacts(
        db,
        conversations.map((c) => c.id),
      );
      const people = await listPeopleByIds(
        db,
        facts.flatMap((f) => [f.engineerId, f.managerId]),
      );
      const byId = new Map(people.map((p) => [p.id, p]));
      const organizer = partyFromAddress(config.mailFrom);
      const events: CalendarEvent[] = [];
      for (const f of facts) {
        const engineer = byId.get(f.engineerId);
        const manager = byId.get(f.managerId);
        if (!engineer || !manager) continue;
        events.push(
          conversationEvent({
            facts: f,
            engineer,
            manager,
            organizer,
            baseUrl: config.baseUrl,
            stampedAt: now,
          }),
        );
      }
      const names = new Map(people.map((p) => [p.id, p.name]));
      for (const s of snapshots) names.set(s.engineer.managerId, s.engineer.managerName);
      events.push(...dueEvents(owner, snapshots, names, now));
      if (!feed.lastFetchedAt || now.getTime() - Date.parse(feed.lastFetchedAt) > HOUR_MS)
        await touchFeed(db, feed.id, now.toISOString());
      return buildFeed(`Trajectory: ${owner.name}`, events);
    },
  };
}

export type CalendarFeedService = ReturnType<typeof createCalendarFeedService>;
