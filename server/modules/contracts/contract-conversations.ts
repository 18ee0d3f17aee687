import type { Transaction } from '../../db/client.ts';

/**
 * Hooks the conversations module calls so quarterly conversations review the contract: a
 * quarterly scheduled while a contract is in force links to it, and holding a linked quarterly
 * counts as a review.
 */
export async function linkQuarterlyToContract(
  db: Transaction,
  input: { conversationId: string; engineerId: string; kind: string; at: string },
): Promise<void> {
  if (input.kind !== 'quarterly') return;
  const contract = await db
    .selectFrom('contracts')
    .select('id')
    .where('engineer_id', '=', input.engineerId)
    .where('status', 'in', ['active', 'paused'])
    .executeTakeFirst();
  if (!contract) return;
  await db
    .updateTable('conversations')
    .set({ contract_id: contract.id })
    .where('id', '=', input.conversationId)
    .execute();
  await db
    .updateTable('contracts')
    .set({ last_referenced_at: input.at })
    .where('id', '=', contract.id)
    .execute();
}

/** A held quarterly linked to a contract reviews it (last reviewed and last referenced move). */
export async function recordContractReview(
  db: Transaction,
  input: { conversationId: string; at: string },
): Promise<void> {
  const conversation = await db
    .selectFrom('conversations')
    .select(['contract_id', 'kind'])
    .where('id', '=', input.conversationId)
    .executeTakeFirst();
  const contractId = conversation?.contract_id;
  if (!contractId || conversation.kind !== 'quarterly') return;
  await db
    .updateTable('contracts')
    .set({ last_reviewed_at: input.at, last_referenced_at: input.at })
    .where('id', '=', contractId)
    .execute();
}
