import type { Transaction } from '../../db/client.ts';
import type { SummaryFields } from '../../../shared/schemas/conversations.ts';

export interface PrepAnswerRow {
  promptKey: string;
  answer: string;
  isShared: boolean;
  sharedAt: string | null;
  updatedAt: string;
}

/** Prep answers of a conversation; `sharedOnly` is how a manager reads them (C5 stays out in SQL). */
export async function listPrepAnswers(
  db: Transaction,
  conversationId: string,
  options: { sharedOnly: boolean },
): Promise<PrepAnswerRow[]> {
  let query = db
    .selectFrom('prep_answers')
    .select(['prompt_key', 'answer', 'is_shared', 'shared_at', 'updated_at'])
    .where('conversation_id', '=', conversationId);
  if (options.sharedOnly) query = query.where('is_shared', '=', true);
  const rows = await query.execute();
  return rows.map((row) => ({
    promptKey: row.prompt_key,
    answer: row.answer,
    isShared: row.is_shared,
    sharedAt: row.shared_at,
    updatedAt: row.updated_at,
  }));
}

/** Saves a draft answer; a shared answer stays shared and shows the new text. */
export async function upsertPrepAnswer(
  db: Transaction,
  row: {
    id: string;
    conversationId: string;
    authorId: string;
    promptKey: string;
    answer: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('prep_answers')
    .values({
      id: row.id,
      conversation_id: row.conversationId,
      author_id: row.authorId,
      prompt_key: row.promptKey,
      answer: row.answer,
      is_shared: false,
      shared_at: null,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'prompt_key'])
        .doUpdateSet({ answer: row.answer, updated_at: row.at }),
    )
    .execute();
}

