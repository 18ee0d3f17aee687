import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  ConversationGuide,
  ManagerPrep,
  Prep,
  PrepContext,
  SharePrep,
  UpdateManagerPrep,
} from '../../../shared/schemas/conversations.ts';
import { presentActionItem } from '../action-items/action-items.presenter.ts';
import { listActionItemsOf } from '../action-items/action-items.repository.ts';
import { loadPrepContract } from '../contracts/contract-prep.ts';
import { listExercises } from '../what-matters/what-matters.repository.ts';
import { auditRecordRead } from './conversation-audit.ts';
import { loadConversation } from './conversation-resource.ts';
import type { LoadedConversation } from './conversation-resource.ts';
import {
  conversationPolicy,
  conversationRecordPolicy,
  managerPrepPolicy,
} from './conversations.policy.ts';
import {
  findManagerPrep,
  listPrepAnswers,
  listSummaryVersions,
  sharePrepAnswers,
  upsertManagerPrep,
  upsertPrepAnswer,
} from './conversation-record.repository.ts';
import { listPairConversations } from './conversations.repository.ts';
import { listeningGuide } from './listening-guide.content.ts';
import { kindInfos } from './question-banks.content.ts';
import { bankForConversation } from './question-banks.service.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

/** The manager's prep checklist (DESIGN §2.3), in our words, with suggested minutes. */
export const managerChecklistItems = [
  { key: 'hasReviewedWork', label: 'Review recent work and earlier conversations', minutes: 15 },
  { key: 'hasAssessedFramework', label: 'Assess against the career framework', minutes: 15 },
  {
    key: 'hasIdentifiedOpportunities',
    label: 'Identify opportunities: projects, stretch work, mentors',
    minutes: 10,
  },
  { key: 'hasTalkingPoints', label: 'Prepare your talking points', minutes: 10 },
];

