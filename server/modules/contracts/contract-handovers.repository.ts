import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { NotNull } from 'kysely';
import { DAY_MS } from '../../clock.ts';
import type { Transaction } from '../../db/client.ts';
import { findLineInForce } from '../people/people.repository.ts';

/** The engineer alone reads a written note for this long, unless they share it sooner (ADR 052). */
export const ENGINEER_FIRST_DAYS = 7;
/** The outgoing manager may write or change their note until this long after the change. */
export const WRITE_WINDOW_DAYS = 30;

export interface HandoverRow {
  id: string;
  contractId: string;
  engineerId: string;
  engineerName: string;
  fromManagerId: string;
  fromManagerName: string;
  toManagerId: string | null;
  toManagerName: string | null;
  changeOn: string;
  note: string;
  writtenAt: string | null;
  engineerSeenAt: string | null;
  releasedAt: string | null;
  createdAt: string;
}

function handoverQuery(db: Transaction) {
  return db
    .selectFrom('contract_handovers as h')
    .innerJoin('people as e', 'e.id', 'h.engineer_id')
    .innerJoin('people as f', 'f.id', 'h.from_manager_id')
    .leftJoin('people as t', 't.id', 'h.to_manager_id')
    .select([
      'h.id',
      'h.contract_id',
      'h.engineer_id',
      'e.name as engineer_name',
      'h.from_manager_id',
      'f.name as from_manager_name',
      'h.to_manager_id',
      't.name as to_manager_name',
      'h.change_on',
      'h.note',
      'h.written_at',
      'h.engineer_seen_at',
      'h.released_at',
      'h.created_at',
    ]);
}

type RawHandover = Awaited<ReturnType<ReturnType<typeof handoverQuery>['executeTakeFirstOrThrow']>>;

function toRow(row: RawHandover): HandoverRow {
  return {
    id: row.id,
    contractId: row.contract_id,
    engineerId: row.engineer_id,
    engineerName: row.engineer_name,
    fromManagerId: row.from_manager_id,
    fromManagerName: row.from_manager_name,
    toManagerId: row.to_manager_id,
    toManagerName: row.to_manager_name,
    changeOn: row.change_on,
    note: row.note,
    writtenAt: row.written_at,
    engineerSeenAt: row.engineer_seen_at,
    releasedAt: row.released_at,
    createdAt: row.created_at,
  };
}

/** When the engineer's manager after the change may read the note; null until it is written. */
export function visibleToManagerFrom(row: {
  writtenAt: string | null;
  releasedAt: string | null;
}): string | null {
  if (!row.writtenAt) return null;
  if (row.releasedAt) return row.releasedAt;
  return new Date(new Date(row.writtenAt).getTime() + ENGINEER_FIRST_DAYS * DAY_MS).toISOString();
}

