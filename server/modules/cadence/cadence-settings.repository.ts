import type { Transaction } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';

/** The organisation's single settings row has this id. */
const SETTINGS_ID = 'organization';

export interface CadenceSettingsRow {
  policyJson: string;
  updatedAt: string;
  updatedById: string | null;
  updatedByName: string | null;
  /** Compare-and-set counter (ADR 080). */
  version: number;
}

const settingsQuery = preparedQuery((db) =>
  db
    .selectFrom('cadence_settings as s')
    .leftJoin('people as p', 'p.id', 's.updated_by')
    .select([
      's.policy',
      's.updated_at',
      's.updated_by',
      's.row_version',
      'p.name as updated_by_name',
    ])
    .where('s.id', '=', SETTINGS_ID),
);

/** The stored policy, or undefined while the organisation still runs on the defaults. */
export async function findCadenceSettings(
  db: Transaction,
): Promise<CadenceSettingsRow | undefined> {
  const row = await settingsQuery.first(db, {});
  return row
    ? {
        policyJson: row.policy,
        updatedAt: row.updated_at,
        updatedById: row.updated_by,
        updatedByName: row.updated_by_name,
        version: row.row_version ?? 1,
      }
    : undefined;
}

/**
 * Saves the policy if it is still at `expected` (compare-and-set, ADR 080): version 0 means
 * "nothing stored yet, the defaults apply". False when someone saved first.
 */
export async function saveCadenceSettingsIfVersion(
  db: Transaction,
  input: { policyJson: string; at: string; by: string },
  expected: number,
): Promise<boolean> {
  const values = { policy: input.policyJson, updated_at: input.at, updated_by: input.by };
  if (expected === 0) {
    const inserted = await db
      .insertInto('cadence_settings')
      .values({ id: SETTINGS_ID, ...values, row_version: 1 })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('cadence_settings')
    .set((eb) => ({ ...values, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', SETTINGS_ID)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
