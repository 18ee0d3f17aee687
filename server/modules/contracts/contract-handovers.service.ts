import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import type { Handover, HandoverList } from '../../../shared/schemas/contracts.ts';
import { auditRecordRead } from '../conversations/conversation-audit.ts';
import { loadPairFacts, loadPairFactsOf } from '../conversations/conversations.repository.ts';
import { findHandover, listHandoversFor, updateHandover } from './contract-handovers.repository.ts';
import { ownCommitmentsPolicy, handoverPolicy } from './contracts.policy.ts';
import { presentHandover, toHandoverResource } from './contracts.presenter.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

export function createContractHandoverService({ database, clock }: Deps) {
  const { db } = database;

  async function load(actor: Actor, id: string, action: 'view' | 'write' | 'release') {
    const row = await findHandover(db, id);
    const facts = row ? await loadPairFacts(db, row.engineerId, toIsoDate(clock.now())) : null;
    authorize(
      actor,
      handoverPolicy,
      action,
      row && facts ? toHandoverResource(row, facts, clock.now()) : null,
    );
    if (!row || !facts) throw new NotFoundError('handover note');
    return { row, facts };
  }

  async function getHandover(actor: Actor, id: string): Promise<Handover> {
    const { row, facts } = await load(actor, id, 'view');
    if (row.writtenAt)
      await auditRecordRead({ database, clock }, actor, {
        action: 'contract.handover.read',
        targetType: 'contract_handover',
        targetId: id,
        subjectPersonId: row.engineerId,
      });
    return presentHandover(actor, row, facts, clock.now());
  }

  return {
    getHandover,

    /**
     * The handovers the actor may see, scoped in SQL: notes they write as the outgoing manager,
     * written notes about them, and released notes about the engineers they manage today.
     */
    async listHandovers(actor: Actor): Promise<HandoverList> {
      authorize(actor, ownCommitmentsPolicy, 'view', null);
      const person = requirePerson(actor);
      const now = clock.now();
      const rows = await listHandoversFor(db, person.id, now);
      const factsOf = await loadPairFactsOf(
        db,
        rows.map((row) => row.engineerId),
        toIsoDate(now),
      );
      const items: Handover[] = [];
      for (const row of rows) {
        const facts = factsOf.get(row.engineerId) ?? {
          engineerId: row.engineerId,
          currentManagerId: null,
          chainIds: [],
        };
        if (handoverPolicy.view(actor, toHandoverResource(row, facts, now)))
          items.push(presentHandover(actor, row, facts, now));
      }
      return { items };
    },

    /**
     * The outgoing manager writes or rewrites their note — until the engineer releases it, the
     * note becomes visible to the new manager, or the writing window closes (403 after that).
     */
    async writeHandover(actor: Actor, id: string, note: string): Promise<Handover> {
      const { row, facts } = await load(actor, id, 'write');
      const at = clock.now().toISOString();
      // Each rewrite restarts the engineer's week: they always read the final text first.
      await updateHandover(db, id, { note, written_at: at });
      // The author gets back what they wrote, not a read of the note (ADR 105).
      return presentHandover(actor, { ...row, note, writtenAt: at }, facts, clock.now());
    },

    /** The engineer shares the note with their new manager before the week is up. */
    async releaseHandover(actor: Actor, id: string): Promise<Handover> {
      const { row, facts } = await load(actor, id, 'release');
      const at = clock.now().toISOString();
      await updateHandover(db, id, { released_at: at });
      return presentHandover(actor, { ...row, releasedAt: at }, facts, clock.now());
    },
  };
}

export type ContractHandoverService = ReturnType<typeof createContractHandoverService>;
