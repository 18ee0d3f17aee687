import type { Transaction } from '../../db/client.ts';
import type {
  SsoIdentitiesTable,
  SsoPendingLoginsTable,
  SsoSettingsTable,
} from '../../db/schema.ts';

/** The organisation has one settings row. */
const SETTINGS_ID = 'organization';

export interface SsoSettingsRow {
  issuer: string | null;
  clientId: string | null;
  clientSecretSealed: string | null;
  displayName: string;
  isJitEnabled: boolean;
  isPasswordAdminsOnly: boolean;
  updatedAt: string;
  /** Compare-and-set counter (ADR 080); 0 before the row exists. */
  version: number;
}

export async function findSsoSettings(db: Transaction): Promise<SsoSettingsRow | undefined> {
  const row = await db
    .selectFrom('sso_settings')
    .selectAll()
    .where('id', '=', SETTINGS_ID)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSealed: row.client_secret_sealed,
    displayName: row.display_name,
    isJitEnabled: row.is_jit_enabled,
    isPasswordAdminsOnly: row.is_password_admins_only,
    updatedAt: row.updated_at,
    version: row.row_version ?? 1,
  };
}

/**
 * Saves the settings if they are still at `expected` (compare-and-set, ADR 080): version 0 means
 * "there is no row yet". False when someone saved first.
 */
export async function saveSsoSettingsIfVersion(
  db: Transaction,
  values: Omit<SsoSettingsTable, 'id' | 'row_version'>,
  expected: number,
): Promise<boolean> {
  if (expected === 0) {
    const inserted = await db
      .insertInto('sso_settings')
      .values({ id: SETTINGS_ID, ...values, row_version: 1 })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('sso_settings')
    .set((eb) => ({ ...values, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', SETTINGS_ID)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export interface SsoIdentityRow {
  id: string;
  issuer: string;
  subject: string;
  personId: string;
}

/** The identity with exactly this issuer and subject (no normalisation of either). */
export async function findIdentity(
  db: Transaction,
  issuer: string,
  subject: string,
): Promise<SsoIdentityRow | undefined> {
  const row = await db
    .selectFrom('sso_identities')
    .select(['id', 'issuer', 'subject', 'person_id'])
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row
    ? { id: row.id, issuer: row.issuer, subject: row.subject, personId: row.person_id }
    : undefined;
}

export async function countIdentitiesOfPerson(db: Transaction, personId: string): Promise<number> {
  const row = await db
    .selectFrom('sso_identities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertIdentity(db: Transaction, row: SsoIdentitiesTable): Promise<void> {
  await db.insertInto('sso_identities').values(row).execute();
}

export async function touchIdentity(db: Transaction, id: string, at: string): Promise<void> {
  await db
    .updateTable('sso_identities')
    .set({ last_sign_in_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertPendingLogin(
  db: Transaction,
  row: SsoPendingLoginsTable,
): Promise<void> {
  await db.insertInto('sso_pending_logins').values(row).execute();
}

/** Removes and returns a pending login, so each can be completed at most once. */
export async function takePendingLogin(
  db: Transaction,
  id: string,
): Promise<SsoPendingLoginsTable | undefined> {
  const row = await db
    .selectFrom('sso_pending_logins')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const result = await db.deleteFrom('sso_pending_logins').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1 ? row : undefined;
}

export async function deleteExpiredPendingLogins(db: Transaction, now: string): Promise<void> {
  await db.deleteFrom('sso_pending_logins').where('expires_at', '<=', now).execute();
}

/**
 * Whether password sign-in is limited to admins: the switch is on and a provider is configured
 * (by environment or here), so nobody is locked out by a switch without a provider.
 */
export async function isPasswordSignInAdminsOnly(
  db: Transaction,
  hasEnvironmentProvider: boolean,
): Promise<boolean> {
  const row = await findSsoSettings(db);
  return Boolean(
    row?.isPasswordAdminsOnly && (hasEnvironmentProvider || (row.issuer && row.clientId)),
  );
}
