import { DAY_MS } from '../../clock.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf } from '../../policies/authorize.ts';
import { isSelf } from '../../policies/predicates.ts';
import type {
  CheckIn,
  Commitment,
  Contract,
  ContractMeta,
  ContractVersion,
  Handover,
} from '../../../shared/schemas/contracts.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';
import type { CommitmentRow } from './contract-commitments.repository.ts';
import type { HandoverRow } from './contract-handovers.repository.ts';
import { visibleToManagerFrom, writableUntil } from './contract-handovers.repository.ts';
import type { ContractResource, HandoverResource } from './contracts.policy.ts';
import { contractPolicy, handoverPolicy } from './contracts.policy.ts';
import type {
  CheckInRow,
  ContractRow,
  LinkedConversationRow,
  VersionRow,
} from './contracts.repository.ts';

/** A monthly check-in is due this many days after the last one (or after the plan started). */
export const CHECK_IN_EVERY_DAYS = 30;

const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

export function toContractResource(row: ContractRow, facts: PairFacts): ContractResource {
  return { engineerId: row.engineerId, status: row.status, facts };
}

export function toHandoverResource(
  row: HandoverRow,
  facts: PairFacts,
  now: Date,
): HandoverResource {
  const visibleFrom = visibleToManagerFrom(row);
  return {
    engineerId: row.engineerId,
    fromManagerId: row.fromManagerId,
    isWritten: row.writtenAt !== null,
    isReleased: visibleFrom !== null && visibleFrom <= now.toISOString(),
    isWritable: now.toISOString().slice(0, 10) <= writableUntil(row.changeOn),
    facts,
  };
}

export function presentVersion(row: VersionRow): ContractVersion {
  return {
    version: row.version,
    developmentGoal: row.developmentGoal,
    managerCommitment: row.managerCommitment,
    engineerCommitment: row.engineerCommitment,
    evidenceOfSuccess: row.evidenceOfSuccess,
    reviewCadence: row.reviewCadence,
    nextReviewOn: row.nextReviewOn,
    caveat: row.caveat,
    isCaveatNoneKnown: row.isCaveatNoneKnown,
    notHere: row.notHere,
    transitionSupport: row.transitionSupport,
    goals: row.goals,
    changeNote: row.changeNote,
    savedBy: ref(row.savedById, row.savedByName),
    savedAt: row.savedAt,
    engineerAgreedAt: row.engineerAgreedAt,
    managerAgreedAt: row.managerAgreedAt,
    managerAgreedBy: ref(row.managerAgreedById, row.managerAgreedByName),
    isAgreed: row.engineerAgreedAt !== null && row.managerAgreedAt !== null,
  };
}

/** Is this a manager promise made by someone who no longer manages the engineer? */
export function isAwaitingTakeOver(row: CommitmentRow, facts: PairFacts): boolean {
  return (
    row.owner === 'manager' &&
    !row.isDone &&
    row.contractId !== null &&
    facts.currentManagerId !== row.managerId
  );
}

/** A commitment with overdue computed against `today`, and what the actor may do with it. */
export function presentCommitment(
  actor: Actor,
  row: CommitmentRow,
  facts: PairFacts,
  today: string,
): Commitment {
  const isParty = isSelf(actor, row.engineerId) || isSelf(actor, facts.currentManagerId ?? '');
  const awaiting = isAwaitingTakeOver(row, facts);
  const canUpdate =
    row.contractId !== null
      ? isParty && !awaiting
      : (isSelf(actor, row.engineerId) || isSelf(actor, row.managerId)) &&
        facts.currentManagerId === row.managerId;
  return {
    id: row.id,
    contractId: row.contractId,
    goalId: row.goalId,
    conversationId: row.conversationId,
    engineer: { id: row.engineerId, name: row.engineerName },
    manager: { id: row.managerId, name: row.managerName },
    owner: row.owner,
    text: row.text,
    dueOn: row.dueOn,
    isDone: row.isDone,
    doneAt: row.doneAt,
    isOverdue: !row.isDone && row.dueOn !== null && row.dueOn < today,
    isAwaitingTakeOver: awaiting,
    handedOverFrom: ref(row.handedOverFromId, row.handedOverFromName),
    handedOverAt: row.handedOverAt,
    abilities: {
      update: canUpdate,
      takeOver: awaiting && isSelf(actor, facts.currentManagerId ?? ''),
    },
  };
}

