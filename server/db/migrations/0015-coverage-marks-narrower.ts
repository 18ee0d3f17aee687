import type { Kysely } from 'kysely';
import { createChangeMarker, dropChangeMarker } from '../client.ts';
import type { ChangeMarker } from '../client.ts';
import { COVERAGE_MARKERS as MARKERS_OF_0011 } from './0011-performance.ts';

/**
 * An update to a conversation marks its engineer for the coverage refresh only when it changes
 * a column the dashboard reads (ADR 100). Saving the agenda, the shared notes or a summary draft
 * (most writes by far) no longer recomputes the engineer's team.
 */
const CONVERSATION_COLUMNS_READ_BY_COVERAGE = [
  'engineer_id',
  'manager_id',
  'kind',
  'status',
  'starts_at',
  'duration_minutes',
  'created_at',
  'completed_at',
  'cancelled_at',
];

/** The coverage dashboard's change markers as of this migration (the bulk load re-creates them). */
export const COVERAGE_MARKERS: ChangeMarker[] = MARKERS_OF_0011.map((marker) =>
  marker.table === 'conversations'
    ? { ...marker, updateOf: CONVERSATION_COLUMNS_READ_BY_COVERAGE }
    : marker,
);

export async function up(db: Kysely<unknown>): Promise<void> {
  const conversations = COVERAGE_MARKERS.find((m) => m.table === 'conversations');
  if (!conversations) throw new Error('the conversations marker is missing');
  await dropChangeMarker(db, conversations);
  await createChangeMarker(db, conversations);
}