export function createConversationPrepService({ database, clock }: Deps) {
  const { db } = database;
  const nowIso = () => clock.now().toISOString();

  async function loadRecord(actor: Actor, id: string): Promise<LoadedConversation> {
    const loaded = await loadConversation(db, id, clock.now());
    authorize(actor, conversationRecordPolicy, 'view', loaded?.resource ?? null);
    if (!loaded) throw new NotFoundError('conversation');
    return loaded;
  }

  async function getPrep(actor: Actor, id: string): Promise<Prep> {
    const { row, resource } = await loadRecord(actor, id);
    const isEngineer = actor.kind === 'person' && actor.id === row.engineerId;
    const bank = await bankForConversation(db, row.kind, row.bankVersion, nowIso());
    // The manager's query never selects unshared answers: C5 stays in the database.
    const answers = await listPrepAnswers(db, id, { sharedOnly: !isEngineer });
    await auditRecordRead({ database, clock }, actor, {
      action: 'conversation.prep.read',
      targetType: 'conversation',
      targetId: id,
      subjectPersonId: row.engineerId,
    });
    const byKey = new Map(answers.map((a) => [a.promptKey, a]));
    const items = bank.engineerPrompts
      .map((prompt) => {
        const answer = byKey.get(prompt.key);
        return {
          key: prompt.key,
          prompt: prompt.text,
          answer: answer?.answer ?? '',
          isShared: answer?.isShared ?? false,
          sharedAt: answer?.sharedAt ?? null,
          updatedAt: answer?.updatedAt ?? null,
        };
      })
      .filter((item) => isEngineer || item.isShared);
    const canPrepare = conversationPolicy.actions.prepare(actor, resource);
    return {
      conversationId: id,
      bankVersion: row.bankVersion,
      items,
      abilities: { answer: canPrepare, share: canPrepare },
    };
  }

  async function buildContext(actor: Actor, loaded: LoadedConversation): Promise<PrepContext> {
    const { row } = loaded;
    const today = toIsoDate(clock.now());
    const earlier = (await listPairConversations(db, row.engineerId, row.managerId)).filter(
      (c) => c.id !== row.id && c.startsAt < row.startsAt && c.status === 'completed',
    );
    const versions = await listSummaryVersions(
      db,
      earlier.map((c) => c.id),
    );
    const latestByConversation = new Map<string, (typeof versions)[number]>();
    for (const version of versions) latestByConversation.set(version.conversationId, version);
    const earlierSummaries = earlier.flatMap((c) => {
      const version = latestByConversation.get(c.id);
      return version
        ? [
            {
              conversationId: c.id,
              kind: c.kind,
              heldAt: c.completedAt ?? c.startsAt,
              version: version.version,
              sentAt: version.sentAt,
              discussed: version.discussed,
              goals: version.goals,
              managerActions: version.managerActions,
              engineerActions: version.engineerActions,
              nextCheckInOn: version.nextCheckInOn,
            },
          ]
        : [];
    });
    const openItems = await listActionItemsOf(db, row.managerId, {
      engineerId: row.engineerId,
      managerId: row.managerId,
      isOpen: true,
      today,
    });
    const shared = await listExercises(db, row.engineerId, { sharedWithId: row.managerId });
    const latestShared = shared[0];
    const prep = await listPrepAnswers(db, row.id, { sharedOnly: true });
    const bank = await bankForConversation(db, row.kind, row.bankVersion, nowIso());
    return {
      earlierSummaries,
      lastSummary: earlierSummaries[0] ?? null,
      openActionItems: openItems.map((item) =>
        presentActionItem(actor, item, loaded.resource.facts, today),
      ),
      sharedPrep: bank.engineerPrompts.flatMap((prompt) => {
        const answer = prep.find((a) => a.promptKey === prompt.key);
        return answer
          ? [
              {
                key: prompt.key,
                prompt: prompt.text,
                answer: answer.answer,
                isShared: true,
                sharedAt: answer.sharedAt,
                updatedAt: answer.updatedAt,
              },
            ]
          : [];
      }),
      whatMatters: latestShared
        ? { id: latestShared.id, createdAt: latestShared.createdAt, values: latestShared.values }
        : null,
      // Extension point: the frameworks module fills this when it exists.
      ladderSyncUp: null,
      contract: await loadPrepContract({ database, clock }, actor, row.engineerId),
    };
  }

  return {
    getPrep,

    /** Saves one prep answer as a private draft (the engineer only; 404 for everyone else). */
    async savePrepAnswer(actor: Actor, id: string, key: string, answer: string): Promise<Prep> {
      const { row, resource } = await loadRecord(actor, id);
      authorize(actor, conversationRecordPolicy, 'prepare', resource);
      const person = requirePerson(actor);
      const bank = await bankForConversation(db, row.kind, row.bankVersion, nowIso());
      if (!bank.engineerPrompts.some((prompt) => prompt.key === key))
        throw new ValidationError(`there is no prompt "${key}" for this conversation`, 'key');
      await upsertPrepAnswer(db, {
        id: randomUUID(),
        conversationId: id,
        authorId: person.id,
        promptKey: key,
        answer,
        at: nowIso(),
      });
      return getPrep(actor, id);
    },

    /** Shares drafts with the manager, one by one or all at once; empty drafts stay private. */
    async sharePrep(actor: Actor, id: string, input: SharePrep): Promise<Prep> {
      const { resource } = await loadRecord(actor, id);
      authorize(actor, conversationRecordPolicy, 'prepare', resource);
      const keys = input.all ? 'all' : (input.keys ?? []);
      const count = await sharePrepAnswers(db, id, keys, nowIso());
      if (count === 0 && keys !== 'all')
        throw new ConflictError('There is no unshared answer with that prompt to share.', 'keys');
      return getPrep(actor, id);
    },

    /**
     * The manager's checklist, talking points and context panel for one conversation (C6 + C2 of
     * this pair). 404 for anyone but the conversation's manager.
     */
    async getManagerPrep(actor: Actor, id: string): Promise<ManagerPrep> {
      const loaded = await loadConversation(db, id, clock.now());
      authorize(actor, managerPrepPolicy, 'view', loaded?.resource ?? null);
      if (!loaded) throw new NotFoundError('conversation');
      const prep = await findManagerPrep(db, id, loaded.row.managerId);
      await auditRecordRead({ database, clock }, actor, {
        action: 'conversation.context.read',
        targetType: 'conversation',
        targetId: id,
        subjectPersonId: loaded.row.engineerId,
      });
      return {
        conversationId: id,
        checklist: {
          hasReviewedWork: prep?.hasReviewedWork ?? false,
          hasAssessedFramework: prep?.hasAssessedFramework ?? false,
          hasIdentifiedOpportunities: prep?.hasIdentifiedOpportunities ?? false,
          hasTalkingPoints: prep?.hasTalkingPoints ?? false,
        },
        checklistItems: managerChecklistItems,
        talkingPoints: prep?.talkingPoints ?? '',
        updatedAt: prep?.updatedAt ?? null,
        context: await buildContext(actor, loaded),
        abilities: abilitiesOf(actor, managerPrepPolicy, loaded.resource),
      };
    },

    /** Ticks checklist items or edits talking points. 403 for a former manager. */
    async updateManagerPrep(
      actor: Actor,
      id: string,
      patch: UpdateManagerPrep,
    ): Promise<ManagerPrep> {
      const loaded = await loadConversation(db, id, clock.now());
      authorize(actor, managerPrepPolicy, 'update', loaded?.resource ?? null);
      if (!loaded) throw new NotFoundError('conversation');
      const current = await findManagerPrep(db, id, loaded.row.managerId);
      await upsertManagerPrep(
        db,
        id,
        loaded.row.managerId,
        {
          hasReviewedWork: patch.hasReviewedWork ?? current?.hasReviewedWork ?? false,
          hasAssessedFramework:
            patch.hasAssessedFramework ?? current?.hasAssessedFramework ?? false,
          hasIdentifiedOpportunities:
            patch.hasIdentifiedOpportunities ?? current?.hasIdentifiedOpportunities ?? false,
          hasTalkingPoints: patch.hasTalkingPoints ?? current?.hasTalkingPoints ?? false,
          talkingPoints: patch.talkingPoints ?? current?.talkingPoints ?? '',
        },
        nowIso(),
      );
      return this.getManagerPrep(actor, id);
    },

    /** The guide for the conversation's kind at the bank version it uses, with the listening guide. */
    async getGuide(actor: Actor, id: string): Promise<ConversationGuide> {
      const { row } = await loadRecord(actor, id);
      const bank = await bankForConversation(db, row.kind, row.bankVersion, nowIso());
      return {
        kind: row.kind,
        bankVersion: row.bankVersion,
        purpose: kindInfos[row.kind].purpose,
        talkingShare: 'Aim for the engineer to talk about 70% of the time.',
        sections: bank.managerGuide,
        listening: listeningGuide,
      };
    },
  };
}

export type ConversationPrepService = ReturnType<typeof createConversationPrepService>;
