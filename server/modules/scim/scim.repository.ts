import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import type { ScimTokensTable, ScimUsersTable } from '../../db/schema.ts';

export interface ScimTokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const toTokenRow = (row: ScimTokensTable): ScimTokenRow => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export async function insertScimToken(db: Transaction, row: ScimTokensTable): Promise<void> {
  await db.insertInto('scim_tokens').values(row).execute();
}

export async function listScimTokens(db: Transaction): Promise<ScimTokenRow[]> {
  const rows = await db
    .selectFrom('scim_tokens')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toTokenRow);
}

export async function findScimToken(
  db: Transaction,
  id: string,
): Promise<ScimTokenRow | undefined> {
  const row = await db
    .selectFrom('scim_tokens')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toTokenRow(row) : undefined;
}

/** The live (not revoked) token with this digest. */
export async function findLiveScimTokenByHash(
  db: Transaction,
  tokenHash: string,
): Promise<ScimTokenRow | undefined> {
  const row = await db
    .selectFrom('scim_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toTokenRow(row) : undefined;
}

export async function touchScimToken(db: Transaction, id: string, at: string): Promise<void> {
  await db.updateTable('scim_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeScimToken(db: Transaction, id: string, at: string): Promise<void> {
  await db
    .updateTable('scim_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** A person as SCIM sees them: the people row joined with its SCIM attributes, if any. */
export interface ScimPersonRow {
  id: string;
  email: string;
  name: string;
  title: string;
  team: string;
  timezone: string;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  userName: string | null;
  externalId: string | null;
  employeeNumber: string | null;
  attributes: string | null;
  scimUpdatedAt: string | null;
}

function scimPeople(db: Transaction) {
  return db
    .selectFrom('people as p')
    .leftJoin('scim_users as s', 's.person_id', 'p.id')
    .select([
      'p.id',
      'p.email',
      'p.name',
      'p.title',
      'p.team',
      'p.timezone',
      'p.is_active',
      'p.created_at',
      'p.updated_at',
      's.user_name',
      's.external_id',
      's.employee_number',
      's.attributes',
      's.updated_at as scim_updated_at',
    ]);
}

type ScimPersonSelect = Awaited<
  ReturnType<ReturnType<typeof scimPeople>['executeTakeFirstOrThrow']>
>;

const toScimPerson = (row: ScimPersonSelect): ScimPersonRow => ({
  id: row.id,
  email: row.email,
  name: row.name,
  title: row.title,
  team: row.team,
  timezone: row.timezone,
  isActive: row.is_active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  userName: row.user_name,
  externalId: row.external_id,
  employeeNumber: row.employee_number,
  attributes: row.attributes,
  scimUpdatedAt: row.scim_updated_at,
});

export async function findScimPerson(
  db: Transaction,
  id: string,
): Promise<ScimPersonRow | undefined> {
  const row = await scimPeople(db).where('p.id', '=', id).executeTakeFirst();
  return row ? toScimPerson(row) : undefined;
}

export type ScimUserFilter =
  | { kind: 'all' }
  | { kind: 'userName'; value: string }
  | { kind: 'externalId'; value: string }
  | { kind: 'id'; value: string }
  | { kind: 'email'; value: string };

function filtered(db: Transaction, filter: ScimUserFilter) {
  const query = scimPeople(db);
  switch (filter.kind) {
    case 'all':
      return query;
    case 'id':
      return query.where('p.id', '=', filter.value);
    case 'externalId':
      return query.where('s.external_id', '=', filter.value);
    case 'email':
      return query.where('p.email', '=', filter.value.toLowerCase());
    case 'userName': {
      // People not provisioned by SCIM yet answer with their email as userName.
      const key = filter.value.toLowerCase();
      return query.where((eb) =>
        eb.or([
          eb('s.user_name_key', '=', key),
          eb.and([eb('s.person_id', 'is', null), eb('p.email', '=', key)]),
        ]),
      );
    }
  }
}

export async function countScimPeople(db: Transaction, filter: ScimUserFilter): Promise<number> {
  const row = await filtered(db, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page in a stable order (creation, then id). `offset` is zero-based. */
export async function listScimPeople(
  db: Transaction,
  filter: ScimUserFilter,
  offset: number,
  limit: number,
): Promise<ScimPersonRow[]> {
  const rows = await filtered(db, filter)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toScimPerson);
}

/** Whether a userName (case-insensitive) is held by someone else, provisioned or not. */
export async function isUserNameTaken(
  db: Transaction,
  userName: string,
  exceptPersonId: string | null,
): Promise<boolean> {
  let query = filtered(db, { kind: 'userName', value: userName }).clearSelect().select('p.id');
  if (exceptPersonId) query = query.where('p.id', '<>', exceptPersonId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function upsertScimUser(db: Transaction, row: ScimUsersTable): Promise<void> {
  const changes = {
    user_name: row.user_name,
    user_name_key: row.user_name_key,
    external_id: row.external_id,
    employee_number: row.employee_number,
    attributes: row.attributes,
    updated_at: row.updated_at,
  };
  await db
    .insertInto('scim_users')
    .values(row)
    .onConflict((oc) => oc.column('person_id').doUpdateSet(changes))
    .execute();
}

/**
 * The active person a manager reference names: our SCIM id (the person id), then an externalId,
 * then an employee number, then an email.
 */
export async function resolveManagerRef(db: Transaction, ref: string): Promise<string | undefined> {
  const byId = await db
    .selectFrom('people')
    .select('id')
    .where('id', '=', ref)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (byId) return byId.id;
  for (const column of ['external_id', 'employee_number'] as const) {
    const row = await db
      .selectFrom('scim_users as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select('p.id')
      .where(`s.${column}`, '=', ref)
      .where('p.is_active', '=', true)
      .executeTakeFirst();
    if (row) return row.id;
  }
  const byEmail = await db
    .selectFrom('people')
    .select('id')
    .where('email', '=', ref.toLowerCase())
    .where('is_active', '=', true)
    .executeTakeFirst();
  return byEmail?.id;
}

export async function upsertPendingManager(
  db: Transaction,
  reportId: string,
  managerRef: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('scim_pending_managers')
    .values({ report_id: reportId, manager_ref: managerRef, created_at: at })
    .onConflict((oc) =>
      oc.column('report_id').doUpdateSet({ manager_ref: managerRef, created_at: at }),
    )
    .execute();
}

export async function deletePendingManager(db: Transaction, reportId: string): Promise<void> {
  await db.deleteFrom('scim_pending_managers').where('report_id', '=', reportId).execute();
}

export async function findPendingManager(
  db: Transaction,
  reportId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('scim_pending_managers')
    .select('manager_ref')
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return row?.manager_ref;
}

/** Pending references that name any of these keys (a newly arrived person's id, ids, email). */
export async function listPendingManagersNaming(
  db: Transaction,
  refs: string[],
): Promise<{ reportId: string; managerRef: string }[]> {
  const keys = refs.filter(Boolean);
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('scim_pending_managers')
    .select(['report_id', 'manager_ref'])
    .where((eb) =>
      eb.or([
        eb('manager_ref', 'in', keys),
        eb(
          sql`lower(manager_ref)`,
          'in',
          keys.map((k) => k.toLowerCase()),
        ),
      ]),
    )
    .execute();
  return rows.map((row) => ({ reportId: row.report_id, managerRef: row.manager_ref }));
}
