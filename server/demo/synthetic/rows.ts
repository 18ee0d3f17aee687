import type { DB } from '../../db/schema.ts';

/**
 * Rows waiting to be written, by bucket. Buckets are written in the order of `BUCKET_ORDER`, which
 * follows the foreign keys: a conversation that links to a contract is written after contracts,
 * and the contract after the conversation that produced it.
 */
export const BUCKET_ORDER = [
  'people',
  'reporting_lines',
  'placements',
  'conversations',
  'contracts',
  'linked_conversations',
  'conversation_events',
  'summary_versions',
  'summary_responses',
  'prep_answers',
  'manager_preps',
  'private_notes',
  'what_matters_exercises',
  'what_matters_values',
  'assessments',
  'assessment_items',
  'assessment_sides',
  'assessment_ratings',
  'contract_versions',
  'contract_goals',
  'contract_check_ins',
  'contract_handovers',
  'action_items',
  'reminder_preferences',
  'calendar_feeds',
] as const;
export type Bucket = (typeof BUCKET_ORDER)[number];

/** The table each bucket writes to. */
export type TableOf<B extends Bucket> = B extends 'linked_conversations' ? 'conversations' : B;
export const tableOf = (bucket: Bucket): keyof DB =>
  bucket === 'linked_conversations' ? 'conversations' : bucket;

export type RowOf<B extends Bucket> = DB[TableOf<B>];

/** Collects rows per bucket for one chunk of the organisation. */
export class RowSink {
  readonly rows = new Map<Bucket, object[]>();

  add<B extends Bucket>(bucket: B, row: RowOf<B>): void {
    let list = this.rows.get(bucket);
    if (!list) {
      list = [];
      this.rows.set(bucket, list);
    }
    list.push(row);
  }

  get size(): number {
    let total = 0;
    for (const list of this.rows.values()) total += list.length;
    return total;
  }

  clear(): void {
    this.rows.clear();
  }
}
