import { definePolicy } from '../../policies/authorize.ts';
import type { Actor } from '../../policies/actor.ts';
import { isPeopleTeam, isSelf, isSignedIn } from '../../policies/predicates.ts';
import type { ContractStatus } from '../../../shared/schemas/contracts.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';
import type { CommitmentRow } from './contract-commitments.repository.ts';
import {
  isAboveEngineer,
  isCurrentManagerOfEngineer,
} from '../conversations/conversations.policy.ts';

/** A contract as the rules see it: whose it is, where it stands, and who manages them today. */
export interface ContractResource {
  engineerId: string;
  status: ContractStatus;
  facts: PairFacts;
}

/** An engineer's collection of contracts (to list them or start one). */
export interface ContractOwnerResource {
  engineerId: string;
  facts: PairFacts;
}

/* Named predicates the rules below compose. */
export const isContractEngineer = (actor: Actor, r: { engineerId: string }) =>
  isSelf(actor, r.engineerId);
/** The engineer and their manager today: the only people who read or change a contract (C3). */
export const isContractParty = (actor: Actor, r: ContractOwnerResource) =>
  isContractEngineer(actor, r) || isCurrentManagerOfEngineer(actor, r.facts);
/** Leaders above the engineer and the people team see that a contract exists (C1 only). */
const seesContractMetadata = (actor: Actor, r: ContractOwnerResource) =>
  isContractParty(actor, r) || isAboveEngineer(actor, r.facts) || isPeopleTeam(actor);
const isOpen = (r: ContractResource) =>
  r.status === 'draft' || r.status === 'active' || r.status === 'paused';

/**
 * A development contract. `view` is its C1 metadata (existence, status, review dates): the pair,
 * leaders above the engineer, the people team and admins. Reading its content and acting on it
 * is for the engineer and their current manager only — a former manager loses access from the
 * day the reporting line changes. Export is the engineer's alone.
 */
export const contractPolicy = definePolicy<
  ContractResource | null,
  'read' | 'edit' | 'agree' | 'checkIn' | 'close' | 'export'
>({
  name: 'contract',
  noun: 'development contract',
  view: (actor, r) => r !== null && seesContractMetadata(actor, r),
  actions: {
    read: (actor, r) => r !== null && isContractParty(actor, r),
    edit: (actor, r) => r !== null && isContractParty(actor, r) && isOpen(r),
    agree: (actor, r) => r !== null && isContractParty(actor, r) && isOpen(r),
    checkIn: (actor, r) => r !== null && isContractParty(actor, r) && r.status === 'active',
    close: (actor, r) => r !== null && isContractParty(actor, r) && isOpen(r),
    export: (actor, r) => r !== null && isContractEngineer(actor, r),
  },
});

/** The engineer's contracts as a collection: who sees the list and who may start one. */
export const contractOwnerPolicy = definePolicy<ContractOwnerResource | null, 'create'>({
  name: 'contract-owner',
  noun: 'person',
  view: (actor, r) => r !== null && seesContractMetadata(actor, r),
  actions: {
    create: (actor, r) => r !== null && isContractParty(actor, r),
  },
});

/** A handover note, written by the outgoing manager for the engineer and, later, the new one. */
export interface HandoverResource {
  engineerId: string;
  fromManagerId: string;
  isWritten: boolean;
  /** The engineer released it early, or the engineer's exclusive week has passed. */
  isReleased: boolean;
  /** The outgoing manager's window to write or change it is still open. */
  isWritable: boolean;
  facts: PairFacts;
}

/**
 * Handover notes (C3). The outgoing manager sees and writes their own note until it is released
 * or their window closes; the engineer reads it as soon as it is written and may release it
 * early; the engineer's manager after the change reads it once released. Nobody else, ever.
 */
export const handoverPolicy = definePolicy<HandoverResource | null, 'write' | 'release'>({
  name: 'contract-handover',
  noun: 'handover note',
  view: (actor, h) =>
    h !== null &&
    (isSelf(actor, h.fromManagerId) ||
      (isContractEngineer(actor, h) && h.isWritten) ||
      (isCurrentManagerOfEngineer(actor, h.facts) &&
        !isSelf(actor, h.fromManagerId) &&
        h.isWritten &&
        h.isReleased)),
  actions: {
    write: (actor, h) =>
      h !== null && isSelf(actor, h.fromManagerId) && h.isWritable && !h.isReleased,
    release: (actor, h) =>
      h !== null && isContractEngineer(actor, h) && h.isWritten && !h.isReleased,
  },
});

/** One's own lists: every signed-in person may ask; the rows are scoped to them in SQL. */
export const ownCommitmentsPolicy = definePolicy<null, never>({
  name: 'own-commitments',
  noun: 'commitments',
  view: (actor) => isSignedIn(actor),
  actions: {},
});

/**
 * A contract commitment waiting to be taken over: the engineer and their manager today see it;
 * only that manager takes it over (the outgoing one has lost access).
 */
export interface TakeOverResource {
  row: CommitmentRow;
  facts: PairFacts;
}
export const takeOverPolicy = definePolicy<TakeOverResource | null, 'takeOver'>({
  name: 'commitment-takeover',
  noun: 'commitment',
  view: (actor, r) =>
    r !== null &&
    r.row.contractId !== null &&
    actor.kind === 'person' &&
    (actor.id === r.row.engineerId || actor.id === r.facts.currentManagerId),
  actions: {
    takeOver: (actor, r) =>
      r !== null && actor.kind === 'person' && actor.id === r.facts.currentManagerId,
  },
});
