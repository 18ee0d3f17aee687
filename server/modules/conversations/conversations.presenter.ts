import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf } from '../../policies/authorize.ts';
import { formatStartInZone, neutralKindOf } from '../../../shared/schemas/conversations.ts';
import type {
  Conversation,
  ConversationEvent,
  ConversationKind,
} from '../../../shared/schemas/conversations.ts';
import { endOf, summaryDueAt, summaryStatusAt } from './conversation-status.ts';
import type { SummaryPolicy } from './conversation-status.ts';
import { conversationPolicy } from './conversations.policy.ts';
import type { ConversationResource } from './conversations.policy.ts';
import type { ConversationEventRow, ConversationRow } from './conversations.repository.ts';

function presentEvent(row: ConversationEventRow): ConversationEvent {
  return {
    action: row.action as ConversationEvent['action'],
    actor: row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    reason: row.reason,
    at: row.createdAt,
  };
}

/**
 * Whether the actor reads the record of a conversation (the pair) or its metadata only, and the
 * kind they see: `performance` shows as `check_in` to anyone outside the pair.
 */
export function conversationAccess(
  actor: Actor,
  resource: ConversationResource,
  kind: ConversationKind,
): { access: Conversation['access']; kind: Conversation['kind'] } {
  return conversationPolicy.actions.readRecord(actor, resource)
    ? { access: 'participant', kind }
    : { access: 'metadata', kind: neutralKindOf(kind) };
}

/**
 * A conversation as the actor may see it: the pair gets the record (C1 + C2); leaders and admins
 * get metadata only (C1), with every C2 field null and `performance` shown as `check_in`.
 */
export function presentConversation(input: {
  actor: Actor;
  row: ConversationRow;
  resource: ConversationResource;
  events: ConversationEventRow[] | null;
  now: Date;
  policy: SummaryPolicy;
}): Conversation {
  const { actor, row, resource, now, policy } = input;
  const { access, kind } = conversationAccess(actor, resource, row.kind);
  const isParticipant = access === 'participant';
  const dueAt = summaryDueAt(row, policy);
  const status = summaryStatusAt(row, now, policy);
  return {
    id: row.id,
    access,
    kind,
    status: row.status,
    engineer: { id: row.engineerId, name: row.engineerName },
    manager: { id: row.managerId, name: row.managerName },
    startsAt: row.startsAt,
    endsAt: endOf({ ...row, completedAt: null }).toISOString(),
    durationMinutes: row.durationMinutes,
    localStarts: [
      { personId: row.engineerId, timezone: row.engineerTimezone },
      { personId: row.managerId, timezone: row.managerTimezone },
    ].map((p) => ({ ...p, display: formatStartInZone(row.startsAt, p.timezone) })),
    summaryStatus: status,
    summaryDueAt: dueAt ? dueAt.toISOString() : null,
    isAcknowledged: status === 'acknowledged',
    place: isParticipant ? row.place : null,
    agenda: isParticipant ? row.agenda : null,
    proposedBy:
      isParticipant && row.proposedById && row.proposedByName
        ? { id: row.proposedById, name: row.proposedByName }
        : null,
    bankVersion: isParticipant ? row.bankVersion : null,
    contractId: isParticipant ? row.contractId : null,
    history: isParticipant && input.events ? input.events.map(presentEvent) : null,
    abilities: abilitiesOf(actor, conversationPolicy, resource),
  };
}
