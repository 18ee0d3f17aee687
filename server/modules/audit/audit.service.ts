import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { requestOrigin } from '../../policies/decisions.ts';
import {
  advanceChainHead,
  findChainHead,
  insertAuditEvent,
  listEventsAfter,
  setChainHeadHash,
} from './audit.repository.ts';
import type { AuditEventRow } from './audit.repository.ts';

/** One audited event. Ids and outcomes only: never content, titles or anything a person wrote. */
export interface AuditEventInput {
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string | null;
  subjectPersonId: string | null;
  decision: 'allow' | 'deny';
  reason?: string;
  ip?: string;
  requestId?: string;
}

const GENESIS = 'genesis';

function roleOf(actor: Actor): string {
  if (actor.kind !== 'person') return actor.kind;
  if (actor.isAdmin) return 'admin';
  return actor.isPeopleTeam ? 'people_team' : 'person';
}

/** The bytes each hash covers: every column but the hashes, in a fixed order. */
function canonical(row: Omit<AuditEventRow, 'hash' | 'prev_hash'>): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.created_at,
    row.actor_id,
    row.actor_role,
    row.action,
    row.target_type,
    row.target_id,
    row.subject_person_id,
    row.ip,
    row.request_id,
    row.decision,
    row.reason,
  ]);
}

function chainHash(prevHash: string, row: Omit<AuditEventRow, 'hash' | 'prev_hash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(row)).digest('hex');
}

/**
 * Appends an event inside the caller's transaction, so the event exists if and only if the action
 * it records committed. Returns the event's sequence number.
 */
export async function recordAuditEvent(
  trx: Transaction,
  event: AuditEventInput,
  now: Date,
): Promise<number> {
  const { seq, prevHash } = await advanceChainHead(trx);
  const origin = requestOrigin();
  const row = {
    seq,
    id: randomUUID(),
    created_at: now.toISOString(),
    actor_id: event.actor.kind === 'person' ? event.actor.id : null,
    actor_role: roleOf(event.actor),
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId,
    subject_person_id: event.subjectPersonId,
    ip: event.ip ?? origin?.ip ?? null,
    request_id: event.requestId ?? origin?.requestId ?? null,
    decision: event.decision,
    reason: event.reason ?? null,
  };
  const hash = chainHash(prevHash, row);
  await insertAuditEvent(trx, { ...row, prev_hash: prevHash, hash });
  await setChainHeadHash(trx, hash);
  return seq;
}

export type ChainVerification =
  | { isIntact: true; checked: number }
  | { isIntact: false; checked: number; brokenAtSeq: number; problem: string };

/**
 * Walks the whole chain: sequence numbers without gaps (deletion), each row's prev_hash equal to its
 * predecessor's hash (reordering), each hash recomputed (editing), and the head matching the last
 * row (a cut-off tail).
 */
export async function verifyAuditChain(
  db: Transaction,
  pageSize = 1000,
): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let checked = 0;
  for (;;) {
    const page = await listEventsAfter(db, expectedSeq - 1, pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      const broken = (problem: string): ChainVerification => ({
        isIntact: false,
        checked,
        brokenAtSeq: row.seq,
        problem,
      });
      if (row.seq !== expectedSeq)
        return {
          isIntact: false,
          checked,
          brokenAtSeq: expectedSeq,
          problem: `event ${expectedSeq} is missing`,
        };
      if (row.prev_hash !== prevHash) return broken('does not follow the event before it');
      const { hash, prev_hash, ...content } = row;
      if (chainHash(prevHash, content) !== hash) return broken('was changed after it was written');
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  const head = await findChainHead(db);
  if (head.seq !== checked || head.hash !== prevHash) {
    return {
      isIntact: false,
      checked,
      brokenAtSeq: checked + 1,
      problem: `the chain should hold ${head.seq} events but ends after ${checked}`,
    };
  }
  return { isIntact: true, checked };
}
