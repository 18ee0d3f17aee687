import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { ConversationsTable } from '../../db/schema.ts';
import { listManagerChain, listManagerChains } from '../people/people.repository.ts';
import type { PairFacts } from './conversations.policy.ts';
import type {
  ConversationKind,
  ConversationStatus,
} from '../../../shared/schemas/conversations.ts';

export interface ConversationRow {
  id: string;
  engineerId: string;
  engineerName: string;
  engineerTimezone: string;
  managerId: string;
  managerName: string;
  managerTimezone: string;
  kind: ConversationKind;
  status: ConversationStatus;
  startsAt: string;
  durationMinutes: number;
  place: string;
  agenda: string;
  proposedById: string | null;
  proposedByName: string | null;
  bankVersion: number;
  completedAt: string | null;
  cancelledAt: string | null;
  sharedNotes: string;
  sharedNotesVersion: number;
  sharedNotesUpdatedAt: string | null;
  sharedNotesUpdatedById: string | null;
  sharedNotesUpdatedByName: string | null;
  summaryDraft: string | null;
  /** Compare-and-set counter of the draft (ADR 080). */
  summaryDraftVersion: number;
  /** The development contract this conversation produced or reviewed (0007). */
  contractId: string | null;
  createdAt: string;
  latestSummaryVersion: number | null;
  latestResponseKind: string | null;
  firstSentAt: string | null;
}

export interface ConversationEventRow {
  action: string;
  actorId: string | null;
  actorName: string | null;
  startsAt: string;
  durationMinutes: number;
  reason: string;
  createdAt: string;
}

/** Reporting facts about an engineer on a date (the chain above them, nearest first). */
export async function loadPairFacts(
  db: Transaction,
  engineerId: string,
  date: string,
): Promise<PairFacts> {
  const chainIds = await listManagerChain(db, engineerId, date);
  return { engineerId, currentManagerId: chainIds[0] ?? null, chainIds };
}

/** Reporting facts of several engineers on a date, in one query (no query per engineer). */
export async function loadPairFactsOf(
  db: Transaction,
  engineerIds: readonly string[],
  date: string,
): Promise<Map<string, PairFacts>> {
  const chains = await listManagerChains(db, engineerIds, date);
  return new Map(
    [...chains.entries()].map(([engineerId, chainIds]) => [
      engineerId,
      { engineerId, currentManagerId: chainIds[0] ?? null, chainIds },
    ]),
  );
}

function conversationQuery(db: Transaction) {
  return (
    db
      .selectFrom('conversations as c')
      .innerJoin('people as e', 'e.id', 'c.engineer_id')
      .innerJoin('people as m', 'm.id', 'c.manager_id')
      .leftJoin('people as pb', 'pb.id', 'c.proposed_by')
      .leftJoin('people as nu', 'nu.id', 'c.shared_notes_updated_by')
      // Summary facts kept by triggers (ADR 098), as the cadence reads them.
      .leftJoin('conversation_facts as cf', 'cf.conversation_id', 'c.id')
      .select([
        'c.id',
        'c.engineer_id',
        'e.name as engineer_name',
        'e.timezone as engineer_timezone',
        'c.manager_id',
        'm.name as manager_name',
        'm.timezone as manager_timezone',
        'c.kind',
        'c.status',
        'c.starts_at',
        'c.duration_minutes',
        'c.place',
        'c.agenda',
        'c.proposed_by',
        'pb.name as proposed_by_name',
        'c.bank_version',
        'c.completed_at',
        'c.cancelled_at',
        'c.shared_notes',
        'c.shared_notes_version',
        'c.shared_notes_updated_at',
        'c.shared_notes_updated_by',
        'nu.name as shared_notes_updated_by_name',
        'c.summary_draft',
        'c.summary_draft_version',
        'c.contract_id',
        'c.created_at',
        'cf.latest_summary_version',
        'cf.first_summary_sent_at as first_sent_at',
        'cf.latest_response_kind',
      ])
  );
}

type RawConversation = Awaited<
  ReturnType<ReturnType<typeof conversationQuery>['executeTakeFirstOrThrow']>
>;

