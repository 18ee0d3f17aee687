import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Indexes for the retention pass (docs/performance.md, "Indexes"): each of its daily queries for
 * private reflections past their period reads one range of an index, oldest first, instead of
 * every row. Without them a pass that found nothing to delete still read all 104,256 prep answers
 * of the 10k benchmark organisation, holding SQLite's only thread for 150–200 ms.
 */
const RETENTION_INDEXES = [
  // Private prep answers: shared ones stay, so they lead the index and drop out of the range.
  {
    name: 'prep_answers_retention_idx',
    table: 'prep_answers',
    columns: ['is_shared', 'updated_at', 'id'],
  },
  { name: 'private_notes_retention_idx', table: 'private_notes', columns: ['updated_at', 'id'] },
  // Only talking points not yet emptied; emptied ones stay in the table with the checklist.
  {
    name: 'manager_preps_retention_idx',
    table: 'manager_preps',
    columns: ['updated_at', 'conversation_id'],
    where: sql<boolean>`talking_points <> ''`,
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of RETENTION_INDEXES) {
    const create = db.schema.createIndex(index.name).on(index.table).columns(index.columns);
    await (index.where ? create.where(index.where) : create).execute();
  }
}
