import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import type { Decision } from '../../policies/decisions.ts';
import { recordAuditEvent } from './audit.service.ts';

/**
 * Records the authorization denials of one finished request (security.md §7: every denial is an
 * event). Only signed-in people are recorded: an anonymous 401 is an authentication answer, and
 * logging every one would let anyone fill the trail. Only a request that was refused (403 or 404)
 * counts, so a rule consulted while building an allowed answer is not mistaken for a denial.
 * Returns how many events were written.
 */
export async function auditDenials(
  deps: { database: Database; clock: Clock },
  request: {
    actor: Actor;
    status: number;
    decisions: readonly Decision[];
    /** The `{id}` of the route, when it has one: the record that was asked for. */
    targetId: string | null;
  },
): Promise<number> {
  const { actor, status, decisions, targetId } = request;
  if (actor.kind !== 'person' || (status !== 403 && status !== 404)) return 0;
  const denied = decisions.filter((decision) => !decision.isAllowed);
  if (denied.length === 0) return 0;
  await deps.database.db.transaction().execute(async (trx) => {
    for (const decision of denied) {
      await recordAuditEvent(
        trx,
        {
          actor,
          action: 'authz.denied',
          targetType: decision.policy,
          targetId,
          subjectPersonId: decision.subjectPersonId ?? null,
          decision: 'deny',
          reason: `${decision.action} → ${status === 404 ? 'not visible' : 'not allowed'}`,
        },
        deps.clock.now(),
      );
    }
  });
  return denied.length;
}
