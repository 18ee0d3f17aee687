import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  Contract,
  ContractOutcome,
  CreateCheckIn,
} from '../../../shared/schemas/contracts.ts';
import { findConversation } from '../conversations/conversations.repository.ts';
import { assembleContract, loadContract } from './contract-loader.ts';
import { contractPolicy } from './contracts.policy.ts';
import { insertCheckIn, linkConversation, updateContractRow } from './contracts.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

/** The contract's life after agreement: monthly check-ins, outcomes, linked conversations. */
export function createContractProgressService({ database, clock }: Deps) {
  const { db } = database;
  const now = () => clock.now();

  async function load(actor: Actor, id: string, action: 'edit' | 'checkIn' | 'close') {
    const loaded = await loadContract(db, id, now());
    authorize(actor, contractPolicy, action, loaded?.resource ?? null);
    if (!loaded) throw new NotFoundError('development contract');
    return loaded;
  }

  async function reload(actor: Actor, id: string): Promise<Contract> {
    const loaded = await loadContract(db, id, now());
    if (!loaded) throw new NotFoundError('development contract');
    return assembleContract(db, actor, loaded, now());
  }

  return {
    /** A monthly check-in by either side while the contract is active. */
    async addCheckIn(actor: Actor, id: string, input: CreateCheckIn): Promise<Contract> {
      await load(actor, id, 'checkIn');
      const person = requirePerson(actor);
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await insertCheckIn(trx, {
          id: randomUUID(),
          contract_id: id,
          author_id: person.id,
          status: input.status,
          note: input.note,
          created_at: at,
        });
        await updateContractRow(trx, id, {
          last_check_in_at: at,
          last_referenced_at: at,
          updated_at: at,
        });
      });
      return reload(actor, id);
    },

    /**
     * Completes, pauses or supersedes the contract with an outcome note, or resumes a paused one.
     * ValidationError for a move that makes no sense from where it stands (e.g. completing a draft).
     * Open commitments stay open: closing a plan never drops a promise.
     */
    async setOutcome(actor: Actor, id: string, input: ContractOutcome): Promise<Contract> {
      const loaded = await load(actor, id, 'close');
      const person = requirePerson(actor);
      const from = loaded.row.status;
      const allowed: Record<string, string[]> = {
        draft: ['superseded'],
        active: ['completed', 'paused', 'superseded'],
        paused: ['active', 'completed', 'superseded'],
      };
      if (!(allowed[from] ?? []).includes(input.status))
        throw new ValidationError(
          from === 'draft'
            ? 'a draft can only be set aside (superseded); agree to it first to make it active'
            : `cannot go from ${from} to ${input.status}`,
          'status',
        );
      const at = now().toISOString();
      const isClosing = input.status === 'completed' || input.status === 'superseded';
      await updateContractRow(db, id, {
        status: input.status,
        closed_at: isClosing ? at : null,
        outcome_note: input.note === '' ? loaded.row.outcomeNote : input.note,
        outcome_by: person.id,
        last_referenced_at: at,
        updated_at: at,
      });
      return reload(actor, id);
    },

    /**
     * Links a conversation of the pair to the contract it reviews; a completed linked
     * conversation counts as a review.
     */
    async linkConversation(actor: Actor, id: string, conversationId: string): Promise<Contract> {
      const loaded = await load(actor, id, 'edit');
      const person = requirePerson(actor);
      const conversation = await findConversation(db, conversationId);
      if (
        !conversation ||
        conversation.engineerId !== loaded.row.engineerId ||
        !(conversation.engineerId === person.id || conversation.managerId === person.id)
      )
        throw new ValidationError(
          'must be one of your conversations with this engineer',
          'conversationId',
        );
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await linkConversation(trx, conversationId, id);
        await updateContractRow(trx, id, {
          last_referenced_at: at,
          ...(conversation.status === 'completed' && {
            last_reviewed_at: conversation.completedAt ?? at,
          }),
          updated_at: at,
        });
      });
      return reload(actor, id);
    },
  };
}

export type ContractProgressService = ReturnType<typeof createContractProgressService>;
