import type { Kysely } from 'kysely';

/**
 * Version counters for the last two organisation settings, the cadence policy and the mail
 * setting (ADR 080): a save names the version it started from. A row saved before this migration
 * starts at version 1, like the records 0010 covered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['cadence_settings', 'mail_settings']) {
    await db.schema
      .alterTable(table)
      .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}
