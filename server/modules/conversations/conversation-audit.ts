import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';

/**
 * Records a read of the engineer's shared record, development data or values (C2–C4) by anyone
 * but the engineer themself (DESIGN §4). Ids only, never content.
 */
export async function auditRecordRead(
  deps: { database: Database; clock: Clock },
  actor: Actor,
  read: { action: string; targetType: string; targetId: string; subjectPersonId: string },
): Promise<void> {
  if (actor.kind !== 'person' || actor.id === read.subjectPersonId) return;
  await deps.database.db
    .transaction()
    .execute((trx) =>
      recordAuditEvent(trx, { actor, ...read, decision: 'allow' }, deps.clock.now()),
    );
}
