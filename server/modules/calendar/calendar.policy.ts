import { definePolicy } from '../../policies/authorize.ts';
import { isSelf, isSignedIn } from '../../policies/predicates.ts';

/** Managing one's own feed address: every signed-in person, for themself only. */
export const ownCalendarFeedPolicy = definePolicy<null, 'manage'>({
  name: 'own-calendar-feed',
  noun: 'calendar feed',
  view: isSignedIn,
  actions: { manage: isSignedIn },
});

export interface FeedResource {
  personId: string;
}

/**
 * Reading a feed: the secret address stands for its owner, so the request runs as that person and
 * sees only their own conversations and due dates. An unknown or revoked address does not exist (404).
 */
export const calendarFeedPolicy = definePolicy<FeedResource | null, never>({
  name: 'calendar-feed',
  noun: 'calendar feed',
  view: (actor, feed) => feed !== null && isSelf(actor, feed.personId),
  actions: {},
});