export async function sharePrepAnswers(
  db: Transaction,
  conversationId: string,
  keys: string[] | 'all',
  at: string,
): Promise<number> {
  let query = db
    .updateTable('prep_answers')
    .set({ is_shared: true, shared_at: at })
    .where('conversation_id', '=', conversationId)
    .where('is_shared', '=', false)
    .where('answer', '<>', '');
  if (keys !== 'all') query = query.where('prompt_key', 'in', keys);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ManagerPrepRow {
  hasReviewedWork: boolean;
  hasAssessedFramework: boolean;
  hasIdentifiedOpportunities: boolean;
  hasTalkingPoints: boolean;
  talkingPoints: string;
  updatedAt: string;
}

export async function findManagerPrep(
  db: Transaction,
  conversationId: string,
  authorId: string,
): Promise<ManagerPrepRow | undefined> {
  const row = await db
    .selectFrom('manager_preps')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('author_id', '=', authorId)
    .executeTakeFirst();
  return row
    ? {
        hasReviewedWork: row.has_reviewed_work,
        hasAssessedFramework: row.has_assessed_framework,
        hasIdentifiedOpportunities: row.has_identified_opportunities,
        hasTalkingPoints: row.has_talking_points,
        talkingPoints: row.talking_points,
        updatedAt: row.updated_at,
      }
    : undefined;
}

export async function upsertManagerPrep(
  db: Transaction,
  conversationId: string,
  authorId: string,
  prep: Omit<ManagerPrepRow, 'updatedAt'>,
  at: string,
): Promise<void> {
  const values = {
    has_reviewed_work: prep.hasReviewedWork,
    has_assessed_framework: prep.hasAssessedFramework,
    has_identified_opportunities: prep.hasIdentifiedOpportunities,
    has_talking_points: prep.hasTalkingPoints,
    talking_points: prep.talkingPoints,
    updated_at: at,
  };
  await db
    .insertInto('manager_preps')
    .values({ conversation_id: conversationId, author_id: authorId, ...values })
    .onConflict((oc) => oc.column('conversation_id').doUpdateSet(values))
    .execute();
}

export interface PrivateNoteRow {
  body: string;
  updatedAt: string;
}

/** The author's own note for a scope ("conversation:<id>" or "person:<id>"); nobody else's. */
export async function findPrivateNote(
  db: Transaction,
  authorId: string,
  scopeKey: string,
): Promise<PrivateNoteRow | undefined> {
  const row = await db
    .selectFrom('private_notes')
    .select(['body', 'updated_at'])
    .where('author_id', '=', authorId)
    .where('scope_key', '=', scopeKey)
    .executeTakeFirst();
  return row ? { body: row.body, updatedAt: row.updated_at } : undefined;
}

export async function upsertPrivateNote(
  db: Transaction,
  row: {
    id: string;
    authorId: string;
    subjectId: string;
    conversationId: string | null;
    scopeKey: string;
    body: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('private_notes')
    .values({
      id: row.id,
      author_id: row.authorId,
      subject_id: row.subjectId,
      conversation_id: row.conversationId,
      scope_key: row.scopeKey,
      body: row.body,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(['author_id', 'scope_key']).doUpdateSet({ body: row.body, updated_at: row.at }),
    )
    .execute();
}

export interface SummaryVersionRow extends SummaryFields {
  conversationId: string;
  version: number;
  sentAt: string;
  sentById: string | null;
  sentByName: string | null;
}

export interface SummaryResponseRow {
  conversationId: string;
  version: number;
  kind: 'acknowledged' | 'amendment_requested';
  comment: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

/** Sent versions of the summaries of the given conversations, oldest version first. */
export async function listSummaryVersions(
  db: Transaction,
  conversationIds: string[],
): Promise<SummaryVersionRow[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('summary_versions as sv')
    .leftJoin('people as p', 'p.id', 'sv.sent_by')
    .select([
      'sv.conversation_id',
      'sv.version',
      'sv.discussed',
      'sv.goals',
      'sv.manager_actions',
      'sv.engineer_actions',
      'sv.next_check_in_on',
      'sv.sent_at',
      'sv.sent_by',
      'p.name as sent_by_name',
    ])
    .where('sv.conversation_id', 'in', conversationIds)
    .orderBy('sv.conversation_id')
    .orderBy('sv.version')
    .execute();
  return rows.map((row) => ({
    conversationId: row.conversation_id,
    version: Number(row.version),
    discussed: row.discussed,
    goals: row.goals,
    managerActions: row.manager_actions,
    engineerActions: row.engineer_actions,
    nextCheckInOn: row.next_check_in_on,
    sentAt: row.sent_at,
    sentById: row.sent_by,
    sentByName: row.sent_by_name,
  }));
}

export async function insertSummaryVersion(
  db: Transaction,
  row: {
    id: string;
    conversationId: string;
    version: number;
    fields: SummaryFields;
    sentAt: string;
    sentBy: string;
  },
): Promise<void> {
  await db
    .insertInto('summary_versions')
    .values({
      id: row.id,
      conversation_id: row.conversationId,
      version: row.version,
      discussed: row.fields.discussed,
      goals: row.fields.goals,
      manager_actions: row.fields.managerActions,
      engineer_actions: row.fields.engineerActions,
      next_check_in_on: row.fields.nextCheckInOn,
      sent_at: row.sentAt,
      sent_by: row.sentBy,
    })
    .execute();
}

/** Responses to the summaries of the given conversations (one per version), oldest version first. */
export async function listSummaryResponses(
  db: Transaction,
  conversationIds: string[],
): Promise<SummaryResponseRow[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('summary_responses as sr')
    .leftJoin('people as p', 'p.id', 'sr.author_id')
    .select([
      'sr.conversation_id',
      'sr.version',
      'sr.kind',
      'sr.comment',
      'sr.author_id',
      'p.name as author_name',
      'sr.created_at',
    ])
    .where('sr.conversation_id', 'in', conversationIds)
    .orderBy('sr.conversation_id')
    .orderBy('sr.version')
    .execute();
  return rows.map((row) => ({
    conversationId: row.conversation_id,
    version: Number(row.version),
    kind: row.kind as SummaryResponseRow['kind'],
    comment: row.comment,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
  }));
}

export async function insertSummaryResponse(
  db: Transaction,
  row: {
    id: string;
    conversationId: string;
    version: number;
    authorId: string;
    kind: 'acknowledged' | 'amendment_requested';
    comment: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('summary_responses')
    .values({
      id: row.id,
      conversation_id: row.conversationId,
      version: row.version,
      author_id: row.authorId,
      kind: row.kind,
      comment: row.comment,
      created_at: row.at,
    })
    .execute();
}
