import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import type {
  AccessLogQuery,
  AuditEventPage,
  AuditTrailQuery,
  AuditVerification,
} from '../../../shared/schemas/audit.ts';
import { findPersonById } from '../people/people.repository.ts';
import { accessLogPolicy, auditTrailPolicy } from './audit.policy.ts';
import { idsInReason, presentAuditEvent } from './audit.presenter.ts';
import { findNames, listAuditEvents } from './audit.repository.ts';
import type { AuditEventRow } from './audit.repository.ts';
import { recordAuditEvent, verifyAuditChain } from './audit.service.ts';

interface Deps {
  database: Database;
  clock: Clock;
}

/** Reading the audit trail: a person's own access log, and the whole trail for admins. */
export function createAccessLogService({ database, clock }: Deps) {
  const { db } = database;

  async function page(
    rows: AuditEventRow[],
    limit: number,
    showIpOf: (actorId: string | null) => boolean,
  ): Promise<AuditEventPage> {
    const shown = rows.slice(0, limit);
    const names = await findNames(
      db,
      shown.flatMap((row) => [
        ...[row.actor_id, row.subject_person_id].filter((id) => id !== null),
        ...idsInReason(row.reason),
      ]),
    );
    return {
      items: shown.map((row) => presentAuditEvent(row, names, showIpOf)),
      nextBefore: rows.length > limit ? (shown.at(-1)?.seq ?? null) : null,
    };
  }

  /** Records a read of the trail itself, so looking at someone's log leaves a trace on it. */
  async function auditRead(actor: Actor, action: string, subjectId: string | null) {
    await db.transaction().execute((trx) =>
      recordAuditEvent(
        trx,
        {
          actor,
          action,
          targetType: subjectId ? 'access-log' : 'audit-trail',
          targetId: subjectId,
          subjectPersonId: subjectId,
          decision: 'allow',
        },
        clock.now(),
      ),
    );
  }

  return {
    /**
     * Who has accessed a person's record, newest first: by default what others did (reads,
     * refusals, changes to their account); with includeOwn, their own sign-ins and exports too.
     * The person and admins only (404 otherwise). An admin's look is itself recorded.
     */
    async getAccessLog(
      actor: Actor,
      personId: string,
      query: AccessLogQuery,
    ): Promise<AuditEventPage> {
      const person = await findPersonById(db, personId);
      authorize(actor, accessLogPolicy, 'view', person ? { personId } : null);
      const me = requirePerson(actor);
      if (!person) throw new NotFoundError('access log');
      if (me.id !== personId) await auditRead(actor, 'access_log.read', personId);
      const rows = await listAuditEvents(db, {
        subjectId: personId,
        ...(query.includeOwn ? {} : { excludeActorId: personId }),
        ...(query.before !== undefined && { beforeSeq: query.before }),
        limit: query.limit + 1,
      });
      return page(rows, query.limit, (actorId) => me.isAdmin || actorId === me.id);
    },

    /** The organisation's trail, narrowed by the query; admins only (403). Recorded. */
    async listAuditTrail(actor: Actor, query: AuditTrailQuery): Promise<AuditEventPage> {
      authorize(actor, auditTrailPolicy, 'read', null);
      await auditRead(actor, 'audit_trail.read', null);
      const rows = await listAuditEvents(db, {
        ...(query.actorId && { actorId: query.actorId }),
        ...(query.subjectId && { subjectId: query.subjectId }),
        ...(query.action && { action: query.action }),
        ...(query.decision && { decision: query.decision }),
        ...(query.before !== undefined && { beforeSeq: query.before }),
        limit: query.limit + 1,
      });
      return page(rows, query.limit, () => true);
    },

    /** Walks the hash chain (as `npm run audit:verify` does); admins only (403). Recorded. */
    async verifyTrail(actor: Actor): Promise<AuditVerification> {
      authorize(actor, auditTrailPolicy, 'verify', null);
      const result = await verifyAuditChain(db);
      await auditRead(actor, 'audit_trail.verify', null);
      return result.isIntact
        ? { isIntact: true, checked: result.checked, brokenAtSeq: null, problem: null }
        : {
            isIntact: false,
            checked: result.checked,
            brokenAtSeq: result.brokenAtSeq,
            problem: result.problem,
          };
    },
  };
}

export type AccessLogService = ReturnType<typeof createAccessLogService>;