function toConversationRow(row: RawConversation): ConversationRow {
  return {
    id: row.id,
    engineerId: row.engineer_id,
    engineerName: row.engineer_name,
    engineerTimezone: row.engineer_timezone,
    managerId: row.manager_id,
    managerName: row.manager_name,
    managerTimezone: row.manager_timezone,
    kind: row.kind as ConversationKind,
    status: row.status as ConversationStatus,
    startsAt: row.starts_at,
    durationMinutes: Number(row.duration_minutes),
    place: row.place,
    agenda: row.agenda,
    proposedById: row.proposed_by,
    proposedByName: row.proposed_by_name,
    bankVersion: Number(row.bank_version),
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
    sharedNotes: row.shared_notes,
    sharedNotesVersion: Number(row.shared_notes_version),
    sharedNotesUpdatedAt: row.shared_notes_updated_at,
    sharedNotesUpdatedById: row.shared_notes_updated_by,
    sharedNotesUpdatedByName: row.shared_notes_updated_by_name,
    summaryDraft: row.summary_draft,
    summaryDraftVersion: Number(row.summary_draft_version ?? 0),
    contractId: row.contract_id ?? null,
    createdAt: row.created_at,
    latestSummaryVersion:
      row.latest_summary_version === null ? null : Number(row.latest_summary_version),
    latestResponseKind: row.latest_response_kind ?? null,
    firstSentAt: row.first_sent_at === null ? null : normaliseInstant(row.first_sent_at),
  };
}

