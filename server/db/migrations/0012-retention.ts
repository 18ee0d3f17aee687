import type { Kysely } from 'kysely';

/**
 * Leavers and retention (ADR 075): the organisation's retention periods, and on each person when
 * the retention pass last removed their content, so a former employee is processed once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('private_reflections_months', 'integer')
    .addColumn('former_employees_months', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema.alterTable('people').addColumn('content_removed_at', 'timestamptz').execute();
}
