import type { Kysely } from 'kysely';

/**
 * Version counters for compare-and-set on shared, editable records (ADR 080): a write names the
 * version it started from and only succeeds while the row still has it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'organizations',
    'sso_settings',
    'framework_levels',
    'framework_competencies',
    'framework_criteria',
  ]) {
    await db.schema
      .alterTable(table)
      .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
  await db.schema
    .alterTable('conversations')
    .addColumn('summary_draft_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
