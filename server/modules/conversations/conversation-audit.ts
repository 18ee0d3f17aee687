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

/**
 * Records a list that showed shared content (agendas, action-item text) of other engineers: one
 * event per engineer whose record appeared, in one transaction. Nothing when it was all the
 * actor's own.
 */
export async function auditListRead(
  deps: { database: Database; clock: Clock },
  actor: Actor,
  action: string,
  engineerIds: readonly string[],
): Promise<void> {
  if (actor.kind !== 'person') return;
  const others = [...new Set(engineerIds)].filter((id) => id !== actor.id);
  if (others.length === 0) return;
  await deps.database.db.transaction().execute(async (trx) => {
    for (const engineerId of others)
      await recordAuditEvent(
        trx,
        {
          actor,
          action,
          targetType: 'person',
          targetId: engineerId,
          subjectPersonId: engineerId,
          decision: 'allow',
        },
        deps.clock.now(),
      );
  });
}
