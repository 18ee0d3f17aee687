import { toIsoDate } from '../../clock.ts';
import type { Transaction } from '../../db/client.ts';
import type { ConversationResource } from './conversations.policy.ts';
import { findConversation, loadPairFacts } from './conversations.repository.ts';
import type { ConversationRow } from './conversations.repository.ts';

export interface LoadedConversation {
  row: ConversationRow;
  resource: ConversationResource;
}

export function toResource(
  row: Pick<ConversationRow, 'id' | 'engineerId' | 'managerId' | 'proposedById' | 'status'>,
  facts: ConversationResource['facts'],
): ConversationResource {
  return {
    id: row.id,
    engineerId: row.engineerId,
    managerId: row.managerId,
    proposedById: row.proposedById,
    status: row.status,
    facts,
  };
}

/**
 * A conversation with the reporting facts of its engineer as of `now` (the injected clock), so
 * every rule sees the relationship in force at request time. Undefined when it does not exist.
 */
export async function loadConversation(
  db: Transaction,
  id: string,
  now: Date,
): Promise<LoadedConversation | undefined> {
  const row = await findConversation(db, id);
  if (!row) return undefined;
  const facts = await loadPairFacts(db, row.engineerId, toIsoDate(now));
  return { row, resource: toResource(row, facts) };
}
