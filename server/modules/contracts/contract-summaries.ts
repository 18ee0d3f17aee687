import type { Transaction } from '../../db/client.ts';

export type ContractStatus = 'draft' | 'active' | 'paused' | 'completed' | 'superseded';

/**
 * C1 metadata about an engineer's current development contract — dates and status only, never
 * content — for cadence, home, team view and dashboards.
 */
export interface ContractSummary {
  engineerId: string;
  contractId: string;
  status: ContractStatus;
  /** When both sides first agreed to it (it became active). */
  activeSince: string | null;
  nextReviewOn: string | null;
  lastReviewedAt: string | null;
  lastCheckInAt: string | null;
  /** Latest of: a version saved, a check-in, a conversation linked to it. */
  lastReferencedAt: string | null;
}

const rank: Record<ContractStatus, number> = {
  active: 0,
  paused: 0,
  draft: 1,
  completed: 2,
  superseded: 2,
};

/**
 * The current contract of each engineer given (the one in force, else the draft being written,
 * else the latest closed one). Engineers without any contract are absent. The caller authorizes:
 * this returns C1 metadata only, so it may feed leader and admin views.
 */
export async function listContractSummaries(
  db: Transaction,
  engineerIds: readonly string[],
): Promise<ContractSummary[]> {
  if (engineerIds.length === 0) return [];
  const rows = await db
    .selectFrom('contracts')
    .select([
      'id',
      'engineer_id',
      'status',
      'activated_at',
      'next_review_on',
      'last_reviewed_at',
      'last_check_in_at',
      'last_referenced_at',
      'closed_at',
      'created_at',
    ])
    .where('engineer_id', 'in', [...new Set(engineerIds)])
    .execute();
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const held = best.get(row.engineer_id);
    if (!held || isBetter(row, held)) best.set(row.engineer_id, row);
  }
  return [...best.values()]
    .map((row) => ({
      engineerId: row.engineer_id,
      contractId: row.id,
      status: row.status,
      activeSince: row.activated_at,
      nextReviewOn: row.status === 'active' ? row.next_review_on : null,
      lastReviewedAt: row.last_reviewed_at,
      lastCheckInAt: row.last_check_in_at,
      lastReferencedAt: row.last_referenced_at,
    }))
    .sort((a, b) => a.engineerId.localeCompare(b.engineerId));
}

interface Candidate {
  status: ContractStatus;
  closed_at: string | null;
  created_at: string;
}

function isBetter(candidate: Candidate, held: Candidate): boolean {
  if (rank[candidate.status] !== rank[held.status])
    return rank[candidate.status] < rank[held.status];
  const a = candidate.closed_at ?? candidate.created_at;
  const b = held.closed_at ?? held.created_at;
  return a > b;
}
