import { readCadencePolicy } from '../cadence/cadence-settings.service.ts';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import { isPeopleTeam } from '../../policies/predicates.ts';
import type {
  Conversation,
  ConversationList,
  ConversationListQuery,
  CreateConversation,
  UpdateConversation,
} from '../../../shared/schemas/conversations.ts';
import { findPersonById } from '../people/people.repository.ts';
import {
  linkQuarterlyToContract,
  recordContractReview,
} from '../contracts/contract-conversations.ts';
import { auditListRead, auditRecordRead } from './conversation-audit.ts';
import { loadConversation, toResource } from './conversation-resource.ts';
import {
  conversationListPolicy,
  conversationPolicy,
  schedulingPolicy,
} from './conversations.policy.ts';
import { presentConversation } from './conversations.presenter.ts';
import {
  insertConversation,
  insertEvent,
  listConversations,
  listEvents,
  loadPairFacts,
  loadPairFactsOf,
  updateConversationRow,
} from './conversations.repository.ts';
import { kindInfos } from './question-banks.content.ts';
import { currentBank } from './question-banks.service.ts';

/**
 * Called after a conversation is scheduled, rescheduled, cancelled, held or its summary sent, so
 * invitations and reminders follow at once (the reminder scheduler; never throws).
 */
export type ConversationChangeHook = (conversationId: string) => Promise<void>;

interface Deps {
  database: Database;
  clock: Clock;
  onConversationChanged?: ConversationChangeHook;
}

