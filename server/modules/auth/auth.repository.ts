import { sql } from 'kysely';
import type { Transaction } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { PasswordTokensTable, SessionsTable } from '../../db/schema.ts';

export interface SessionRow {
  id: string;
  personId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SessionWithPerson extends SessionRow {
  person: {
    id: string;
    name: string;
    email: string;
    isAdmin: boolean;
    isPeopleTeam: boolean;
    isActive: boolean;
    timezone: string;
  };
}

const sessionQuery = preparedQuery((db, p: { id: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.person_id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'p.name',
      'p.email',
      'p.is_admin',
      'p.is_people_team',
      'p.is_active',
      'p.timezone',
    ])
    .where('s.id', '=', p.id),
);

/** The session whose digest matches, with its person; undefined when there is none. */
export async function findSession(
  db: Transaction,
  id: string,
): Promise<SessionWithPerson | undefined> {
  const row = await sessionQuery.first(db, { id });
  if (!row) return undefined;
  return {
    id: row.id,
    personId: row.person_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    person: {
      id: row.person_id,
      name: row.name,
      email: row.email,
      isAdmin: row.is_admin,
      isPeopleTeam: row.is_people_team,
      isActive: row.is_active,
      timezone: row.timezone,
    },
  };
}

export async function insertSession(db: Transaction, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function touchSession(db: Transaction, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Transaction, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a person (deactivation, password change). Returns how many ended. */
export async function deleteSessionsOfPerson(db: Transaction, personId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Transaction, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function findCredentials(
  db: Transaction,
  email: string,
): Promise<
  { personId: string; name: string; isActive: boolean; passwordHash: string | null } | undefined
> {
  const row = await db
    .selectFrom('people as p')
    .leftJoin('credentials as c', 'c.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.is_active', 'c.password_hash'])
    .where('p.email', '=', email)
    .executeTakeFirst();
  return row
    ? { personId: row.id, name: row.name, isActive: row.is_active, passwordHash: row.password_hash }
    : undefined;
}

export async function upsertCredentials(
  db: Transaction,
  personId: string,
  passwordHash: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('credentials')
    .values({ person_id: personId, password_hash: passwordHash, updated_at: at })
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({ password_hash: passwordHash, updated_at: at }),
    )
    .execute();
}

export async function insertPasswordToken(
  db: Transaction,
  row: PasswordTokensTable,
): Promise<void> {
  await db.insertInto('password_tokens').values(row).execute();
}

/** Marks a person's unused links as used, so only the newest one works. */
export async function retirePasswordTokens(
  db: Transaction,
  personId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('password_tokens')
    .set({ used_at: at })
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .execute();
}

export async function findPasswordToken(db: Transaction, tokenHash: string) {
  return db
    .selectFrom('password_tokens as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .select([
      't.id',
      't.person_id',
      't.purpose',
      't.expires_at',
      't.used_at',
      'p.name',
      'p.email',
      'p.is_active',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Claims a link once: returns false when another request used it first. */
export async function claimPasswordToken(
  db: Transaction,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('password_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds one hit to a fixed window and returns the window's count. */
export async function hitRateLimit(
  db: Transaction,
  key: string,
  windowStart: number,
): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['key', 'window_start'])
        .doUpdateSet({ count: sql<number>`rate_limits.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countRateLimit(
  db: Transaction,
  key: string,
  windowStart: number,
): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function deleteOldRateLimits(db: Transaction, before: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
}
