import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import type { ActionItemOwner } from '../../../shared/schemas/conversations.ts';

/** A commitment: an action item, possibly linked to a contract and one of its goals. */
export interface CommitmentRow {
  id: string;
  contractId: string | null;
  goalId: string | null;
  conversationId: string | null;
  engineerId: string;
  engineerName: string;
  managerId: string;
  managerName: string;
  owner: ActionItemOwner;
  text: string;
  dueOn: string | null;
  isDone: boolean;
  doneAt: string | null;
  handedOverFromId: string | null;
  handedOverFromName: string | null;
  handedOverAt: string | null;
  createdAt: string;
}

function commitmentQuery(db: Transaction) {
  return db
    .selectFrom('action_items as a')
    .innerJoin('people as e', 'e.id', 'a.engineer_id')
    .innerJoin('people as m', 'm.id', 'a.manager_id')
    .leftJoin('people as h', 'h.id', 'a.handed_over_from_id')
    .select([
      'a.id',
      'a.contract_id',
      'a.goal_id',
      'a.conversation_id',
      'a.engineer_id',
      'e.name as engineer_name',
      'a.manager_id',
      'm.name as manager_name',
      'a.owner',
      'a.text',
      'a.due_on',
      'a.is_done',
      'a.done_at',
      'a.handed_over_from_id',
      'h.name as handed_over_from_name',
      'a.handed_over_at',
      'a.created_at',
    ]);
}

type RawCommitment = Awaited<
  ReturnType<ReturnType<typeof commitmentQuery>['executeTakeFirstOrThrow']>
>;

function toRow(row: RawCommitment): CommitmentRow {
  return {
    id: row.id,
    contractId: row.contract_id ?? null,
    goalId: row.goal_id ?? null,
    conversationId: row.conversation_id,
    engineerId: row.engineer_id,
    engineerName: row.engineer_name,
    managerId: row.manager_id,
    managerName: row.manager_name,
    owner: row.owner as ActionItemOwner,
    text: row.text,
    dueOn: row.due_on,
    isDone: row.is_done,
    doneAt: row.done_at,
    handedOverFromId: row.handed_over_from_id ?? null,
    handedOverFromName: row.handed_over_from_name,
    handedOverAt: row.handed_over_at ?? null,
    createdAt: row.created_at,
  };
}

/** Overdue first, then by due date (undated last), then oldest first. */
function urgencyOrder(today: string) {
  return sql`case when a.due_on is not null and a.due_on < ${today} then 0 when a.due_on is not null then 1 else 2 end`;
}

/** True in SQL when `managerId` is the engineer's manager on `today`. */
function isCurrentManager(managerId: string, today: string) {
  return sql<boolean>`exists (select 1 from reporting_lines rl where rl.report_id = a.engineer_id and rl.manager_id = ${managerId} and rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today}))`;
}

export async function findCommitment(
  db: Transaction,
  id: string,
): Promise<CommitmentRow | undefined> {
  const row = await commitmentQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** A contract's commitments: open first, by urgency. */
export async function listContractCommitments(
  db: Transaction,
  contractId: string,
  today: string,
): Promise<CommitmentRow[]> {
  const rows = await commitmentQuery(db)
    .where('a.contract_id', '=', contractId)
    .orderBy('a.is_done')
    .orderBy(urgencyOrder(today))
    .orderBy('a.due_on')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return rows.map(toRow);
}

/**
 * The manager's "I owe" list: open manager-owned items across all their reports. Conversation
 * items stay with the manager who agreed them; contract commitments are owed by whoever manages
 * the engineer today — including ones a previous manager made, which wait to be taken over.
 */
export async function listOwedBy(
  db: Transaction,
  managerId: string,
  today: string,
): Promise<CommitmentRow[]> {
  const rows = await commitmentQuery(db)
    .where('a.owner', '=', 'manager')
    .where('a.is_done', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.contract_id', 'is', null), eb('a.manager_id', '=', managerId)]),
        eb.and([eb('a.contract_id', 'is not', null), isCurrentManager(managerId, today)]),
      ]),
    )
    .orderBy(urgencyOrder(today))
    .orderBy('a.due_on')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(500)
    .execute();
  return rows.map(toRow);
}

/** The engineer's "promised to me" list: open items their managers own for them. */
export async function listPromisedTo(
  db: Transaction,
  engineerId: string,
  today: string,
): Promise<CommitmentRow[]> {
  const rows = await commitmentQuery(db)
    .where('a.owner', '=', 'manager')
    .where('a.is_done', '=', false)
    .where('a.engineer_id', '=', engineerId)
    .orderBy(urgencyOrder(today))
    .orderBy('a.due_on')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(500)
    .execute();
  return rows.map(toRow);
}

/** The new manager takes a commitment over: it becomes theirs, with where it came from kept. */
export async function takeOverCommitmentRow(
  db: Transaction,
  input: {
    id: string;
    fromManagerId: string;
    toManagerId: string;
    text: string;
    dueOn: string | null;
    at: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('action_items')
    .set({
      manager_id: input.toManagerId,
      handed_over_from_id: input.fromManagerId,
      handed_over_at: input.at,
      text: input.text,
      due_on: input.dueOn,
      updated_at: input.at,
    })
    .where('id', '=', input.id)
    .where('manager_id', '=', input.fromManagerId)
    .where('is_done', '=', false)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
