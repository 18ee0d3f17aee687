import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import type { OutboxMessagesTable } from '../../db/schema.ts';

export interface OutboxRow {
  id: string;
  dedupeKey: string;
  kind: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  icalMethod: string | null;
  icalBody: string | null;
  attempts: number;
}

/** Inserts a message unless one with the same dedupe key exists. Returns whether it was new. */
export async function insertMessage(
  db: Transaction,
  row: Omit<OutboxMessagesTable, 'attempts'>,
): Promise<boolean> {
  const result = await db
    .insertInto('outbox_messages')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Ids of unsent messages whose time has come and whose lease (if any) has run out, oldest first. */
export async function listClaimable(
  db: Transaction,
  now: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select('id')
    .where('sent_at', 'is', null)
    .where('available_at', '<=', now)
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
    .orderBy('available_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes the lease on one message if nobody holds a live one: a compare-and-set that both engines
 * apply atomically, so two sweepers never both win the same row. Returns the row when won.
 */
export async function claimMessage(
  db: Transaction,
  id: string,
  owner: string,
  now: string,
  leaseUntil: string,
): Promise<OutboxRow | undefined> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ lease_owner: owner, lease_expires_at: leaseUntil })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    // Checked again here: another sweeper may have failed it (and set a later retry) since it was listed.
    .where('available_at', '<=', now)
    .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    kind: row.kind,
    toAddress: row.to_address,
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    icalMethod: row.ical_method,
    icalBody: row.ical_body,
    attempts: row.attempts,
  };
}

export async function markSent(
  db: Transaction,
  id: string,
  owner: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ sent_at: at, lease_owner: null, lease_expires_at: null, last_error: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Gives the message back for a later attempt. `error` is the transport's reason, never content. */
export async function markFailed(
  db: Transaction,
  id: string,
  owner: string,
  retryAt: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({
      attempts: sql<number>`attempts + 1`,
      available_at: retryAt,
      lease_owner: null,
      lease_expires_at: null,
      last_error: error.slice(0, 500),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function countUnsent(db: Transaction): Promise<number> {
  const row = await db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