/** A handover as the actor may see it: the note only when the policy lets them read it. */
export function presentHandover(
  actor: Actor,
  row: HandoverRow,
  facts: PairFacts,
  now: Date,
): Handover {
  const resource = toHandoverResource(row, facts, now);
  return {
    id: row.id,
    contractId: row.contractId,
    engineer: { id: row.engineerId, name: row.engineerName },
    fromManager: { id: row.fromManagerId, name: row.fromManagerName },
    toManager: ref(row.toManagerId, row.toManagerName),
    changeOn: row.changeOn,
    note: row.writtenAt !== null || isSelf(actor, row.fromManagerId) ? row.note : null,
    writtenAt: row.writtenAt,
    engineerSeenAt: row.engineerSeenAt,
    releasedAt: row.releasedAt,
    visibleToManagerFrom: visibleToManagerFrom(row),
    writableUntil: writableUntil(row.changeOn),
    abilities: abilitiesOf(actor, handoverPolicy, resource),
  };
}

export function presentCheckIn(row: CheckInRow): CheckIn {
  return {
    id: row.id,
    status: row.status,
    note: row.note,
    author: ref(row.authorId, row.authorName),
    createdAt: row.createdAt,
  };
}

/** When the next monthly check-in is due while the contract is active; null otherwise. */
export function checkInDueOn(row: ContractRow): string | null {
  if (row.status !== 'active') return null;
  const base = row.lastCheckInAt ?? row.activatedAt;
  if (!base) return null;
  return new Date(new Date(base).getTime() + CHECK_IN_EVERY_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

export function presentContract(
  actor: Actor,
  parts: {
    row: ContractRow;
    facts: PairFacts;
    currentManagerName: string | null;
    versions: VersionRow[];
    commitments: CommitmentRow[];
    checkIns: CheckInRow[];
    linkedConversations: LinkedConversationRow[];
    handovers: HandoverRow[];
  },
  now: Date,
): Contract {
  const { row, facts } = parts;
  const today = now.toISOString().slice(0, 10);
  const versions = parts.versions.map(presentVersion);
  const agreed = versions.filter((version) => version.isAgreed).at(-1);
  const dueOn = checkInDueOn(row);
  return {
    id: row.id,
    engineer: { id: row.engineerId, name: row.engineerName },
    currentManager: ref(facts.currentManagerId, parts.currentManagerName),
    status: row.status,
    sourceConversationId: row.sourceConversationId,
    activeSince: row.activatedAt,
    nextReviewOn: row.nextReviewOn,
    lastReviewedAt: row.lastReviewedAt,
    lastCheckInAt: row.lastCheckInAt,
    closedAt: row.closedAt,
    outcomeNote: row.outcomeNote,
    outcomeBy: ref(row.outcomeById, row.outcomeByName),
    createdAt: row.createdAt,
    version: row.currentVersion,
    agreedVersion: agreed?.version ?? null,
    versions,
    commitments: parts.commitments.map((c) => presentCommitment(actor, c, facts, today)),
    checkIns: parts.checkIns.map(presentCheckIn),
    checkInDueOn: dueOn,
    isCheckInOverdue: dueOn !== null && dueOn < today,
    linkedConversations: parts.linkedConversations,
    handovers: parts.handovers
      .filter((h) => handoverPolicy.view(actor, toHandoverResource(h, facts, now)))
      .map((h) => presentHandover(actor, h, facts, now)),
    abilities: abilitiesOf(actor, contractPolicy, toContractResource(row, facts)),
  };
}

/** C1 only: what leaders and admins may know about a contract. */
export function presentContractMeta(
  actor: Actor,
  row: ContractRow,
  facts: PairFacts,
): ContractMeta {
  return {
    id: row.id,
    engineer: { id: row.engineerId, name: row.engineerName },
    status: row.status,
    activeSince: row.activatedAt,
    nextReviewOn: row.status === 'active' ? row.nextReviewOn : null,
    lastReviewedAt: row.lastReviewedAt,
    lastCheckInAt: row.lastCheckInAt,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    abilities: { read: contractPolicy.actions.read(actor, toContractResource(row, facts)) },
  };
}
