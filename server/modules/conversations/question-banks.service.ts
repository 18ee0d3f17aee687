import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize } from '../../policies/authorize.ts';
import {
  conversationKinds,
  questionBankContentSchema,
} from '../../../shared/schemas/conversations.ts';
import type {
  ConversationKind,
  KindInfo,
  ListeningGuide,
  QuestionBank,
  QuestionBankContent,
} from '../../../shared/schemas/conversations.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { questionBankPolicy } from './conversations.policy.ts';
import { listeningGuide } from './listening-guide.content.ts';
import { defaultBanks, kindInfos } from './question-banks.content.ts';
import { findBank, insertBank, listBankVersions } from './question-banks.repository.ts';
import type { QuestionBankRow } from './question-banks.repository.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

/**
 * The newest bank of a kind, seeding version 1 from the built-in content the first time a kind
 * is used (idempotent across instances: the unique key absorbs a race).
 */
export async function currentBank(
  db: Transaction,
  kind: ConversationKind,
  now: string,
): Promise<QuestionBankRow> {
  const existing = await findBank(db, kind);
  if (existing) return existing;
  await insertBank(db, {
    id: randomUUID(),
    kind,
    version: 1,
    content: JSON.stringify(defaultBanks[kind]),
    createdAt: now,
    createdBy: null,
  });
  const seeded = await findBank(db, kind);
  if (!seeded) throw new Error(`question bank for ${kind} could not be seeded`);
  return seeded;
}

/** A stored bank's content, parsed; the stored JSON was validated when it was written. */
export function contentOf(row: QuestionBankRow): QuestionBankContent {
  return questionBankContentSchema.parse(JSON.parse(row.content));
}

/** The bank a conversation uses: the version it was scheduled with. */
export async function bankForConversation(
  db: Transaction,
  kind: ConversationKind,
  version: number,
  now: string,
): Promise<QuestionBankContent> {
  const row = (await findBank(db, kind, version)) ?? (await currentBank(db, kind, now));
  return contentOf(row);
}

export function createQuestionBankService({ database, clock }: Deps) {
  const { db } = database;
  const now = () => clock.now().toISOString();

  async function present(actor: Actor, row: QuestionBankRow): Promise<QuestionBank> {
    return {
      ...contentOf(row),
      kind: row.kind,
      version: row.version,
      createdAt: row.createdAt,
      versions: await listBankVersions(db, row.kind),
      abilities: abilitiesOf(actor, questionBankPolicy, null),
    };
  }

  return {
    /** The kinds with purpose, default length and cadence. Signed-in only. */
    listKinds(actor: Actor): { items: KindInfo[] } {
      authorize(actor, questionBankPolicy, 'view', null);
      return { items: conversationKinds.map((kind) => kindInfos[kind]) };
    },

    /** The listening guide shown in conversation mode. Signed-in only. */
    getListeningGuide(actor: Actor): ListeningGuide {
      authorize(actor, questionBankPolicy, 'view', null);
      return listeningGuide;
    },

    /** A kind's bank (newest, or the version asked for); NotFoundError for an unknown version. */
    async getBank(actor: Actor, kind: ConversationKind, version?: number): Promise<QuestionBank> {
      authorize(actor, questionBankPolicy, 'view', null);
      const latest = await currentBank(db, kind, now());
      const row = version === undefined ? latest : await findBank(db, kind, version);
      if (!row) throw new NotFoundError('question bank version');
      return present(actor, row);
    },

    /**
     * Publishes a new version of a kind's bank (admins). Past conversations keep the version they
     * were scheduled with. ConflictError when another admin published at the same moment.
     */
    async publishBank(
      actor: Actor,
      kind: ConversationKind,
      content: QuestionBankContent,
    ): Promise<QuestionBank> {
      authorize(actor, questionBankPolicy, 'update', null);
      const latest = await currentBank(db, kind, now());
      const isInserted = await db.transaction().execute(async (trx) => {
        const id = randomUUID();
        const inserted = await insertBank(trx, {
          id,
          kind,
          version: latest.version + 1,
          content: JSON.stringify(content),
          createdAt: now(),
          createdBy: actor.kind === 'person' ? actor.id : null,
        });
        if (inserted)
          await recordAuditEvent(
            trx,
            {
              actor,
              action: 'question_bank.publish',
              targetType: 'question_bank',
              targetId: id,
              subjectPersonId: null,
              decision: 'allow',
              reason: `${kind} version ${latest.version + 1}`,
            },
            clock.now(),
          );
        return inserted;
      });
      if (!isInserted)
        throw new ConflictError(
          'Someone published a new version at the same time; reload and retry.',
        );
      const row = await findBank(db, kind, latest.version + 1);
      if (!row) throw new NotFoundError('question bank version');
      return present(actor, row);
    },
  };
}

export type QuestionBankService = ReturnType<typeof createQuestionBankService>;