/** The last day the outgoing manager may write or change the note. */
export function writableUntil(changeOn: string): string {
  return new Date(new Date(`${changeOn}T00:00:00Z`).getTime() + WRITE_WINDOW_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

export async function findHandover(db: Transaction, id: string): Promise<HandoverRow | undefined> {
  const row = await handoverQuery(db).where('h.id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** A contract's handovers, newest change first (visibility is decided per row by the policy). */
export async function listHandoversOfContract(
  db: Transaction,
  contractId: string,
): Promise<HandoverRow[]> {
  const rows = await handoverQuery(db)
    .where('h.contract_id', '=', contractId)
    .orderBy('h.change_on', 'desc')
    .orderBy('h.id')
    .execute();
  return rows.map(toRow);
}

/**
 * Handovers the actor may see, filtered in SQL: the ones they write as outgoing manager, written
 * ones about them, and released ones for engineers they manage today.
 */
export async function listHandoversFor(
  db: Transaction,
  actorId: string,
  now: Date,
): Promise<HandoverRow[]> {
  const today = now.toISOString().slice(0, 10);
  const releasedBy = new Date(now.getTime() - ENGINEER_FIRST_DAYS * DAY_MS).toISOString();
  const rows = await handoverQuery(db)
    .where((eb) =>
      eb.or([
        eb('h.from_manager_id', '=', actorId),
        eb.and([eb('h.engineer_id', '=', actorId), eb('h.written_at', 'is not', null)]),
        eb.and([
          eb('h.written_at', 'is not', null),
          eb.or([eb('h.released_at', 'is not', null), eb('h.written_at', '<=', releasedBy)]),
          sql<boolean>`exists (select 1 from reporting_lines rl where rl.report_id = h.engineer_id and rl.manager_id = ${actorId} and rl.manager_id <> h.from_manager_id and rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today}))`,
        ]),
      ]),
    )
    .orderBy('h.change_on', 'desc')
    .orderBy('h.id')
    .limit(200)
    .execute();
  return rows.map(toRow);
}

export async function updateHandover(
  db: Transaction,
  id: string,
  patch: { note?: string; written_at?: string; engineer_seen_at?: string; released_at?: string },
): Promise<void> {
  await db.updateTable('contract_handovers').set(patch).where('id', '=', id).execute();
}

/** Marks every written, unseen handover of the engineer's contract as seen by them. */
export async function markHandoversSeen(
  db: Transaction,
  contractId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('contract_handovers')
    .set({ engineer_seen_at: at })
    .where('contract_id', '=', contractId)
    .where('written_at', 'is not', null)
    .where('engineer_seen_at', 'is', null)
    .execute();
}

function dayBefore(date: string): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - DAY_MS).toISOString().slice(0, 10);
}

/**
 * Called by the people module inside the transaction that changes a reporting line: every open
 * contract of the engineer gets a handover from the manager before the change to the one after
 * it, so the outgoing manager can write a note. A same-day correction re-points the unwritten
 * handover instead of creating a second one; a change back to the same manager removes it.
 */
export async function recordManagerChange(
  db: Transaction,
  input: { reportId: string; changeOn: string; at: string },
): Promise<void> {
  const before = await findLineInForce(db, input.reportId, dayBefore(input.changeOn));
  const after = await findLineInForce(db, input.reportId, input.changeOn);
  const fromId = before?.managerId ?? null;
  const toId = after?.managerId ?? null;
  const contracts = await db
    .selectFrom('contracts')
    .select('id')
    .where('engineer_id', '=', input.reportId)
    .where('status', 'in', ['draft', 'active', 'paused'])
    .execute();
  for (const { id: contractId } of contracts) {
    // Unwritten handovers for this date that no longer describe the change go; written ones stay.
    let stale = db
      .deleteFrom('contract_handovers')
      .where('contract_id', '=', contractId)
      .where('change_on', '=', input.changeOn)
      .where('written_at', 'is', null);
    if (fromId && fromId !== toId) stale = stale.where('from_manager_id', '<>', fromId);
    await stale.execute();
    if (!fromId || fromId === toId) continue;
    await db
      .insertInto('contract_handovers')
      .values({
        id: randomUUID(),
        contract_id: contractId,
        engineer_id: input.reportId,
        from_manager_id: fromId,
        to_manager_id: toId,
        change_on: input.changeOn,
        note: '',
        written_at: null,
        engineer_seen_at: null,
        released_at: null,
        created_at: input.at,
      })
      .onConflict((oc) =>
        oc
          .columns(['contract_id', 'from_manager_id', 'change_on'])
          .doUpdateSet({ to_manager_id: toId }),
      )
      .execute();
  }
}

/** A written handover note and who may be told about it (ADR 106). */
export interface HandoverNoticeRow {
  id: string;
  engineerId: string;
  fromManagerId: string;
  changeOn: string;
  writtenAt: string;
  releasedAt: string | null;
  /** The engineer's manager on `today`, when it is not the note's author. */
  currentManagerId: string | null;
}

/**
 * Written handovers that were written since `since` or whose change took effect between
 * `sinceDay` and `today`, with the engineer's manager on `today`: the notices a reminder pass may
 * have to send. Two queries, one short index range each (migration 0018), however old the
 * organisation: as one `or`, neither engine kept to the two ranges.
 */
export async function listRecentHandoverNotes(
  db: Transaction,
  window: { since: string; sinceDay: string; today: string },
): Promise<HandoverNoticeRow[]> {
  const { since, sinceDay, today } = window;
  const noticeQuery = () =>
    db
      .selectFrom('contract_handovers as h')
      .select([
        'h.id',
        'h.engineer_id',
        'h.from_manager_id',
        'h.change_on',
        'h.written_at',
        'h.released_at',
        sql<
          string | null
        >`(select rl.manager_id from reporting_lines rl where rl.report_id = h.engineer_id and rl.manager_id <> h.from_manager_id and rl.starts_on <= ${today} and (rl.ends_on is null or rl.ends_on > ${today}) order by rl.starts_on desc limit 1)`.as(
          'current_manager_id',
        ),
      ])
      .where('h.written_at', 'is not', null)
      .$narrowType<{ written_at: NotNull }>();
  const [written, changed] = await Promise.all([
    noticeQuery().where('h.written_at', '>=', since).execute(),
    noticeQuery().where('h.change_on', '>=', sinceDay).where('h.change_on', '<=', today).execute(),
  ]);
  const byId = new Map([...written, ...changed].map((row) => [row.id, row]));
  return [...byId.values()].map((row) => ({
    id: row.id,
    engineerId: row.engineer_id,
    fromManagerId: row.from_manager_id,
    changeOn: row.change_on,
    writtenAt: row.written_at,
    releasedAt: row.released_at,
    currentManagerId: row.current_manager_id,
  }));
}
