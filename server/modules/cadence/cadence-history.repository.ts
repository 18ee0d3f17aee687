import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { instantMs, isoInstant } from '../../../shared/cadence/instants.ts';
import type {
  ConversationKind,
  ConversationStatus,
} from '../../../shared/schemas/conversations.ts';

/** A person with a manager today: the unit every cadence view counts. */
export interface EngineerRow {
  id: string;
  name: string;
  email: string;
  title: string;
  team: string;
  timezone: string;
  managerId: string;
  managerName: string;
  managerEmail: string;
  managerTimezone: string;
  /** First day of today's reporting line. */
  managerSince: string;
}

export interface LineRow {
  reportId: string;
  managerId: string;
  startsOn: string;
  endsOn: string | null;
}

/** What the cadence needs about one conversation: dates and states, never content. */
export interface ConversationFactsRow {
  id: string;
  engineerId: string;
  managerId: string;
  kind: ConversationKind;
  status: ConversationStatus;
  startsAt: string;
  durationMinutes: number;
  createdAt: string;
  completedAt: string | null;
  cancelledAt: string | null;
  firstSummarySentAt: string | null;
  latestSummaryVersion: number | null;
  latestResponseKind: 'acknowledged' | 'amendment_requested' | null;
  latestResponseAt: string | null;
  /** The engineer has written at least one prep answer (shared or not). */
  hasEngineerPrep: boolean;
  /** The manager ticked every item of their prep checklist. */
  hasManagerPrep: boolean;
}

export interface CommitmentFactsRow {
  id: string;
  engineerId: string;
  managerId: string;
  owner: 'engineer' | 'manager';
  dueOn: string | null;
  isDone: boolean;
  doneAt: string | null;
}

const inForceOn = (date: string) =>
  sql<boolean>`rl.starts_on <= ${date} and (rl.ends_on is null or rl.ends_on > ${date})`;

/** Splits a long id list so no statement carries more parameters than an engine accepts. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Aggregates over timestamptz come back as Date or text depending on the engine. */
function instantOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  // What the server writes is already in this form; anything else is brought to it.
  return CANONICAL_INSTANT.test(text) ? text : isoInstant(instantMs(text));
}

/** Whose people an engineer list covers: direct reports, a subtree, everyone or named people. */
export type EngineerScope =
  | { kind: 'reports'; managerId: string }
  /** The direct reports of several managers (the coverage dashboard's teams). */
  | { kind: 'reportsOf'; managerIds: readonly string[] }
  | { kind: 'subtree'; rootId: string }
  | { kind: 'everyone' }
  | { kind: 'people'; ids: readonly string[] }
  /** The person themself and their reports, in one statement (a home's or a feed's people). */
  | { kind: 'selfAndReports'; personId: string };

function subtreeIds(rootId: string, today: string) {
  return sql<string>`(
    with recursive subtree(person_id, depth) as (
      select rl.report_id, 1 from reporting_lines rl
       where rl.manager_id = ${rootId} and rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today})
      union all
      select rl.report_id, subtree.depth + 1 from reporting_lines rl
        join subtree on rl.manager_id = subtree.person_id
       where rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today}) and subtree.depth < 64
    )
    select person_id from subtree)`;
}

/** Active people with today's reporting line and its manager; callers narrow it down. */
const engineersOn = (db: Transaction, today: string) =>
  db
    .selectFrom('people as p')
    .innerJoin('reporting_lines as rl', (join) =>
      join.onRef('rl.report_id', '=', 'p.id').on(inForceOn(today)),
    )
    .innerJoin('people as m', 'm.id', 'rl.manager_id')
    .select([
      'p.id',
      'p.name',
      'p.email',
      'p.title',
      'p.team',
      'p.timezone',
      'm.id as manager_id',
      'm.name as manager_name',
      'm.email as manager_email',
      'm.timezone as manager_timezone',
      'rl.starts_on',
    ])
    .where('p.is_active', '=', true);

type EngineersOnRow = Awaited<ReturnType<ReturnType<typeof engineersOn>['execute']>>[number];

// The scopes every home and team view asks for, built once (ADR 108).
const reportsQuery = preparedQuery((db, p: { managerId: string; today: string }) =>
  engineersOn(db, p.today).where('rl.manager_id', '=', p.managerId),
);
const selfAndReportsQuery = preparedQuery((db, p: { personId: string; today: string }) =>
  engineersOn(db, p.today)
    .where('p.id', '=', p.personId)
    .unionAll(engineersOn(db, p.today).where('rl.manager_id', '=', p.personId)),
);

/**
 * Active people who have a manager today, within the scope, with that manager; filtered in SQL
 * so a list never holds anyone outside what the caller may see. Ordered by name.
 */
