import { sql } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import type { ActionItemsTable, DB } from '../../db/schema.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { ActionItemOwner } from '../../../shared/schemas/conversations.ts';

export interface ActionItemRow {
  id: string;
  conversationId: string | null;
  /** The development contract this item is a commitment of (C3), if any. */
  contractId: string | null;
  engineerId: string;
  engineerName: string;
  managerId: string;
  managerName: string;
  owner: ActionItemOwner;
  text: string;
  dueOn: string | null;
  isDone: boolean;
  doneAt: string | null;
  createdAt: string;
}

function itemQuery(db: Transaction) {
  return db
    .selectFrom('action_items as a')
    .innerJoin('people as e', 'e.id', 'a.engineer_id')
    .innerJoin('people as m', 'm.id', 'a.manager_id')
    .select([
      'a.id',
      'a.conversation_id',
      'a.contract_id',
      'a.engineer_id',
      'e.name as engineer_name',
      'a.manager_id',
      'm.name as manager_name',
      'a.owner',
      'a.text',
      'a.due_on',
      'a.is_done',
      'a.done_at',
      'a.created_at',
    ]);
}

type RawItem = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

function toRow(row: RawItem): ActionItemRow {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    contractId: row.contract_id ?? null,
    engineerId: row.engineer_id,
    engineerName: row.engineer_name,
    managerId: row.manager_id,
    managerName: row.manager_name,
    owner: row.owner as ActionItemOwner,
    text: row.text,
    dueOn: row.due_on,
    isDone: row.is_done,
    doneAt: row.done_at,
    createdAt: row.created_at,
  };
}

export async function findActionItem(
  db: Transaction,
  id: string,
): Promise<ActionItemRow | undefined> {
  const row = await itemQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/**
 * Which items the actor may read: C2 never reaches anyone but the pair, so the scope is in SQL.
 * Contract commitments (C3) follow the engineer: a manager sees them only while managing the
 * engineer on `today`; without `today`, only the engineer sees them (never a former manager).
 */
function readableBy(actorId: string, today: string | undefined) {
  return (eb: ExpressionBuilder<DB & { a: ActionItemsTable }, 'a'>) =>
    eb.or([
      eb('a.engineer_id', '=', actorId),
      eb.and([eb('a.contract_id', 'is', null), eb('a.manager_id', '=', actorId)]),
      ...(today
        ? [
            eb.and([
              eb('a.contract_id', 'is not', null),
              sql<boolean>`exists (select 1 from reporting_lines rl where rl.report_id = a.engineer_id and rl.manager_id = ${actorId} and rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today}))`,
            ]),
          ]
        : []),
    ]);
}

/**
 * Action items the actor is party to (as the engineer, or as the manager of record), filtered.
 * Open first by due date.
 */
export async function listActionItemsOf(
  db: Transaction,
  actorId: string,
  filter: {
    engineerId?: string;
    managerId?: string;
    isOpen?: boolean;
    conversationId?: string;
    owner?: ActionItemOwner;
    /** The injected clock's date; needed to include contract commitments for their manager. */
    today?: string;
  },
): Promise<ActionItemRow[]> {
  let query = itemQuery(db).where(readableBy(actorId, filter.today));
  if (filter.engineerId) query = query.where('a.engineer_id', '=', filter.engineerId);
  if (filter.managerId) query = query.where('a.manager_id', '=', filter.managerId);
  if (filter.conversationId) query = query.where('a.conversation_id', '=', filter.conversationId);
  if (filter.owner) query = query.where('a.owner', '=', filter.owner);
  if (filter.isOpen !== undefined) query = query.where('a.is_done', '=', !filter.isOpen);
  const rows = await inListOrder(query).execute();
  return rows.map(toRow);
}

const inListOrder = <Q extends ReturnType<typeof itemQuery>>(query: Q) =>
  query.orderBy('a.is_done').orderBy('a.due_on').orderBy('a.created_at').orderBy('a.id').limit(500);

// The two lists pages ask for on every visit, built once (ADR 108).
const openItemsOfEngineerQuery = preparedQuery(
  (db, p: { actorId: string; engineerId: string; today: string }) =>
    inListOrder(
      itemQuery(db)
        .where(readableBy(p.actorId, p.today))
        .where('a.engineer_id', '=', p.engineerId)
        .where('a.is_done', '=', false),
    ),
);
const ownOpenCommitmentsQuery = preparedQuery((db, p: { engineerId: string }) =>
  inListOrder(
    itemQuery(db)
      .where(readableBy(p.engineerId, undefined))
      .where('a.engineer_id', '=', p.engineerId)
      .where('a.owner', '=', 'engineer')
      .where('a.is_done', '=', false),
  ),
);

/** One engineer's open items that the actor may read (their timeline), as `listActionItemsOf`. */
export async function listOpenItemsOfEngineer(
  db: Transaction,
  actorId: string,
  engineerId: string,
  today: string,
): Promise<ActionItemRow[]> {
  return (await openItemsOfEngineerQuery.all(db, { actorId, engineerId, today })).map(toRow);
}

/** The engineer's own open commitments (owner engineer), for their home. */
export async function listOwnOpenCommitments(
  db: Transaction,
  engineerId: string,
): Promise<ActionItemRow[]> {
  return (await ownOpenCommitmentsQuery.all(db, { engineerId })).map(toRow);
}

export async function insertActionItem(db: Transaction, row: ActionItemsTable): Promise<void> {
  await db.insertInto('action_items').values(row).execute();
}

export async function updateActionItemRow(
  db: Transaction,
  id: string,
  patch: Partial<ActionItemsTable>,
): Promise<void> {
  await db.updateTable('action_items').set(patch).where('id', '=', id).execute();
}
