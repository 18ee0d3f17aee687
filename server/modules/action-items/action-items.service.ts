import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  ActionItem,
  ActionItemListQuery,
  CreateActionItem,
  UpdateActionItem,
} from '../../../shared/schemas/conversations.ts';
import { auditListRead, auditRecordRead } from '../conversations/conversation-audit.ts';
import { loadConversation } from '../conversations/conversation-resource.ts';
import {
  conversationListPolicy,
  conversationRecordPolicy,
} from '../conversations/conversations.policy.ts';
import { loadPairFacts, loadPairFactsOf } from '../conversations/conversations.repository.ts';
import { actionItemPolicy } from './action-items.policy.ts';
import { presentActionItem } from './action-items.presenter.ts';
import {
  findActionItem,
  insertActionItem,
  listActionItemsOf,
  updateActionItemRow,
} from './action-items.repository.ts';
import type { ActionItemRow } from './action-items.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

export function createActionItemService({ database, clock }: Deps) {
  const { db } = database;
  const today = () => toIsoDate(clock.now());

  async function getActionItem(actor: Actor, id: string): Promise<ActionItem> {
    const row = await findActionItem(db, id);
    const facts = row ? await loadPairFacts(db, row.engineerId, today()) : null;
    authorize(actor, actionItemPolicy, 'view', row && facts ? { ...row, facts } : null);
    if (!row || !facts) throw new NotFoundError('action item');
    await auditRecordRead({ database, clock }, actor, {
      action: 'action_item.read',
      targetType: 'action_item',
      targetId: id,
      subjectPersonId: row.engineerId,
    });
    return presentActionItem(actor, row, facts, today());
  }

  return {
    getActionItem,

    /** The actor's own action items (as engineer or as manager of record), filtered in SQL. */
    async listActionItems(
      actor: Actor,
      query: ActionItemListQuery,
    ): Promise<{ items: ActionItem[] }> {
      authorize(actor, conversationListPolicy, 'view', null);
      const person = requirePerson(actor);
      const rows = await listActionItemsOf(db, person.id, { ...query, today: today() });
      await auditListRead(
        { database, clock },
        actor,
        'action_item.list',
        rows.map((row) => row.engineerId),
      );
      const facts = await loadPairFactsOf(
        db,
        rows.map((row) => row.engineerId),
        today(),
      );
      return {
        items: rows.map((row) =>
          presentActionItem(
            actor,
            row,
            facts.get(row.engineerId) ?? {
              engineerId: row.engineerId,
              currentManagerId: null,
              chainIds: [],
            },
            today(),
          ),
        ),
      };
    },

    /** Quick capture during a conversation: owner, text, optional due date. The pair only. */
    async createActionItem(
      actor: Actor,
      conversationId: string,
      input: CreateActionItem,
    ): Promise<ActionItem> {
      const loaded = await loadConversation(db, conversationId, clock.now());
      authorize(actor, conversationRecordPolicy, 'edit', loaded?.resource ?? null);
      const person = requirePerson(actor);
      if (!loaded) throw new NotFoundError('conversation');
      const now = clock.now().toISOString();
      const id = randomUUID();
      const { row: conversation, resource } = loaded;
      await insertActionItem(db, {
        id,
        conversation_id: conversationId,
        engineer_id: conversation.engineerId,
        manager_id: conversation.managerId,
        owner: input.owner,
        text: input.text,
        due_on: input.dueOn,
        is_done: false,
        done_at: null,
        created_by: person.id,
        created_at: now,
        updated_at: now,
      });
      // The writer gets back what they wrote: no second load, and no "read" in the access log.
      const row: ActionItemRow = {
        id,
        conversationId,
        contractId: null,
        engineerId: conversation.engineerId,
        engineerName: conversation.engineerName,
        managerId: conversation.managerId,
        managerName: conversation.managerName,
        owner: input.owner,
        text: input.text,
        dueOn: input.dueOn,
        isDone: false,
        doneAt: null,
        createdAt: now,
      };
      return presentActionItem(actor, row, resource.facts, today());
    },

    /** Edits or ticks off an item; 403 once the reporting line behind it has ended. */
    async updateActionItem(actor: Actor, id: string, patch: UpdateActionItem): Promise<ActionItem> {
      const row = await findActionItem(db, id);
      const facts = row ? await loadPairFacts(db, row.engineerId, today()) : null;
      authorize(actor, actionItemPolicy, 'update', row && facts ? { ...row, facts } : null);
      if (!row || !facts) throw new NotFoundError('action item');
      const now = clock.now().toISOString();
      const doneAt =
        patch.isDone === undefined ? row.doneAt : patch.isDone ? (row.doneAt ?? now) : null;
      // Only the fields the patch names, so two people editing different fields both keep theirs.
      await updateActionItemRow(db, id, {
        ...(patch.owner !== undefined && { owner: patch.owner }),
        ...(patch.text !== undefined && { text: patch.text }),
        ...(patch.dueOn !== undefined && { due_on: patch.dueOn }),
        ...(patch.isDone !== undefined && { is_done: patch.isDone, done_at: doneAt }),
        updated_at: now,
      });
      const updated: ActionItemRow = {
        ...row,
        owner: patch.owner ?? row.owner,
        text: patch.text ?? row.text,
        dueOn: patch.dueOn === undefined ? row.dueOn : patch.dueOn,
        isDone: patch.isDone ?? row.isDone,
        doneAt,
      };
      return presentActionItem(actor, updated, facts, today());
    },
  };
}

export type ActionItemService = ReturnType<typeof createActionItemService>;
