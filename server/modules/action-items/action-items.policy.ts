import { definePolicy } from '../../policies/authorize.ts';
import type { Actor } from '../../policies/actor.ts';
import { isSelf } from '../../policies/predicates.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';

export interface ActionItemResource {
  engineerId: string;
  managerId: string;
  /** Set for development-contract commitments, which are C3: they follow the engineer. */
  contractId: string | null;
  facts: PairFacts;
}

const isEngineer = (actor: Actor, item: ActionItemResource) => isSelf(actor, item.engineerId);
const isItemsManager = (actor: Actor, item: ActionItemResource) => isSelf(actor, item.managerId);
const isCurrentManager = (actor: Actor, item: ActionItemResource) =>
  isSelf(actor, item.facts.currentManagerId ?? '');
/** The reporting line the item was agreed under is still in force. */
const isPairCurrent = (item: ActionItemResource) => item.facts.currentManagerId === item.managerId;

/**
 * An action item from a conversation is part of the shared record (C2): the engineer and the
 * manager it was agreed with read it; either changes it while that reporting line is in force.
 * A development-contract commitment (C3) follows the engineer instead: the engineer and their
 * manager today read it, and a former manager loses access from the change date. One made by a
 * former manager is changed only once the new manager has taken it over.
 */
export const actionItemPolicy = definePolicy<ActionItemResource | null, 'update'>({
  name: 'action-item',
  noun: 'action item',
  view: (actor, item) =>
    item !== null &&
    (item.contractId !== null
      ? isEngineer(actor, item) || isCurrentManager(actor, item)
      : isEngineer(actor, item) || isItemsManager(actor, item)),
  actions: {
    update: (actor, item) =>
      item !== null &&
      (item.contractId !== null
        ? isEngineer(actor, item) || isCurrentManager(actor, item)
        : isEngineer(actor, item) || isItemsManager(actor, item)) &&
      isPairCurrent(item),
  },
});
