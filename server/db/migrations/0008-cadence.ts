import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const reminderKinds = sql`kind in ('engineer_prep','manager_prep','summary','acknowledgement','plan_check','weekly_digest','calendar_invites')`;

/**
 * Cadence as infrastructure: the organisation's cadence policy and mail setting, each person's
 * reminder choices, and secret calendar feeds (the token is derived from the row id, never stored).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cadence_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('mail_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('is_link_only', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('reminder_preferences')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(reminderKinds))
    .addColumn('is_enabled', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_preferences_pk', ['person_id', 'kind'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_fetched_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('calendar_feeds_person_active_uq')
    .on('calendar_feeds')
    .column('person_id')
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();

  // The reminder scheduler and the dashboards read held conversations by engineer and time.
  await db.schema
    .createIndex('conversations_status_idx')
    .on('conversations')
    .columns(['status', 'starts_at'])
    .execute();
}
