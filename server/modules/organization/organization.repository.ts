import type { Transaction } from '../../db/client.ts';

/** The one organisation a Trajectory instance serves has this id. */
export const ORGANIZATION_ID = 'organization';

export async function findOrganization(db: Transaction): Promise<{ name: string } | undefined> {
  return db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', ORGANIZATION_ID)
    .executeTakeFirst();
}

/** Inserts the organisation; throws a unique violation when it already exists. */
export async function insertOrganization(db: Transaction, name: string, at: string): Promise<void> {
  await db
    .insertInto('organizations')
    .values({ id: ORGANIZATION_ID, name, created_at: at })
    .execute();
}

export async function updateOrganizationName(db: Transaction, name: string): Promise<void> {
  await db.updateTable('organizations').set({ name }).where('id', '=', ORGANIZATION_ID).execute();
}
