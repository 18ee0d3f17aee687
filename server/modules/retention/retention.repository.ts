import type { Transaction } from '../../db/client.ts';

/** The organisation has one retention settings row. */
const SETTINGS_ID = 'organization';

export interface RetentionSettingsRow {
  privateReflectionsMonths: number | null;
  formerEmployeesMonths: number | null;
  updatedAt: string;
  updatedById: string | null;
  updatedByName: string | null;
  /** Compare-and-set counter (ADR 080). */
  version: number;
}

/** The stored periods, or undefined while nothing was ever saved (everything is kept). */
export async function findRetentionSettings(
  db: Transaction,
): Promise<RetentionSettingsRow | undefined> {
  const row = await db
    .selectFrom('retention_settings as s')
    .leftJoin('people as p', 'p.id', 's.updated_by')
    .select([
      's.private_reflections_months',
      's.former_employees_months',
      's.updated_at',
      's.updated_by',
      's.row_version',
      'p.name as updated_by_name',
    ])
    .where('s.id', '=', SETTINGS_ID)
    .executeTakeFirst();
  return row
    ? {
        privateReflectionsMonths: row.private_reflections_months,
        formerEmployeesMonths: row.former_employees_months,
        updatedAt: row.updated_at,
        updatedById: row.updated_by,
        updatedByName: row.updated_by_name,
        version: row.row_version ?? 1,
      }
    : undefined;
}

/**
 * Saves the periods if they are still at `expected` (compare-and-set, ADR 080); version 0 means
 * "no row yet". False when someone saved first.
 */
export async function saveRetentionSettingsIfVersion(
  db: Transaction,
  values: {
    privateReflectionsMonths: number | null;
    formerEmployeesMonths: number | null;
    at: string;
    by: string;
  },
  expected: number,
): Promise<boolean> {
  const columns = {
    private_reflections_months: values.privateReflectionsMonths,
    former_employees_months: values.formerEmployeesMonths,
    updated_at: values.at,
    updated_by: values.by,
  };
  if (expected === 0) {
    const inserted = await db
      .insertInto('retention_settings')
      .values({ id: SETTINGS_ID, ...columns, row_version: 1 })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('retention_settings')
    .set((eb) => ({ ...columns, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', SETTINGS_ID)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
