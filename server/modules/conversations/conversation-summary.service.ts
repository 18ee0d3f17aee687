import { readCadencePolicy } from '../cadence/cadence-settings.service.ts';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import {
  ConflictError,
  NotFoundError,
  requireBaseVersion,
  StaleVersionError,
} from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import { summaryFieldsSchema } from '../../../shared/schemas/conversations.ts';
import type {
  SaveSummaryDraft,
  Summary,
  SummaryFields,
  SummaryResponseInput,
} from '../../../shared/schemas/conversations.ts';
import { listActionItemsOf } from '../action-items/action-items.repository.ts';
import type { ActionItemRow } from '../action-items/action-items.repository.ts';
import { auditRecordRead } from './conversation-audit.ts';
import { loadConversation } from './conversation-resource.ts';
import type { LoadedConversation } from './conversation-resource.ts';
import { summaryDueAt, summaryStatusAt } from './conversation-status.ts';
import { conversationRecordPolicy } from './conversations.policy.ts';
import {
  insertSummaryResponse,
  insertSummaryVersion,
  listSummaryResponses,
  listSummaryVersions,
} from './conversation-record.repository.ts';
import { updateSummaryDraftIfVersion } from './conversations.repository.ts';
import type { ConversationChangeHook } from './conversations.service.ts';

interface Deps {
  database: Database;
  clock: Clock;
  onConversationChanged?: ConversationChangeHook;
}

const bullet = (item: ActionItemRow) =>
  `- ${item.text}${item.dueOn ? ` (by ${item.dueOn})` : ''}${item.isDone ? ' — done' : ''}`;

/** A first draft from the structured record: the shared notes and each side's action items. */
export function draftSummary(
  row: LoadedConversation['row'],
  items: ActionItemRow[],
): SummaryFields {
  return {
    discussed: row.sharedNotes.trim(),
    goals: '',
    managerActions: items
      .filter((i) => i.owner === 'manager')
      .map(bullet)
      .join('\n'),
    engineerActions: items
      .filter((i) => i.owner === 'engineer')
      .map(bullet)
      .join('\n'),
    nextCheckInOn: null,
  };
}

