import type { Kysely } from 'kysely';

/**
 * A number every refresh batch that writes the materialised teams raises in the same transaction,
 * so a server can keep the whole organisation's teams between dashboard requests and know, from
 * one row, whether any instance has written them since (ADR 111).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('coverage_state')
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
