import type { Kysely } from 'kysely';
import { createChangeMarker } from '../client.ts';
import type { ChangeMarker } from '../client.ts';

const conversationEngineer =
  '(select c.engineer_id from conversations c where c.id = row.conversation_id)';
/** Writes that can change the coverage dashboard, and whose data each concerns. */
export const COVERAGE_MARKERS: ChangeMarker[] = [
  { table: 'conversations', person: 'row.engineer_id' },
  { table: 'summary_versions', person: conversationEngineer },
  { table: 'summary_responses', person: conversationEngineer },
  { table: 'action_items', person: 'row.engineer_id' },
  { table: 'contracts', person: 'row.engineer_id' },
  {
    table: 'contract_check_ins',
    person: '(select k.engineer_id from contracts k where k.id = row.contract_id)',
  },
  { table: 'reporting_lines', person: 'row.report_id' },
  {
    table: 'people',
    person: 'row.id',
    updateOf: ['name', 'title', 'team', 'email', 'timezone', 'is_active'],
  },
  // A new policy changes every due date: '*' asks for a full rebuild.
  { table: 'cadence_settings', person: "'*'" },
].map((marker) => ({ ...marker, into: 'coverage_dirty' }));

/**
 * Performance at organisation scale (docs/performance.md, ADR 090–092):
 *
 * - The coverage dashboard is materialised per team (one row per manager with direct reports):
 *   its numbers are sums over teams, so a change to one engineer recomputes one team. Triggers
 *   mark whose data a write touched, whichever code path wrote it; the refresher recomputes
 *   those teams and any whose figures time has moved on (`valid_until`).
 * - Indexes for the hot queries measured by `npm run bench`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('coverage_groups')
    .addColumn('manager_id', 'text', (c) => c.primaryKey())
    .addColumn('manager_name', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('first_member_name', 'text', (c) => c.notNull())
    .addColumn('first_member_id', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('months', 'text', (c) => c.notNull())
    .addColumn('window_start', 'date', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
    .addColumn('refresh', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coverage_groups_valid_until_idx')
    .on('coverage_groups')
    .column('valid_until')
    .execute();

  await db.schema
    .createTable('coverage_dirty')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coverage_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('refresh', 'bigint', (c) => c.notNull())
    .addColumn('is_built', 'boolean', (c) => c.notNull())
    .addColumn('window_start', 'date')
    .addColumn('lines_checked_on', 'date')
    .execute();
  await db
    .insertInto('coverage_state' as never)
    .values({ id: 1, refresh: 0, is_built: false } as never)
    .execute();

  for (const marker of COVERAGE_MARKERS) await createChangeMarker(db, marker);

  await createPerformanceIndexes(db);
}

/**
 * Indexes for the hot queries measured by `npm run bench` (docs/performance.md). Idempotent, so
 * the benchmark can also apply them to organisations it generated before an index was added.
 */
export async function createPerformanceIndexes(db: Kysely<unknown>): Promise<void> {
  const indexes: [name: string, table: string, columns: string[]][] = [
    // The refresher's daily look for reporting lines that start or end.
    ['reporting_lines_starts_on_idx', 'reporting_lines', ['starts_on']],
    ['reporting_lines_ends_on_idx', 'reporting_lines', ['ends_on']],
    // Summary facts per conversation (first sent, latest version) without visiting the rows.
    ['summary_versions_facts_idx', 'summary_versions', ['conversation_id', 'version', 'sent_at']],
    // The latest response's kind and time, likewise.
    [
      'summary_responses_facts_idx',
      'summary_responses',
      ['conversation_id', 'version', 'kind', 'created_at'],
    ],
  ];
  for (const [name, table, columns] of indexes)
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
}
