import type { Transaction } from '../../db/client.ts';

/** The one organisation a Trajectory instance serves has this id. */
export const ORGANIZATION_ID = 'organization';

export async function findOrganization(
  db: Transaction,
): Promise<{ name: string; version: number } | undefined> {
  const row = await db
    .selectFrom('organizations')
    .select(['name', 'row_version'])
    .where('id', '=', ORGANIZATION_ID)
    .executeTakeFirst();
  return row && { name: row.name, version: row.row_version ?? 1 };
}

/** Inserts the organisation; throws a unique violation when it already exists. */
export async function insertOrganization(db: Transaction, name: string, at: string): Promise<void> {
  await db
    .insertInto('organizations')
    .values({ id: ORGANIZATION_ID, name, created_at: at })
    .execute();
}

/** Renames the organisation if it is still at `expected` (compare-and-set); false when stale. */
export async function updateOrganizationNameIfVersion(
  db: Transaction,
  name: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .updateTable('organizations')
    .set((eb) => ({ name, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', ORGANIZATION_ID)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
