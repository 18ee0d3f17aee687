import type { Transaction } from '../../db/client.ts';

export interface CalendarFeedRow {
  id: string;
  personId: string;
  createdAt: string;
  lastFetchedAt: string | null;
}

const toRow = (row: {
  id: string;
  person_id: string;
  created_at: string;
  last_fetched_at: string | null;
}): CalendarFeedRow => ({
  id: row.id,
  personId: row.person_id,
  createdAt: row.created_at,
  lastFetchedAt: row.last_fetched_at,
});

/** The person's feed in force (not revoked), if any. */
export async function findActiveFeedOf(
  db: Transaction,
  personId: string,
): Promise<CalendarFeedRow | undefined> {
  const row = await db
    .selectFrom('calendar_feeds')
    .select(['id', 'person_id', 'created_at', 'last_fetched_at'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** A feed by id, only while it is not revoked. */
export async function findActiveFeed(
  db: Transaction,
  id: string,
): Promise<CalendarFeedRow | undefined> {
  const row = await db
    .selectFrom('calendar_feeds')
    .select(['id', 'person_id', 'created_at', 'last_fetched_at'])
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function revokeFeedsOf(db: Transaction, personId: string, at: string): Promise<void> {
  await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertFeed(
  db: Transaction,
  row: { id: string; personId: string; at: string },
): Promise<void> {
  await db
    .insertInto('calendar_feeds')
    .values({
      id: row.id,
      person_id: row.personId,
      created_at: row.at,
      revoked_at: null,
      last_fetched_at: null,
    })
    .execute();
}

export async function touchFeed(db: Transaction, id: string, at: string): Promise<void> {
  await db
    .updateTable('calendar_feeds')
    .set({ last_fetched_at: at })
    .where('id', '=', id)
    .execute();
}
