import type { Kysely } from 'kysely';
import { createChangeMarker } from '../client.ts';
import type { ChangeMarker } from '../client.ts';
import { COVERAGE_MARKERS } from './0015-coverage-marks-narrower.ts';

const conversationEngineer =
  '(select c.engineer_id from conversations c where c.id = row.conversation_id)';

const conversationColumns = COVERAGE_MARKERS.find((m) => m.table === 'conversations')?.updateOf;

/**
 * Writes that can change an engineer's cadence facts — reporting lines, the dates and states of
 * conversations, summary and prep facts, the manager's prep, the contract and action items —
 * and whose facts each concerns (ADR 102). A server keeps an engineer's facts and obligations
 * while that engineer's token in `cadence_marks` is unchanged.
 */
export const CADENCE_MARKERS: ChangeMarker[] = [
  { table: 'reporting_lines', person: 'row.report_id' },
  { table: 'conversations', person: 'row.engineer_id', updateOf: conversationColumns },
  { table: 'conversation_facts', person: conversationEngineer },
  {
    table: 'manager_preps',
    person: conversationEngineer,
    // Not the talking points, which autosave while the manager writes.
    updateOf: [
      'conversation_id',
      'has_reviewed_work',
      'has_assessed_framework',
      'has_identified_opportunities',
      'has_talking_points',
    ],
  },
  {
    table: 'contracts',
    person: 'row.engineer_id',
    updateOf: [
      'engineer_id',
      'status',
      'activated_at',
      'next_review_on',
      'last_reviewed_at',
      'last_check_in_at',
      'last_referenced_at',
      'closed_at',
      'created_at',
    ],
  },
  {
    table: 'action_items',
    person: 'row.engineer_id',
    updateOf: ['engineer_id', 'manager_id', 'owner', 'due_on', 'is_done', 'done_at'],
  },
].map((marker) => ({ ...marker, into: 'cadence_marks', name: `${marker.table}_cadence_mark` }));

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cadence_marks')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'bigint', (c) => c.notNull())
    .execute();
  for (const marker of CADENCE_MARKERS) await createChangeMarker(db, marker);
}
