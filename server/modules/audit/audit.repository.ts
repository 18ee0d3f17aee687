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

/** Events whose subject is a person, newest first (the "who accessed my record" page). */
export async function listEventsAboutPerson(
  db: Transaction,
  personId: string,
  beforeSeq: number | null,
  limit: number,
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll().where('subject_person_id', '=', personId);
  if (beforeSeq !== null) query = query.where('seq', '<', beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
