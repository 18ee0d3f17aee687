import type { Transaction } from '../../db/client.ts';
import type { AuditEventsTable } from '../../db/schema.ts';

export type AuditEventRow = AuditEventsTable;

/**
 * Takes the next sequence number and the previous hash. The UPDATE holds the head row's lock until
 * the transaction ends, so concurrent appenders (on any instance) queue instead of forking the chain.
 */
export async function advanceChainHead(
  trx: Transaction,
): Promise<{ seq: number; prevHash: string }> {
  const row = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), prevHash: row.hash };
}

export async function setChainHeadHash(trx: Transaction, hash: string): Promise<void> {
  await trx.updateTable('audit_chain_head').set({ hash }).where('id', '=', 1).execute();
}

export async function insertAuditEvent(trx: Transaction, row: AuditEventRow): Promise<void> {
  await trx.insertInto('audit_events').values(row).execute();
}

export async function findChainHead(db: Transaction): Promise<{ seq: number; hash: string }> {
  const row = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

/** A page of events in chain order, after a sequence number. */
export async function listEventsAfter(
  db: Transaction,
  afterSeq: number,
  limit: number,
): Promise<AuditEventRow[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

export interface AuditEventFilter {
  subjectId?: string;
  actorId?: string;
  /** Leaves out what this person did (their own sign-ins and reads on their access log). */
  excludeActorId?: string;
  /** An exact action, or a prefix ending in "." (`person.` matches every person change). */
  action?: string;
  decision?: 'allow' | 'deny';
  beforeSeq?: number;
  limit: number;
}

/** Events matching the filter, newest first. */
export async function listAuditEvents(
  db: Transaction,
  filter: AuditEventFilter,
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.subjectId) query = query.where('subject_person_id', '=', filter.subjectId);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.excludeActorId) {
    const excluded = filter.excludeActorId;
    query = query.where((eb) =>
      eb.or([eb('actor_id', 'is', null), eb('actor_id', '!=', excluded)]),
    );
  }
  if (filter.action) {
    query = filter.action.endsWith('.')
      ? query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '')}%`)
      : query.where('action', '=', filter.action);
  }
  if (filter.decision) query = query.where('decision', '=', filter.decision);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** Directory names for the people an event page mentions. */
export async function findNames(db: Transaction, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