export function createConversationService({ database, clock, onConversationChanged }: Deps) {
  const { db } = database;

  async function load(actor: Actor, id: string) {
    const loaded = await loadConversation(db, id, clock.now());
    authorize(actor, conversationPolicy, 'view', loaded?.resource ?? null);
    if (!loaded) throw new NotFoundError('conversation');
    return loaded;
  }

  async function getConversation(actor: Actor, id: string): Promise<Conversation> {
    const { row, resource } = await load(actor, id);
    const isParticipant = conversationPolicy.actions.readRecord(actor, resource);
    const events = isParticipant ? await listEvents(db, id) : null;
    if (isParticipant)
      await auditRecordRead({ database, clock }, actor, {
        action: 'conversation.read',
        targetType: 'conversation',
        targetId: id,
        subjectPersonId: row.engineerId,
      });
    const policy = await readCadencePolicy(db);
    return presentConversation({ actor, row, resource, events, now: clock.now(), policy });
  }

  /** Records a change to the schedule; the other side is asked to confirm again. */
  async function recordEvent(
    conversationId: string,
    actorId: string,
    action: string,
    schedule: { startsAt: string; durationMinutes: number },
    reason = '',
    executor: Transaction = db,
  ) {
    await insertEvent(executor, {
      id: randomUUID(),
      conversationId,
      actorId,
      action,
      startsAt: schedule.startsAt,
      durationMinutes: schedule.durationMinutes,
      reason,
      createdAt: clock.now().toISOString(),
    });
  }

  return {
    getConversation,

    /**
     * Conversations the actor may see, filtered in SQL: their own (as engineer or manager of
     * record) with content, their subtree's as metadata, everyone's as metadata for admins.
     */
    async listConversations(actor: Actor, query: ConversationListQuery): Promise<ConversationList> {
      authorize(actor, conversationListPolicy, 'view', null);
      const person = requirePerson(actor);
      const now = clock.now();
      const today = toIsoDate(now);
      const rows = await listConversations(
        db,
        { actorId: person.id, isOrgWide: isPeopleTeam(actor), today },
        query,
      );
      // Agendas (C2) go to the pair only; a manager listing their reports' meetings reads them.
      await auditListRead(
        { database, clock },
        actor,
        'conversation.list',
        rows
          .filter((row) => row.managerId === person.id || row.engineerId === person.id)
          .map((row) => row.engineerId),
      );
      const factsByEngineer = await loadPairFactsOf(
        db,
        rows.map((row) => row.engineerId),
        today,
      );
      const policy = await readCadencePolicy(db);
      return {
        items: rows.map((row) => {
          const facts = factsByEngineer.get(row.engineerId) ?? {
            engineerId: row.engineerId,
            currentManagerId: null,
            chainIds: [],
          };
          return presentConversation({
            actor,
            row,
            resource: toResource(row, facts),
            events: null,
            now,
            policy,
          });
        }),
      };
    },

    /**
     * Proposes a conversation between an engineer and their current manager; either of them may
     * propose. 403 for anyone else, ConflictError when the engineer has no manager today.
     */
    async scheduleConversation(actor: Actor, input: CreateConversation): Promise<Conversation> {
      const now = clock.now();
      const engineer = await findPersonById(db, input.engineerId);
      const facts = engineer ? await loadPairFacts(db, engineer.id, toIsoDate(now)) : null;
      authorize(actor, schedulingPolicy, 'schedule', facts);
      const person = requirePerson(actor);
      const managerId = facts?.currentManagerId;
      if (!facts || !managerId)
        throw new ConflictError(
          'This engineer has no manager today, so there is nobody to meet with.',
          'engineerId',
          'no_manager',
        );
      const bank = await currentBank(db, input.kind, now.toISOString());
      const id = randomUUID();
      const durationMinutes = input.durationMinutes ?? kindInfos[input.kind].defaultMinutes;
      const startsAt = new Date(input.startsAt).toISOString();
      await db.transaction().execute(async (trx) => {
        await insertConversation(trx, {
          id,
          engineer_id: facts.engineerId,
          manager_id: managerId,
          kind: input.kind,
          status: 'proposed',
          starts_at: startsAt,
          duration_minutes: durationMinutes,
          place: input.place,
          agenda: input.agenda,
          proposed_by: person.id,
          bank_version: bank.version,
          completed_at: null,
          cancelled_at: null,
          shared_notes: '',
          shared_notes_version: 0,
          shared_notes_updated_at: null,
          shared_notes_updated_by: null,
          summary_draft: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
        await linkQuarterlyToContract(trx, {
          conversationId: id,
          engineerId: facts.engineerId,
          kind: input.kind,
          at: now.toISOString(),
        });
        // In the same transaction: a crash never leaves a conversation without its history.
        await recordEvent(id, person.id, 'proposed', { startsAt, durationMinutes }, '', trx);
      });
      await onConversationChanged?.(id);
      return getConversation(actor, id);
    },

    /**
     * Reschedules (start, length, place — back to proposed, history kept) and/or edits the
     * agenda. 403 for leaders, former pairs and closed conversations.
     */
    async updateConversation(
      actor: Actor,
      id: string,
      patch: UpdateConversation,
    ): Promise<Conversation> {
      const { row, resource } = await load(actor, id);
      const isReschedule =
        patch.startsAt !== undefined ||
        patch.durationMinutes !== undefined ||
        patch.place !== undefined;
      authorize(actor, conversationPolicy, isReschedule ? 'reschedule' : 'edit', resource);
      const person = requirePerson(actor);
      const now = clock.now().toISOString();
      const startsAt = patch.startsAt ? new Date(patch.startsAt).toISOString() : row.startsAt;
      const durationMinutes = patch.durationMinutes ?? row.durationMinutes;
      await db.transaction().execute(async (trx) => {
        await updateConversationRow(trx, id, {
          ...(isReschedule && {
            starts_at: startsAt,
            duration_minutes: durationMinutes,
            status: 'proposed',
            proposed_by: person.id,
          }),
          ...(patch.place !== undefined && { place: patch.place }),
          ...(patch.agenda !== undefined && { agenda: patch.agenda }),
          updated_at: now,
        });
        if (isReschedule)
          await recordEvent(
            id,
            person.id,
            'rescheduled',
            { startsAt, durationMinutes },
            patch.reason,
            trx,
          );
      });
      if (isReschedule) await onConversationChanged?.(id);
      return getConversation(actor, id);
    },

    /** The other participant accepts the proposed time. 403 for the proposer themself. */
    async confirmConversation(actor: Actor, id: string): Promise<Conversation> {
      const { row, resource } = await load(actor, id);
      authorize(actor, conversationPolicy, 'confirm', resource);
      const person = requirePerson(actor);
      await db.transaction().execute(async (trx) => {
        await updateConversationRow(trx, id, {
          status: 'confirmed',
          updated_at: clock.now().toISOString(),
        });
        await recordEvent(id, person.id, 'confirmed', row, '', trx);
      });
      return getConversation(actor, id);
    },

    /** Cancels, keeping the conversation and its history. */
    async cancelConversation(actor: Actor, id: string, reason: string): Promise<Conversation> {
      const { row, resource } = await load(actor, id);
      authorize(actor, conversationPolicy, 'cancel', resource);
      const person = requirePerson(actor);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await updateConversationRow(trx, id, {
          status: 'cancelled',
          cancelled_at: now,
          updated_at: now,
        });
        await recordEvent(id, person.id, 'cancelled', row, reason, trx);
      });
      await onConversationChanged?.(id);
      return getConversation(actor, id);
    },

    /** Marks the conversation as held now; the summary is due within the policy's summary window. */
    async completeConversation(actor: Actor, id: string): Promise<Conversation> {
      const { row, resource } = await load(actor, id);
      authorize(actor, conversationPolicy, 'complete', resource);
      const person = requirePerson(actor);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await updateConversationRow(trx, id, {
          status: 'completed',
          completed_at: now,
          updated_at: now,
        });
        await recordContractReview(trx, { conversationId: id, at: now });
        await recordEvent(id, person.id, 'completed', row, '', trx);
      });
      await onConversationChanged?.(id);
      return getConversation(actor, id);
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