/** Aggregates over timestamptz come back as Date or text depending on the engine. */
function normaliseInstant(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

const conversationByIdQuery = preparedQuery((db, p: { id: string }) =>
  conversationQuery(db).where('c.id', '=', p.id),
);

export async function findConversation(
  db: Transaction,
  id: string,
): Promise<ConversationRow | undefined> {
  const row = await conversationByIdQuery.first(db, { id });
  return row ? toConversationRow(row) : undefined;
}

export interface ConversationScope {
  actorId: string;
  isOrgWide: boolean;
  today: string;
}

/**
 * The people whose conversations an actor may list: themself, anyone they held one with (as the
 * manager of record), and — as metadata — their subtree today; admins see everyone.
 */
function visibleToActor(scope: ConversationScope, engineerId?: string) {
  if (scope.isOrgWide) return sql<boolean>`1 = 1`;
  const { actorId, today } = scope;
  // One engineer's list: "in the actor's subtree" is "the actor is above the engineer", which
  // walks up a handful of lines instead of down the actor's whole subtree (a leader's may be
  // the whole organisation).
  if (engineerId)
    return sql<boolean>`(c.engineer_id = ${actorId} or c.manager_id = ${actorId} or ${actorId} in (
    with recursive chain(manager_id, depth) as (
      select rl.manager_id, 1 from reporting_lines rl
       where rl.report_id = ${engineerId} and rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today})
      union all
      select rl.manager_id, chain.depth + 1 from reporting_lines rl
        join chain on rl.report_id = chain.manager_id
       where rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today}) and chain.depth < 64
    )
    select manager_id from chain))`;
  return sql<boolean>`(c.engineer_id = ${actorId} or c.manager_id = ${actorId} or c.engineer_id in (
    with recursive subtree(person_id, depth) as (
      select rl.report_id, 1 from reporting_lines rl
       where rl.manager_id = ${actorId} and rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today})
      union all
      select rl.report_id, subtree.depth + 1 from reporting_lines rl
        join subtree on rl.manager_id = subtree.person_id
       where rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today}) and subtree.depth < 64
    )
    select person_id from subtree))`;
}

/** Conversations the actor may see, newest start first, scoped in SQL. */
export async function listConversations(
  db: Transaction,
  scope: ConversationScope,
  filter: { engineerId?: string; status?: ConversationStatus; from?: string; to?: string },
): Promise<ConversationRow[]> {
  let query = conversationQuery(db).where(visibleToActor(scope, filter.engineerId));
  if (filter.engineerId) query = query.where('c.engineer_id', '=', filter.engineerId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.from) query = query.where('c.starts_at', '>=', filter.from);
  if (filter.to) query = query.where('c.starts_at', '<', filter.to);
  const rows = await query.orderBy('c.starts_at', 'desc').orderBy('c.id').limit(500).execute();
  return rows.map(toConversationRow);
}

/** The pair's conversations (one engineer, one manager of record), newest first. */
export async function listPairConversations(
  db: Transaction,
  engineerId: string,
  managerId: string,
): Promise<ConversationRow[]> {
  const rows = await conversationQuery(db)
    .where('c.engineer_id', '=', engineerId)
    .where('c.manager_id', '=', managerId)
    .orderBy('c.starts_at', 'desc')
    .execute();
  return rows.map(toConversationRow);
}

/** What an engineer's timeline shows of a conversation, and what deciding its access needs. */
export type TimelineConversationRow = Pick<
  ConversationRow,
  | 'id'
  | 'engineerId'
  | 'managerId'
  | 'managerName'
  | 'proposedById'
  | 'kind'
  | 'status'
  | 'startsAt'
  | 'completedAt'
  | 'agenda'
>;

const timelineConversationsQuery = preparedQuery(
  (db, p: { actorId: string; engineerId: string; today: string }) =>
    db
      .selectFrom('conversations as c')
      .innerJoin('people as m', 'm.id', 'c.manager_id')
      .select([
        'c.id',
        'c.engineer_id',
        'c.manager_id',
        'm.name as manager_name',
        'c.proposed_by',
        'c.kind',
        'c.status',
        'c.starts_at',
        'c.completed_at',
        'c.agenda',
      ])
      .where(visibleToActor({ actorId: p.actorId, isOrgWide: false, today: p.today }, p.engineerId))
      .where('c.engineer_id', '=', p.engineerId)
      .orderBy('c.starts_at', 'desc')
      .orderBy('c.id')
      .limit(500),
);

/**
 * One engineer's conversations for their timeline, newest start first, scoped in SQL like
 * `listConversations` (the actor's own, those they held, their subtree's as metadata) but with
 * only the columns the timeline uses: no notes, drafts or the summary facts, which the full row
 * carries for the conversation page.
 */
export async function listTimelineConversations(
  db: Transaction,
  actorId: string,
  engineerId: string,
  today: string,
): Promise<TimelineConversationRow[]> {
  const rows = await timelineConversationsQuery.all(db, { actorId, engineerId, today });
  return rows.map((row) => ({
    id: row.id,
    engineerId: row.engineer_id,
    managerId: row.manager_id,
    managerName: row.manager_name,
    proposedById: row.proposed_by,
    kind: row.kind as ConversationKind,
    status: row.status as ConversationStatus,
    startsAt: row.starts_at,
    completedAt: row.completed_at,
    agenda: row.agenda,
  }));
}

export async function insertConversation(db: Transaction, row: ConversationsTable): Promise<void> {
  await db.insertInto('conversations').values(row).execute();
}

/**
 * Compare-and-set on the summary draft (ADR 080): writes the draft only while its version is
 * `expected`, and bumps it. Returns true when the write happened.
 */
export async function updateSummaryDraftIfVersion(
  db: Transaction,
  input: { id: string; expected: number; draft: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set((eb) => ({
      summary_draft: input.draft,
      summary_draft_version: eb('summary_draft_version', '+', 1),
      updated_at: input.at,
    }))
    .where('id', '=', input.id)
    .where('summary_draft_version', '=', input.expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateConversationRow(
  db: Transaction,
  id: string,
  patch: Partial<ConversationsTable>,
): Promise<void> {
  await db.updateTable('conversations').set(patch).where('id', '=', id).execute();
}

/**
 * Compare-and-set on the shared notes: writes only when the stored version is `expected`.
 * Returns true when the write happened.
 */
export async function updateSharedNotesIfVersion(
  db: Transaction,
  input: { id: string; expected: number; text: string; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({
      shared_notes: input.text,
      shared_notes_version: input.expected + 1,
      shared_notes_updated_at: input.at,
      shared_notes_updated_by: input.by,
      updated_at: input.at,
    })
    .where('id', '=', input.id)
    .where('shared_notes_version', '=', input.expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(
  db: Transaction,
  row: {
    id: string;
    conversationId: string;
    actorId: string | null;
    action: string;
    startsAt: string;
    durationMinutes: number;
    reason: string;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('conversation_events')
    .values({
      id: row.id,
      conversation_id: row.conversationId,
      actor_id: row.actorId,
      action: row.action,
      starts_at: row.startsAt,
      duration_minutes: row.durationMinutes,
      reason: row.reason,
      created_at: row.createdAt,
    })
    .execute();
}

const eventsQuery = preparedQuery((db, p: { conversationId: string }) =>
  db
    .selectFrom('conversation_events as ev')
    .leftJoin('people as p', 'p.id', 'ev.actor_id')
    .select([
      'ev.action',
      'ev.actor_id',
      'p.name as actor_name',
      'ev.starts_at',
      'ev.duration_minutes',
      'ev.reason',
      'ev.created_at',
    ])
    .where('ev.conversation_id', '=', p.conversationId)
    .orderBy('ev.created_at')
    .orderBy('ev.id'),
);

export async function listEvents(
  db: Transaction,
  conversationId: string,
): Promise<ConversationEventRow[]> {
  const rows = await eventsQuery.all(db, { conversationId });
  return rows.map((row) => ({
    action: row.action,
    actorId: row.actor_id,
    actorName: row.actor_name,
    startsAt: row.starts_at,
    durationMinutes: Number(row.duration_minutes),
    reason: row.reason,
    createdAt: row.created_at,
  }));
}
