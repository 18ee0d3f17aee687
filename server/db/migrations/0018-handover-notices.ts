import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * The reminder pass looks for handover notes written in the last fortnight, or whose manager
 * change took effect in the last week, to tell the engineer and the next manager about them
 * (ADR 106). Written notes only, so the pass reads two short index ranges instead of every note
 * of every past manager change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['written_at', 'change_on'] as const)
    await db.schema
      .createIndex(`contract_handovers_${column}_idx`)
      .on('contract_handovers')
      .columns([column, 'id'])
      .where(sql<boolean>`written_at is not null`)
      .execute();
}