export async function listEngineers(
  db: Transaction,
  scope: EngineerScope,
  today: string,
): Promise<EngineerRow[]> {
  let rows;
  if (scope.kind === 'reports')
    rows = await reportsQuery.all(db, { managerId: scope.managerId, today });
  else if (scope.kind === 'subtree')
    rows = await engineersOn(db, today)
      .where('p.id', 'in', subtreeIds(scope.rootId, today))
      .execute();
  else if (scope.kind === 'everyone') rows = await engineersOn(db, today).execute();
  else if (scope.kind === 'reportsOf') {
    rows = [];
    for (const ids of chunks(scope.managerIds))
      rows.push(...(await engineersOn(db, today).where('rl.manager_id', 'in', ids).execute()));
  } else if (scope.kind === 'selfAndReports')
    rows = await selfAndReportsQuery.all(db, { personId: scope.personId, today });
  else {
    rows = [];
    for (const ids of chunks(scope.ids))
      rows.push(...(await engineersOn(db, today).where('p.id', 'in', ids).execute()));
  }
  return rows
    .map(toEngineerRow)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Up to `limit` engineers whose id comes after `afterId`, in id order: a pass over everyone in
 * pages, each a short range of the people key, with a turn for requests between them. (One
 * statement for everyone held SQLite's only thread for 1.0–1.5 s at 100,000 people.)
 */
export async function listEngineersAfter(
  db: Transaction,
  afterId: string | null,
  limit: number,
  today: string,
): Promise<EngineerRow[]> {
  let query = engineersOn(db, today);
  if (afterId !== null) query = query.where('p.id', '>', afterId);
  return (await query.orderBy('p.id').limit(limit).execute()).map(toEngineerRow);
}

/** A row of `engineersOn` in the shape every cadence view uses. */
function toEngineerRow(row: EngineersOnRow): EngineerRow {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    title: row.title,
    team: row.team,
    timezone: row.timezone,
    managerId: row.manager_id,
    managerName: row.manager_name,
    managerEmail: row.manager_email,
    managerTimezone: row.manager_timezone,
    managerSince: row.starts_on,
  };
}

/** The person (when someone manages them today) and the people who report to them today. */
export async function listSelfAndReports(
  db: Transaction,
  personId: string,
  today: string,
): Promise<{ self: EngineerRow | undefined; reports: EngineerRow[] }> {
  const rows = await listEngineers(db, { kind: 'selfAndReports', personId }, today);
  return {
    self: rows.find((row) => row.id === personId),
    reports: rows.filter((row) => row.id !== personId),
  };
}

/** Whether the person is, today, above someone else in the reporting tree (manages anyone). */
export async function countReportsOn(
  db: Transaction,
  managerId: string,
  today: string,
): Promise<number> {
  const row = await db
    .selectFrom('reporting_lines as rl')
    .innerJoin('people as p', 'p.id', 'rl.report_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('rl.manager_id', '=', managerId)
    .where('p.is_active', '=', true)
    .where(inForceOn(today))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether `personId` is in the subtree below `rootId` today. */
export async function isInSubtree(
  db: Transaction,
  rootId: string,
  personId: string,
  today: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('people as p')
    .select('p.id')
    .where('p.id', '=', personId)
    .where('p.id', 'in', subtreeIds(rootId, today))
    .executeTakeFirst();
  return row !== undefined;
}

/** Every reporting line (past, present and scheduled) of the given people. */
export async function listLinesOf(
  db: Transaction,
  personIds: readonly string[],
): Promise<LineRow[]> {
  const result: LineRow[] = [];
  for (const ids of chunks(personIds)) {
    const rows = await db
      .selectFrom('reporting_lines')
      .select(['report_id', 'manager_id', 'starts_on', 'ends_on'])
      .where('report_id', 'in', ids)
      .execute();
    for (const row of rows)
      result.push({
        reportId: row.report_id,
        managerId: row.manager_id,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
      });
  }
  return result;
}

/** Dates and states of every conversation of the given engineers (with any manager). */
export async function listConversationFacts(
  db: Transaction,
  engineerIds: readonly string[],
): Promise<ConversationFactsRow[]> {
  const result: ConversationFactsRow[] = [];
  for (const ids of chunks(engineerIds)) {
    const rows = await db
      .selectFrom('conversations as c')
      .leftJoin('manager_preps as mp', 'mp.conversation_id', 'c.id')
      // Kept by triggers (ADR 098): per-row sub-selects here were most of a team view's cost.
      .leftJoin('conversation_facts as cf', 'cf.conversation_id', 'c.id')
      .select([
        'c.id',
        'c.engineer_id',
        'c.manager_id',
        'c.kind',
        'c.status',
        'c.starts_at',
        'c.duration_minutes',
        'c.created_at',
        'c.completed_at',
        'c.cancelled_at',
        'cf.first_summary_sent_at',
        'cf.latest_summary_version',
        'cf.latest_response_kind',
        'cf.latest_response_at',
        sql<boolean>`coalesce(cf.has_engineer_prep, ${false})`.as('has_engineer_prep'),
        sql<boolean>`coalesce(mp.has_reviewed_work and mp.has_assessed_framework and mp.has_identified_opportunities and mp.has_talking_points, ${false})`.as(
          'has_manager_prep',
        ),
      ])
      .where('c.engineer_id', 'in', ids)
      .execute();
    for (const row of rows)
      result.push({
        id: row.id,
        engineerId: row.engineer_id,
        managerId: row.manager_id,
        kind: row.kind as ConversationKind,
        status: row.status as ConversationStatus,
        startsAt: row.starts_at,
        durationMinutes: Number(row.duration_minutes),
        createdAt: row.created_at,
        completedAt: row.completed_at,
        cancelledAt: row.cancelled_at,
        firstSummarySentAt: instantOrNull(row.first_summary_sent_at),
        latestSummaryVersion:
          row.latest_summary_version === null || row.latest_summary_version === undefined
            ? null
            : Number(row.latest_summary_version),
        latestResponseKind:
          (row.latest_response_kind as ConversationFactsRow['latestResponseKind']) ?? null,
        latestResponseAt: instantOrNull(row.latest_response_at),
        hasEngineerPrep: Boolean(row.has_engineer_prep),
        hasManagerPrep: Boolean(row.has_manager_prep),
      });
  }
  return result.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/** Due dates and states of the action items of the given engineers (never their text). */
export async function listCommitmentFacts(
  db: Transaction,
  engineerIds: readonly string[],
  { isOpenOnly = false }: { isOpenOnly?: boolean } = {},
): Promise<CommitmentFactsRow[]> {
  const result: CommitmentFactsRow[] = [];
  for (const ids of chunks(engineerIds)) {
    let query = db
      .selectFrom('action_items')
      .select(['id', 'engineer_id', 'manager_id', 'owner', 'due_on', 'is_done', 'done_at'])
      .where('engineer_id', 'in', ids);
    if (isOpenOnly) query = query.where('is_done', '=', false);
    const rows = await query.execute();
    for (const row of rows)
      result.push({
        id: row.id,
        engineerId: row.engineer_id,
        managerId: row.manager_id,
        owner: row.owner === 'manager' ? 'manager' : 'engineer',
        dueOn: row.due_on,
        isDone: row.is_done,
        doneAt: row.done_at,
      });
  }
  return result;
}

/**
 * Each given engineer's cadence token (ADR 102): it changes with every write to their facts.
 * Engineers whose facts were never written since the token table was made are absent.
 */
export async function listCadenceTokens(
  db: Transaction,
  engineerIds: readonly string[],
): Promise<Map<string, number>> {
  const tokens = new Map<string, number>();
  for (const ids of chunks(engineerIds)) {
    const rows = await db
      .selectFrom('cadence_marks')
      .select(['person_id', 'token'])
      .where('person_id', 'in', ids)
      .execute();
    for (const row of rows) tokens.set(row.person_id, Number(row.token));
  }
  return tokens;
}

export interface PersonNameRow {
  id: string;
  name: string;
  email: string;
  timezone: string;
  isActive: boolean;
}

/** Directory facts (C0) of the given people. */
export async function listPeopleByIds(
  db: Transaction,
  ids: readonly string[],
): Promise<PersonNameRow[]> {
  const result: PersonNameRow[] = [];
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'name', 'email', 'timezone', 'is_active'])
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows)
      result.push({
        id: row.id,
        name: row.name,
        email: row.email,
        timezone: row.timezone,
        isActive: row.is_active,
      });
  }
  return result;
}

/** How many of the given people manage someone today (a manager of managers is a leader). */
export async function countManagersAmong(
  db: Transaction,
  personIds: readonly string[],
  today: string,
): Promise<number> {
  let total = 0;
  for (const ids of chunks([...new Set(personIds)])) {
    const row = await db
      .selectFrom('reporting_lines as rl')
      .innerJoin('people as p', 'p.id', 'rl.report_id')
      .select((eb) => eb.fn.count<number>('rl.manager_id').distinct().as('n'))
      .where('rl.manager_id', 'in', ids)
      .where('p.is_active', '=', true)
      .where(inForceOn(today))
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}
