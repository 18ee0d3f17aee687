import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import type { PrepContract } from '../../../shared/schemas/contracts.ts';
import { auditRecordRead } from '../conversations/conversation-audit.ts';
import { assembleContract, loadContract } from './contract-loader.ts';
import { contractPolicy } from './contracts.policy.ts';
import { listOpenContractsOfEngineer } from './contracts.repository.ts';

/**
 * The engineer's contract for a conversation's prep context: the one in force, else the draft
 * being written; null when there is none or the actor may not read it (C3). The read is audited.
 */
export async function loadPrepContract(
  deps: { database: Database; clock: Clock },
  actor: Actor,
  engineerId: string,
): Promise<PrepContract | null> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const open = await listOpenContractsOfEngineer(db, engineerId);
  const chosen = open.find((c) => c.status !== 'draft') ?? open[0];
  if (!chosen) return null;
  const loaded = await loadContract(db, chosen.id, now);
  if (!loaded || !contractPolicy.actions.read(actor, loaded.resource)) return null;
  await auditRecordRead(deps, actor, {
    action: 'contract.read',
    targetType: 'contract',
    targetId: chosen.id,
    subjectPersonId: engineerId,
  });
  const contract = await assembleContract(db, actor, loaded, now);
  const current = contract.versions.at(-1);
  return {
    id: contract.id,
    status: contract.status,
    version: contract.version,
    agreedVersion: contract.agreedVersion,
    developmentGoal: current?.developmentGoal ?? '',
    caveat: current?.caveat ?? '',
    isCaveatNoneKnown: current?.isCaveatNoneKnown ?? false,
    nextReviewOn: contract.nextReviewOn,
    checkInDueOn: contract.checkInDueOn,
    isCheckInOverdue: contract.isCheckInOverdue,
    lastCheckIn: contract.checkIns[0] ?? null,
    goals: current?.goals ?? [],
    openCommitments: contract.commitments.filter((c) => !c.isDone),
  };
}
