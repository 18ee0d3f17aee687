import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf } from '../../policies/authorize.ts';
import type { ActionItem } from '../../../shared/schemas/conversations.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';
import { actionItemPolicy } from './action-items.policy.ts';
import type { ActionItemRow } from './action-items.repository.ts';

/** An action item with overdue computed against `today` (the injected clock's date). */
export function presentActionItem(
  actor: Actor,
  row: ActionItemRow,
  facts: PairFacts,
  today: string,
): ActionItem {
  return {
    id: row.id,
    conversationId: row.conversationId,
    engineer: { id: row.engineerId, name: row.engineerName },
    manager: { id: row.managerId, name: row.managerName },
    owner: row.owner,
    text: row.text,
    dueOn: row.dueOn,
    isDone: row.isDone,
    doneAt: row.doneAt,
    isOverdue: !row.isDone && row.dueOn !== null && row.dueOn < today,
    createdAt: row.createdAt,
    abilities: abilitiesOf(actor, actionItemPolicy, { ...row, facts }),
  };
}
