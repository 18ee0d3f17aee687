import { toIsoDate } from '../../clock.ts';
import type { Transaction } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import type { Contract } from '../../../shared/schemas/contracts.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';
import { loadPairFacts } from '../conversations/conversations.repository.ts';
import { findPersonById } from '../people/people.repository.ts';
import { listContractCommitments } from './contract-commitments.repository.ts';
import { listHandoversOfContract } from './contract-handovers.repository.ts';
import type { ContractResource } from './contracts.policy.ts';
import { presentContract, toContractResource } from './contracts.presenter.ts';
import {
  findContract,
  listCheckIns,
  listLinkedConversations,
  listVersions,
} from './contracts.repository.ts';
import type { ContractRow } from './contracts.repository.ts';

export interface LoadedContract {
  row: ContractRow;
  facts: PairFacts;
  resource: ContractResource;
}

/**
 * A contract with its engineer's reporting facts as of `now` (the injected clock), so every rule
 * sees the relationship in force at request time. Undefined when it does not exist.
 */
export async function loadContract(
  db: Transaction,
  id: string,
  now: Date,
): Promise<LoadedContract | undefined> {
  const row = await findContract(db, id);
  if (!row) return undefined;
  const facts = await loadPairFacts(db, row.engineerId, toIsoDate(now));
  return { row, facts, resource: toContractResource(row, facts) };
}

/** Everything the contract page shows, presented for the actor (the caller has authorized). */
export async function assembleContract(
  db: Transaction,
  actor: Actor,
  loaded: LoadedContract,
  now: Date,
): Promise<Contract> {
  const { row, facts } = loaded;
  const [manager, versions, commitments, checkIns, linkedConversations, handovers] =
    await Promise.all([
      facts.currentManagerId ? findPersonById(db, facts.currentManagerId) : undefined,
      listVersions(db, row.id),
      listContractCommitments(db, row.id, toIsoDate(now)),
      listCheckIns(db, row.id),
      listLinkedConversations(db, row),
      listHandoversOfContract(db, row.id),
    ]);
  return presentContract(
    actor,
    {
      row,
      facts,
      currentManagerName: manager?.name ?? null,
      versions,
      commitments,
      checkIns,
      linkedConversations,
      handovers,
    },
    now,
  );
}
