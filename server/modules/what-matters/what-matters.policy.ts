import { definePolicy } from '../../policies/authorize.ts';
import { isSelf } from '../../policies/predicates.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';
import { isCurrentManagerOfEngineer } from '../conversations/conversations.policy.ts';

export interface WhatMattersResource {
  engineerId: string;
  sharedWithId: string | null;
  facts: PairFacts;
}

/**
 * A What Matters exercise (C4): the engineer's own. Their manager reads it only while it is
 * shared with them and they still manage the engineer; a new manager waits for a new share.
 */
export const whatMattersPolicy = definePolicy<WhatMattersResource | null, 'share' | 'withdraw'>({
  name: 'what-matters',
  noun: 'What Matters exercise',
  subjectOf: (r) => r?.engineerId ?? null,
  view: (actor, r) =>
    r !== null &&
    (isSelf(actor, r.engineerId) ||
      (r.sharedWithId !== null &&
        isSelf(actor, r.sharedWithId) &&
        isCurrentManagerOfEngineer(actor, r.facts))),
  actions: {
    share: (actor, r) =>
      r !== null && isSelf(actor, r.engineerId) && r.facts.currentManagerId !== null,
    withdraw: (actor, r) => r !== null && isSelf(actor, r.engineerId) && r.sharedWithId !== null,
  },
});

/**
 * An engineer's career record as a whole (their What Matters list, their timeline): the engineer
 * and their current manager; 404 for everyone else.
 */
export const careerRecordPolicy = definePolicy<PairFacts | null, 'create'>({
  name: 'career-record',
  noun: 'person',
  subjectOf: (facts) => facts?.engineerId ?? null,
  view: (actor, facts) =>
    facts !== null && (isSelf(actor, facts.engineerId) || isCurrentManagerOfEngineer(actor, facts)),
  actions: { create: (actor, facts) => facts !== null && isSelf(actor, facts.engineerId) },
});
