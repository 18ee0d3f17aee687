import type { Transaction } from '../../db/client.ts';
import type { ReminderKind } from '../../../shared/schemas/cadence.ts';

const SETTINGS_ID = 'organization';

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Whether every message is link-only (false until an admin says otherwise). */
export async function findIsLinkOnly(db: Transaction): Promise<boolean> {
  const row = await db
    .selectFrom('mail_settings')
    .select('is_link_only')
    .where('id', '=', SETTINGS_ID)
    .executeTakeFirst();
  return row?.is_link_only ?? false;
}

/**
 * The mail setting with its version (ADR 080), read together so a client never pairs one save's
 * value with another's version: version 0 while nothing is stored (summaries may travel).
 */
export async function findMailSettings(
  db: Transaction,
): Promise<{ isLinkOnly: boolean; version: number }> {
  const row = await db
    .selectFrom('mail_settings')
    .select(['is_link_only', 'row_version'])
    .where('id', '=', SETTINGS_ID)
    .executeTakeFirst();
  return row
    ? { isLinkOnly: row.is_link_only, version: row.row_version ?? 1 }
    : { isLinkOnly: false, version: 0 };
}

/**
 * Saves the mail setting if it is still at `expected` (compare-and-set, ADR 080): version 0 means
 * "nothing stored yet". False when someone saved first.
 */
export async function saveMailSettingsIfVersion(
  db: Transaction,
  input: { isLinkOnly: boolean; at: string; by: string },
  expected: number,
): Promise<boolean> {
  const values = { is_link_only: input.isLinkOnly, updated_at: input.at, updated_by: input.by };
  if (expected === 0) {
    const inserted = await db
      .insertInto('mail_settings')
      .values({ id: SETTINGS_ID, ...values, row_version: 1 })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('mail_settings')
    .set((eb) => ({ ...values, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', SETTINGS_ID)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Reminder kinds each person turned off (everything else is on). */
export async function listDisabledReminders(
  db: Transaction,
  personIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  for (const ids of chunks([...new Set(personIds)])) {
    const rows = await db
      .selectFrom('reminder_preferences')
      .select(['person_id', 'kind'])
      .where('person_id', 'in', ids)
      .where('is_enabled', '=', false)
      .execute();
    for (const row of rows) {
      const set = result.get(row.person_id) ?? new Set<string>();
      set.add(row.kind);
      result.set(row.person_id, set);
    }
  }
  return result;
}

/** People who changed any reminder choice at or after `since` (an ISO instant). */
export async function listPreferencesChangedSince(
  db: Transaction,
  since: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reminder_preferences')
    .select('person_id')
    .distinct()
    .where('updated_at', '>=', since)
    .execute();
  return new Set(rows.map((row) => row.person_id));
}

export async function upsertReminderPreference(
  db: Transaction,
  input: { personId: string; kind: ReminderKind; isEnabled: boolean; at: string },
): Promise<void> {
  await db
    .insertInto('reminder_preferences')
    .values({
      person_id: input.personId,
      kind: input.kind,
      is_enabled: input.isEnabled,
      updated_at: input.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['person_id', 'kind'])
        .doUpdateSet({ is_enabled: input.isEnabled, updated_at: input.at }),
    )
    .execute();
}

/** Which of the given dedupe keys the outbox already holds. */
export async function findExistingKeys(
  db: Transaction,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('outbox_messages')
      .select('dedupe_key')
      .where('dedupe_key', 'in', chunk)
      .execute();
    for (const row of rows) found.add(row.dedupe_key);
  }
  return found;
}

export interface OutboxListRow {
  id: string;
  kind: string;
  toAddress: string;
  recipientId: string | null;
  recipientName: string | null;
  subject: string;
  textBody: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The newest outbox messages (unsent, sent or both). */
export async function listOutboxMessages(
  db: Transaction,
  filter: { status: 'all' | 'unsent' | 'sent'; limit: number },
): Promise<OutboxListRow[]> {
  let query = db
    .selectFrom('outbox_messages as o')
    .leftJoin('people as p', 'p.id', 'o.recipient_id')
    .select([
      'o.id',
      'o.kind',
      'o.to_address',
      'o.recipient_id',
      'p.name as recipient_name',
      'o.subject',
      'o.text_body',
      'o.attempts',
      'o.last_error',
      'o.created_at',
      'o.sent_at',
    ]);
  if (filter.status === 'unsent') query = query.where('o.sent_at', 'is', null);
  if (filter.status === 'sent') query = query.where('o.sent_at', 'is not', null);
  const rows = await query
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    toAddress: row.to_address,
    recipientId: row.recipient_id,
    recipientName: row.recipient_name,
    subject: row.subject,
    textBody: row.text_body,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }));
}

export async function countOutbox(
  db: Transaction,
): Promise<{ queued: number; retrying: number; sent: number }> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb
        .case()
        .when('sent_at', 'is not', null)
        .then('sent')
        .when('attempts', '>', 0)
        .then('retrying')
        .else('queued')
        .end()
        .as('state'),
    ])
    .groupBy('state')
    .execute();
  const counts = { queued: 0, retrying: 0, sent: 0 };
  for (const row of rows) counts[row.state as keyof typeof counts] = Number(row.n);
  return counts;
}
