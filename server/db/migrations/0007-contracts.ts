import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const statuses = sql`status in ('draft','active','paused','completed','superseded')`;
const cadences = sql`review_cadence in ('monthly','every_two_months','quarterly','every_six_months')`;
const checkInStatuses = sql`status in ('on_track','at_risk','off_track')`;

/**
 * Development contracts (DESIGN §2.5): a contract per plan with its versions (never overwritten),
 * the goals of each version, monthly check-ins and manager-change handovers. Commitments are the
 * existing action items, linked by `contract_id` and `goal_id`; conversations may link to the
 * contract they reviewed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engineer_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(statuses))
    .addColumn('source_conversation_id', 'text', (c) =>
      c.references('conversations.id').onDelete('set null'),
    )
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('next_review_on', 'date')
    .addColumn('activated_at', 'timestamptz')
    .addColumn('last_reviewed_at', 'timestamptz')
    .addColumn('last_check_in_at', 'timestamptz')
    .addColumn('last_referenced_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('outcome_note', 'text')
    .addColumn('outcome_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contracts_engineer_idx')
    .on('contracts')
    .columns(['engineer_id', 'created_at'])
    .execute();
  // One agreed plan in force (active or paused) and at most one draft being written per engineer.
  await db.schema
    .createIndex('contracts_one_in_force_uq')
    .on('contracts')
    .column('engineer_id')
    .unique()
    .where(sql.ref('status'), 'in', sql`('active','paused')`)
    .execute();
  await db.schema
    .createIndex('contracts_one_draft_uq')
    .on('contracts')
    .column('engineer_id')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('draft'))
    .execute();

  await db.schema
    .createTable('contract_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) =>
      c.notNull().references('contracts.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('development_goal', 'text', (c) => c.notNull())
    .addColumn('manager_commitment', 'text', (c) => c.notNull())
    .addColumn('engineer_commitment', 'text', (c) => c.notNull())
    .addColumn('evidence_of_success', 'text', (c) => c.notNull())
    .addColumn('review_cadence', 'text', (c) => c.notNull().check(cadences))
    .addColumn('next_review_on', 'date', (c) => c.notNull())
    .addColumn('caveat', 'text', (c) => c.notNull())
    .addColumn('is_caveat_none_known', 'boolean', (c) => c.notNull())
    .addColumn('not_here', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('transition_support', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('change_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('saved_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('engineer_agreed_at', 'timestamptz')
    .addColumn('manager_agreed_at', 'timestamptz')
    .addColumn('manager_agreed_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addUniqueConstraint('contract_versions_uq', ['contract_id', 'version'])
    .execute();

  await db.schema
    .createTable('contract_goals')
    .addColumn('contract_version_id', 'text', (c) =>
      c.notNull().references('contract_versions.id').onDelete('cascade'),
    )
    // Stable across versions, so commitments can point at "the same goal" after edits.
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('success_criteria', 'text', (c) => c.notNull())
    .addColumn('support_needed', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('contract_goals_pk', ['contract_version_id', 'goal_id'])
    .execute();

  await db.schema
    .createTable('contract_check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) =>
      c.notNull().references('contracts.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(checkInStatuses))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contract_check_ins_contract_idx')
    .on('contract_check_ins')
    .columns(['contract_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('contract_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) =>
      c.notNull().references('contracts.id').onDelete('cascade'),
    )
    .addColumn('engineer_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('from_manager_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('to_manager_id', 'text', (c) => c.references('people.id'))
    .addColumn('change_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('written_at', 'timestamptz')
    .addColumn('engineer_seen_at', 'timestamptz')
    .addColumn('released_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('contract_handovers_uq', ['contract_id', 'from_manager_id', 'change_on'])
    .execute();
  await db.schema
    .createIndex('contract_handovers_engineer_idx')
    .on('contract_handovers')
    .columns(['engineer_id', 'change_on'])
    .execute();

  await db.schema
    .alterTable('action_items')
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('action_items').addColumn('goal_id', 'text').execute();
  await db.schema
    .alterTable('action_items')
    .addColumn('handed_over_from_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('action_items').addColumn('handed_over_at', 'timestamptz').execute();
  await db.schema
    .createIndex('action_items_contract_idx')
    .on('action_items')
    .columns(['contract_id', 'is_done'])
    .execute();

  await db.schema
    .alterTable('conversations')
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id').onDelete('set null'))
    .execute();
}
