import type { Obligation } from '../../../shared/cadence/cadence.ts';
import { neutralKindOf } from '../../../shared/schemas/conversations.ts';
import type { VisibleKind } from '../../../shared/schemas/conversations.ts';
import type { ObligationView, PersonRef } from '../../../shared/schemas/cadence.ts';
import type { ConversationFactsRow } from './cadence-history.repository.ts';
import type { EngineerSnapshot } from './cadence-snapshots.ts';

/** A conversation's kind as the viewer may see it: a `performance` one is a neutral check-in outside the pair. */
export function visibleKindFor(viewerId: string, c: ConversationFactsRow): VisibleKind {
  return viewerId === c.engineerId || viewerId === c.managerId ? c.kind : neutralKindOf(c.kind);
}

/**
 * Presents engine obligations with the people and conversation they concern. `names` maps ids of
 * earlier managers (who still owe a summary) to their names.
 */
export function presentObligations(
  snapshot: EngineerSnapshot,
  obligations: readonly Obligation[],
  viewerId: string,
  names: ReadonlyMap<string, string>,
): ObligationView[] {
  const { engineer } = snapshot;
  const byId = new Map(snapshot.conversations.map((c) => [c.id, c]));
  const current: PersonRef = { id: engineer.managerId, name: engineer.managerName };
  return obligations.map((o) => {
    const conversation = o.conversationId ? byId.get(o.conversationId) : undefined;
    const followsConversation = o.kind === 'summary' || o.kind === 'acknowledgement';
    const manager =
      followsConversation && conversation && conversation.managerId !== engineer.managerId
        ? {
            id: conversation.managerId,
            name: names.get(conversation.managerId) ?? 'Former manager',
          }
        : current;
    return {
      kind: o.kind,
      owner: o.owner,
      dueAt: o.dueAt,
      state: o.state,
      reason: o.reason,
      engineer: { id: engineer.id, name: engineer.name },
      manager,
      conversation: conversation
        ? {
            id: conversation.id,
            kind: visibleKindFor(viewerId, conversation),
            startsAt: conversation.startsAt,
            status: conversation.status,
          }
        : null,
    };
  });
}

const STATE_ORDER = { overdue: 0, due: 1, upcoming: 2, done: 3 } as const;

/** Most urgent first: overdue, then due soon, then upcoming; earliest due date within each. */
export function byUrgency(a: ObligationView, b: ObligationView): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    a.dueAt.localeCompare(b.dueAt) ||
    a.kind.localeCompare(b.kind)
  );
}
