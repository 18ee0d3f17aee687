import { definePolicy } from '../../policies/authorize.ts';
import { isSelf } from '../../policies/predicates.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';

export interface ActionItemResource {
  engineerId: string;
  managerId: string;
  facts: PairFacts;
}

/**
 * An action item is part of the shared record (C2): the engineer and the manager it was agreed
 * with read it; either changes it while that reporting line is in force.
 */
export const actionItemPolicy = definePolicy<ActionItemResource | null, 'update'>({
  name: 'action-item',
  noun: 'action item',
  view: (actor, item) =>
    item !== null && (isSelf(actor, item.engineerId) || isSelf(actor, item.managerId)),
  actions: {
    update: (actor, item) =>
      item !== null &&
      (isSelf(actor, item.engineerId) || isSelf(actor, item.managerId)) &&
      item.facts.currentManagerId === item.managerId,
  },
});
