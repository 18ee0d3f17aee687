import type { Transaction } from '../../db/client.ts';
import type { ConversationKind } from '../../../shared/schemas/conversations.ts';

export interface QuestionBankRow {
  id: string;
  kind: ConversationKind;
  version: number;
  content: string;
  createdAt: string;
}

/** One version of a kind's bank, or the newest when `version` is omitted. */
export async function findBank(
  db: Transaction,
  kind: ConversationKind,
  version?: number,
): Promise<QuestionBankRow | undefined> {
  let query = db
    .selectFrom('question_banks')
    .select(['id', 'kind', 'version', 'content', 'created_at'])
    .where('kind', '=', kind);
  if (version !== undefined) query = query.where('version', '=', version);
  const row = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row
    ? {
        id: row.id,
        kind: row.kind as ConversationKind,
        version: Number(row.version),
        content: row.content,
        createdAt: row.created_at,
      }
    : undefined;
}

export async function listBankVersions(db: Transaction, kind: ConversationKind): Promise<number[]> {
  const rows = await db
    .selectFrom('question_banks')
    .select('version')
    .where('kind', '=', kind)
    .orderBy('version')
    .execute();
  return rows.map((row) => Number(row.version));
}

/** Inserts a version; a concurrent insert of the same (kind, version) is ignored and returns false. */
export async function insertBank(
  db: Transaction,
  row: {
    id: string;
    kind: ConversationKind;
    version: number;
    content: string;
    createdAt: string;
    createdBy: string | null;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('question_banks')
    .values({
      id: row.id,
      kind: row.kind,
      version: row.version,
      content: row.content,
      created_at: row.createdAt,
      created_by: row.createdBy,
    })
    .onConflict((oc) => oc.columns(['kind', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
