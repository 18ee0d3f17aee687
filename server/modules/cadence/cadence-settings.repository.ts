import type { Transaction } from '../../db/client.ts';

/** The organisation's single settings row has this id. */
const SETTINGS_ID = 'organization';

export interface CadenceSettingsRow {
  policyJson: string;
  updatedAt: string;
  updatedById: string | null;
  updatedByName: string | null;
}

/** The stored policy, or undefined while the organisation still runs on the defaults. */
export async function findCadenceSettings(
  db: Transaction,
): Promise<CadenceSettingsRow | undefined> {
  const row = await db
    .selectFrom('cadence_settings as s')
    .leftJoin('people as p', 'p.id', 's.updated_by')
    .select(['s.policy', 's.updated_at', 's.updated_by', 'p.name as updated_by_name'])
    .where('s.id', '=', SETTINGS_ID)
    .executeTakeFirst();
  return row
    ? {
        policyJson: row.policy,
        updatedAt: row.updated_at,
        updatedById: row.updated_by,
        updatedByName: row.updated_by_name,
      }
    : undefined;
}

export async function upsertCadenceSettings(
  db: Transaction,
  input: { policyJson: string; at: string; by: string },
): Promise<void> {
  await db
    .insertInto('cadence_settings')
    .values({
      id: SETTINGS_ID,
      policy: input.policyJson,
      updated_at: input.at,
      updated_by: input.by,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ policy: input.policyJson, updated_at: input.at, updated_by: input.by }),
    )
    .execute();
}
