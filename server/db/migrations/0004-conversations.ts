import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const kinds = sql`kind in ('initial','where_now','where_to','close_gap','quarterly','promotion','performance','event')`;
const statuses = sql`status in ('proposed','confirmed','completed','cancelled')`;
const owners = sql`owner in ('engineer','manager')`;
const responseKinds = sql`kind in ('acknowledged','amendment_requested')`;
const valueKeys = sql`value_key in ('impact','promotion','compensation','learning','work_life_balance','culture')`;
const eventActions = sql`action in ('proposed','confirmed','rescheduled','cancelled','completed')`;

/**
 * Career conversations: versioned question banks, conversations with their history, engineer
 * prep, manager prep, private notes, action items, summaries with responses, What Matters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('question_banks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(kinds))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addUniqueConstraint('question_banks_kind_version_uq', ['kind', 'version'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engineer_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('manager_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(kinds))
    .addColumn('status', 'text', (c) => c.notNull().check(statuses))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposed_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('bank_version', 'integer', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('shared_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('shared_notes_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shared_notes_updated_at', 'timestamptz')
    .addColumn('shared_notes_updated_by', 'text', (c) =>
      c.references('people.id').onDelete('set null'),
    )
    .addColumn('summary_draft', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('conversations_not_self', sql`engineer_id <> manager_id`)
    .execute();
  await db.schema
    .createIndex('conversations_engineer_idx')
    .on('conversations')
    .columns(['engineer_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('conversations_manager_idx')
    .on('conversations')
    .columns(['manager_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('conversation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('actor_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull().check(eventActions))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_events_conversation_idx')
    .on('conversation_events')
    .columns(['conversation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('prep_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('prompt_key', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('is_shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('shared_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('prep_answers_prompt_uq', ['conversation_id', 'prompt_key'])
    .execute();

  await db.schema
    .createTable('manager_preps')
    .addColumn('conversation_id', 'text', (c) =>
      c.primaryKey().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('has_reviewed_work', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('has_assessed_framework', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('has_identified_opportunities', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('has_talking_points', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('talking_points', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('private_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('subject_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('conversation_id', 'text', (c) =>
      c.references('conversations.id').onDelete('cascade'),
    )
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('private_notes_scope_uq', ['author_id', 'scope_key'])
    .execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.references('conversations.id').onDelete('cascade'),
    )
    .addColumn('engineer_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('manager_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('owner', 'text', (c) => c.notNull().check(owners))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('is_done', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('action_items_engineer_idx')
    .on('action_items')
    .columns(['engineer_id', 'is_done'])
    .execute();
  await db.schema
    .createIndex('action_items_manager_idx')
    .on('action_items')
    .columns(['manager_id', 'is_done'])
    .execute();

  await db.schema
    .createTable('summary_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('discussed', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('manager_actions', 'text', (c) => c.notNull())
    .addColumn('engineer_actions', 'text', (c) => c.notNull())
    .addColumn('next_check_in_on', 'date')
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addUniqueConstraint('summary_versions_uq', ['conversation_id', 'version'])
    .execute();

  await db.schema
    .createTable('summary_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(responseKinds))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('summary_responses_version_uq', ['conversation_id', 'version'])
    .execute();

  await db.schema
    .createTable('what_matters_exercises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engineer_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('shared_with_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('shared_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('what_matters_engineer_idx')
    .on('what_matters_exercises')
    .columns(['engineer_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('what_matters_values')
    .addColumn('exercise_id', 'text', (c) =>
      c.notNull().references('what_matters_exercises.id').onDelete('cascade'),
    )
    .addColumn('value_key', 'text', (c) => c.notNull().check(valueKeys))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('what_matters_values_pk', ['exercise_id', 'value_key'])
    .execute();
}
