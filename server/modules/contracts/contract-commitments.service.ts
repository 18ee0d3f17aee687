import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  Commitment,
  CommitmentList,
  CommitmentListQuery,
  Contract,
  CreateCommitment,
  TakeOverCommitment,
} from '../../../shared/schemas/contracts.ts';
import { insertActionItem } from '../action-items/action-items.repository.ts';
import type { PairFacts } from '../conversations/conversations.policy.ts';
import { loadPairFacts } from '../conversations/conversations.repository.ts';
import {
  findCommitment,
  listOwedBy,
  listPromisedTo,
  takeOverCommitmentRow,
} from './contract-commitments.repository.ts';
import type { CommitmentRow } from './contract-commitments.repository.ts';
import { assembleContract, loadContract } from './contract-loader.ts';
import { contractPolicy, ownCommitmentsPolicy, takeOverPolicy } from './contracts.policy.ts';
import { isAwaitingTakeOver, presentCommitment } from './contracts.presenter.ts';
import { findContract, listVersions } from './contracts.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

export function createContractCommitmentService({ database, clock }: Deps) {
  const { db } = database;
  const today = () => toIsoDate(clock.now());

  async function presentAll(actor: Actor, rows: CommitmentRow[]): Promise<Commitment[]> {
    const facts = new Map<string, PairFacts>();
    for (const row of rows)
      if (!facts.has(row.engineerId))
        facts.set(row.engineerId, await loadPairFacts(db, row.engineerId, today()));
    return rows.map((row) => {
      const pair = facts.get(row.engineerId);
      if (!pair) throw new Error('facts were loaded for every engineer above');
      return presentCommitment(actor, row, pair, today());
    });
  }

  return {
    /**
     * "I owe" (view=owed): the actor's open promises to their reports, overdue first, including
     * contract promises a previous manager made that wait to be taken over. "Promised to me"
     * (view=promised): what the actor's managers committed to for them.
     */
    async listCommitments(actor: Actor, query: CommitmentListQuery): Promise<CommitmentList> {
      authorize(actor, ownCommitmentsPolicy, 'view', null);
      const person = requirePerson(actor);
      const rows =
        query.view === 'owed'
          ? await listOwedBy(db, person.id, today())
          : await listPromisedTo(db, person.id, today());
      return { items: await presentAll(actor, rows) };
    },

    /**
     * Adds a tracked commitment to the contract — the manager's or the engineer's — with a due
     * date and optionally the goal it serves. ValidationError for a goal not in the current version.
     */
    async createCommitment(
      actor: Actor,
      contractId: string,
      input: CreateCommitment,
    ): Promise<Contract> {
      const loaded = await loadContract(db, contractId, clock.now());
      authorize(actor, contractPolicy, 'edit', loaded?.resource ?? null);
      const person = requirePerson(actor);
      if (!loaded) throw new NotFoundError('development contract');
      const managerId = loaded.facts.currentManagerId;
      if (!managerId)
        throw new ValidationError(
          'the engineer has no manager today to make or receive commitments',
          'owner',
        );
      if (input.goalId) {
        const versions = await listVersions(db, contractId);
        const current = versions.find((v) => v.version === loaded.row.currentVersion);
        if (!current?.goals.some((goal) => goal.id === input.goalId))
          throw new ValidationError('is not a goal of the current version', 'goalId');
      }
      const at = clock.now().toISOString();
      await insertActionItem(db, {
        id: randomUUID(),
        conversation_id: null,
        engineer_id: loaded.row.engineerId,
        manager_id: managerId,
        owner: input.owner,
        text: input.text,
        due_on: input.dueOn,
        is_done: false,
        done_at: null,
        created_by: person.id,
        created_at: at,
        updated_at: at,
        contract_id: contractId,
        goal_id: input.goalId,
      });
      return assembleContract(db, actor, loaded, clock.now());
    },

    /**
     * The engineer's manager today takes over a contract promise a previous manager made — as it
     * is, or renegotiated (new text or due date). 404 for anyone who may not see it, 403 for the
     * engineer, 409 when it is not waiting to be taken over.
     */
    async takeOverCommitment(
      actor: Actor,
      id: string,
      input: TakeOverCommitment,
    ): Promise<Commitment> {
      const row = await findCommitment(db, id);
      const facts = row ? await loadPairFacts(db, row.engineerId, today()) : null;
      const contract = row?.contractId ? await findContract(db, row.contractId) : undefined;
      authorize(
        actor,
        takeOverPolicy,
        'takeOver',
        row && facts && contract ? { row, facts } : null,
      );
      const person = requirePerson(actor);
      if (!row || !facts) throw new NotFoundError('commitment');
      if (!isAwaitingTakeOver(row, facts))
        throw new ConflictError(
          'This commitment is not waiting to be taken over.',
          'id',
          'not_awaiting_takeover',
        );
      const isDone = await takeOverCommitmentRow(db, {
        id,
        fromManagerId: row.managerId,
        toManagerId: person.id,
        text: input.text ?? row.text,
        dueOn: input.dueOn ?? row.dueOn,
        at: clock.now().toISOString(),
      });
      if (!isDone)
        throw new ConflictError(
          'Someone changed this commitment first; reload and try again.',
          'id',
          'not_awaiting_takeover',
        );
      const updated = await findCommitment(db, id);
      if (!updated) throw new NotFoundError('commitment');
      return presentCommitment(actor, updated, facts, today());
    },
  };
}

export type ContractCommitmentService = ReturnType<typeof createContractCommitmentService>;