function parseDraft(text: string | null): SummaryFields | null {
  if (!text) return null;
  const parsed = summaryFieldsSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

export function createConversationSummaryService({ database, clock, onConversationChanged }: Deps) {
  const { db } = database;

  async function loadRecord(actor: Actor, id: string) {
    const loaded = await loadConversation(db, id, clock.now());
    authorize(actor, conversationRecordPolicy, 'view', loaded?.resource ?? null);
    if (!loaded) throw new NotFoundError('conversation');
    return loaded;
  }

  async function currentDraft(loaded: LoadedConversation): Promise<SummaryFields> {
    const { row } = loaded;
    const saved = parseDraft(row.summaryDraft);
    if (saved) return saved;
    const items = await listActionItemsOf(db, row.managerId, { conversationId: row.id });
    const versions = await listSummaryVersions(db, [row.id]);
    const latest = versions.at(-1);
    // After an amendment request the manager starts from what was last sent.
    return latest
      ? {
          discussed: latest.discussed,
          goals: latest.goals,
          managerActions: latest.managerActions,
          engineerActions: latest.engineerActions,
          nextCheckInOn: latest.nextCheckInOn,
        }
      : draftSummary(row, items);
  }

  async function getSummary(actor: Actor, id: string): Promise<Summary> {
    const loaded = await loadRecord(actor, id);
    const { row, resource } = loaded;
    const isManager = actor.kind === 'person' && actor.id === row.managerId;
    await auditRecordRead({ database, clock }, actor, {
      action: 'conversation.summary.read',
      targetType: 'conversation',
      targetId: id,
      subjectPersonId: row.engineerId,
    });
    const [versions, responses] = await Promise.all([
      listSummaryVersions(db, [id]),
      listSummaryResponses(db, [id]),
    ]);
    const canSend = conversationRecordPolicy.actions.sendSummary(actor, resource);
    const latest = versions.at(-1);
    const latestResponse = responses.filter((r) => r.version === latest?.version).at(-1);
    const policy = await readCadencePolicy(db);
    const dueAt = summaryDueAt(row, policy);
    return {
      conversationId: id,
      status: summaryStatusAt(row, clock.now(), policy),
      dueAt: dueAt ? dueAt.toISOString() : null,
      draft: isManager ? await currentDraft(loaded) : null,
      draftVersion: row.summaryDraftVersion,
      versions: versions.map((v) => ({
        version: v.version,
        discussed: v.discussed,
        goals: v.goals,
        managerActions: v.managerActions,
        engineerActions: v.engineerActions,
        nextCheckInOn: v.nextCheckInOn,
        sentAt: v.sentAt,
        sentBy: v.sentById && v.sentByName ? { id: v.sentById, name: v.sentByName } : null,
      })),
      responses: responses.map((r) => ({
        version: r.version,
        kind: r.kind,
        comment: r.comment,
        author: r.authorId && r.authorName ? { id: r.authorId, name: r.authorName } : null,
        at: r.createdAt,
      })),
      abilities: {
        editDraft: canSend,
        send: canSend && (latest === undefined || latestResponse?.kind === 'amendment_requested'),
        respond:
          conversationRecordPolicy.actions.respondToSummary(actor, resource) &&
          latest !== undefined &&
          latestResponse === undefined,
      },
    };
  }

  return {
    getSummary,

    /**
     * Saves the manager's working draft (not visible to the engineer until sent). Compare-and-set
     * on `baseVersion` (ADR 080): 428 without it, StaleVersionError (409, current summary) when
     * another tab saved or sent first.
     */
    async saveDraft(actor: Actor, id: string, input: SaveSummaryDraft): Promise<Summary> {
      const loaded = await loadRecord(actor, id);
      authorize(actor, conversationRecordPolicy, 'sendSummary', loaded.resource);
      const { baseVersion, ...patch } = input;
      const expected = requireBaseVersion(baseVersion);
      const draft = { ...(await currentDraft(loaded)), ...patch };
      const isSaved = await updateSummaryDraftIfVersion(db, {
        id,
        expected,
        draft: JSON.stringify(draft),
        at: clock.now().toISOString(),
      });
      if (!isSaved) {
        const current = await getSummary(actor, id);
        throw new StaleVersionError(
          `This draft changed since you opened it (now version ${current.draftVersion}). Copy your text, reload and merge.`,
          { ...current, version: current.draftVersion },
        );
      }
      return getSummary(actor, id);
    },

    /**
     * Sends the current draft as the next version. The first version any time after the
     * conversation is held; a later one only to answer an amendment request (ConflictError otherwise).
     */
    async sendSummary(actor: Actor, id: string): Promise<Summary> {
      const loaded = await loadRecord(actor, id);
      authorize(actor, conversationRecordPolicy, 'sendSummary', loaded.resource);
      const person = requirePerson(actor);
      const summary = await getSummary(actor, id);
      if (!summary.abilities.send)
        throw new ConflictError(
          'This summary was already sent; a new version answers an amendment request.',
          undefined,
          'summary_sent',
        );
      const draft = await currentDraft(loaded);
      const version = (summary.versions.at(-1)?.version ?? 0) + 1;
      const answeredTwice = () =>
        new ConflictError(
          'This version was sent a moment ago; reload to see it.',
          undefined,
          'summary_sent',
        );
      await db
        .transaction()
        .execute(async (trx) => {
          await insertSummaryVersion(trx, {
            id: randomUUID(),
            conversationId: id,
            version,
            fields: draft,
            sentAt: clock.now().toISOString(),
            sentBy: person.id,
          });
          // Clearing the draft bumps its version, so a tab still editing the sent draft gets a 409.
          const isCleared = await updateSummaryDraftIfVersion(trx, {
            id,
            expected: loaded.row.summaryDraftVersion,
            draft: null,
            at: clock.now().toISOString(),
          });
          // The draft was saved again while this send was on its way: send what was reviewed.
          if (!isCleared)
            throw new ConflictError(
              'The draft changed while it was being sent; review it and send again.',
              undefined,
              'summary_draft_changed',
            );
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? answeredTwice() : error;
        });
      await onConversationChanged?.(id);
      return getSummary(actor, id);
    },

    /** The engineer acknowledges the latest version or asks for an amendment with a comment. */
    async respondToSummary(
      actor: Actor,
      id: string,
      input: SummaryResponseInput,
    ): Promise<Summary> {
      const loaded = await loadRecord(actor, id);
      authorize(actor, conversationRecordPolicy, 'respondToSummary', loaded.resource);
      const person = requirePerson(actor);
      const summary = await getSummary(actor, id);
      const latest = summary.versions.at(-1);
      if (!latest)
        throw new ConflictError('There is no summary to respond to yet.', undefined, 'no_summary');
      if (!summary.abilities.respond)
        throw new ConflictError(
          `You already responded to version ${latest.version}.`,
          undefined,
          'already_responded',
        );
      await insertSummaryResponse(db, {
        id: randomUUID(),
        conversationId: id,
        version: latest.version,
        authorId: person.id,
        kind: input.kind,
        comment: input.comment,
        at: clock.now().toISOString(),
      }).catch((error: unknown) => {
        if (isUniqueViolation(error))
          throw new ConflictError(
            `You already responded to version ${latest.version}.`,
            undefined,
            'already_responded',
          );
        throw error;
      });
      return getSummary(actor, id);
    },
  };
}

export type ConversationSummaryService = ReturnType<typeof createConversationSummaryService>;
