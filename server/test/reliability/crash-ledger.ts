import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { verifyAuditChain } from '../../modules/audit/audit.service.ts';

/** What the writers were told was saved (2xx), to be found again after every crash. */
export interface Ledger {
  people: Map<string, string>;
  exercises: Set<string>;
  conversations: Set<string>;
  /** The highest acknowledged shared-notes version and its text, per conversation. */
  notes: Map<string, { version: number; text: string }>;
}

export function emptyLedger(): Ledger {
  return { people: new Map(), exercises: new Set(), conversations: new Set(), notes: new Map() };
}

export interface Inspection {
  problems: string[];
  acknowledged: number;
  found: number;
  /** Rows the writers never heard back about (in flight at the kill) that did commit. */
  committedUnacknowledged: number;
  integrity: string;
  auditEvents: number;
}

/** Checks the database after a restart: acknowledged writes, whole transactions, integrity, audit chain. */
export async function inspect(
  database: Database,
  ledger: Ledger,
  markers: { emailPrefix: string; conversationIds: Set<string> },
): Promise<Inspection> {
  const { db } = database;
  const problems: string[] = [];

  const people = await db
    .selectFrom('people')
    .select(['id', 'email'])
    .where('email', 'like', `${markers.emailPrefix}%`)
    .execute();
  const personIds = new Set(people.map((p) => p.id));
  const lines = new Set(
    (
      await db
        .selectFrom('reporting_lines')
        .select('report_id')
        .where('report_id', 'in', people.length ? [...personIds] : [''])
        .execute()
    ).map((r) => r.report_id),
  );
  for (const person of people)
    if (!lines.has(person.id))
      problems.push(`person ${person.email} has no reporting line (half-applied)`);

  const exercises = await db.selectFrom('what_matters_exercises').select('id').execute();
  const valueCounts = new Map(
    (
      await db
        .selectFrom('what_matters_values')
        .select(['exercise_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('exercise_id')
        .execute()
    ).map((r) => [r.exercise_id, Number(r.n)]),
  );
  for (const exercise of exercises)
    if (valueCounts.get(exercise.id) !== 6)
      problems.push(
        `exercise ${exercise.id} has ${valueCounts.get(exercise.id) ?? 0} of 6 values (half-applied)`,
      );
  const exerciseIds = new Set(exercises.map((e) => e.id));

  const conversations = await db
    .selectFrom('conversations')
    .select(['id', 'shared_notes', 'shared_notes_version'])
    .execute();
  const conversationIds = new Set(conversations.map((c) => c.id));
  const withEvents = new Set(
    (await db.selectFrom('conversation_events').select('conversation_id').distinct().execute()).map(
      (r) => r.conversation_id,
    ),
  );
  for (const id of markers.conversationIds)
    if (conversationIds.has(id) && !withEvents.has(id))
      problems.push(`conversation ${id} has no history (half-applied)`);

  let acknowledged = 0;
  let found = 0;
  const check = (isThere: boolean, what: string) => {
    acknowledged += 1;
    if (isThere) found += 1;
    else problems.push(`acknowledged ${what} is missing`);
  };
  for (const [id, email] of ledger.people) check(personIds.has(id), `person ${email}`);
  for (const id of ledger.exercises) check(exerciseIds.has(id), `exercise ${id}`);
  for (const id of ledger.conversations) check(conversationIds.has(id), `conversation ${id}`);
  for (const [id, acked] of ledger.notes) {
    const row = conversations.find((c) => c.id === id);
    const version = Number(row?.shared_notes_version ?? -1);
    const isThere =
      version > acked.version || (version === acked.version && row?.shared_notes === acked.text);
    check(isThere, `notes version ${acked.version} of ${id} (stored: ${version})`);
  }
  const ackedPeople = new Set(ledger.people.keys());
  const committedUnacknowledged =
    people.filter((p) => !ackedPeople.has(p.id)).length +
    exercises.filter((e) => !ledger.exercises.has(e.id)).length;

  const integrity = await integrityCheck(database);
  if (integrity !== 'ok' && !integrity.startsWith('ok '))
    problems.push(`integrity check: ${integrity}`);
  const chain = await verifyAuditChain(db);
  if (!chain.isIntact)
    problems.push(`audit chain broken at ${chain.brokenAtSeq}: ${chain.problem}`);
  return {
    problems,
    acknowledged,
    found,
    committedUnacknowledged,
    integrity,
    auditEvents: chain.checked,
  };
}

/**
 * SQLite: `PRAGMA integrity_check` and `foreign_key_check`. PostgreSQL: amcheck's
 * `bt_index_check` on every index of the schema (when the extension is available).
 */
export async function integrityCheck(database: Database): Promise<string> {
  const { db } = database;
  if (database.engine === 'sqlite') {
    const rows = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const result = rows.rows.map((r) => r.integrity_check).join('; ');
    const keys = await sql`pragma foreign_key_check`.execute(db);
    return keys.rows.length ? `${result}; ${keys.rows.length} foreign key violations` : result;
  }
  try {
    await sql`create extension if not exists amcheck`.execute(db);
  } catch {
    return 'ok (amcheck not installed: PostgreSQL checks its own pages and keys)';
  }
  const indexes = await sql<{ oid: number }>`
    select c.oid::int as oid from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_am am on am.oid = c.relam
    where am.amname = 'btree' and c.relnamespace = 'public'::regnamespace`.execute(db);
  for (const index of indexes.rows)
    await sql`select bt_index_check(${index.oid}::regclass)`.execute(db);
  return `ok (${indexes.rows.length} indexes verified by amcheck)`;
}
