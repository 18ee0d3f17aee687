import { auditActionLabel } from '../../../shared/schemas/audit.ts';
import type { AuditEvent } from '../../../shared/schemas/audit.ts';
import type { AuditEventRow } from './audit.repository.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Ids of people named in an event's reason (a reporting-line change names the new manager). */
export function idsInReason(reason: string | null): string[] {
  return reason ? (reason.match(UUID) ?? []) : [];
}

/**
 * An event for the API: names from the directory, the action in words. `showIpOf` decides whose
 * network address may be shown (on a person's own log, only their own; admins see all).
 */
export function presentAuditEvent(
  row: AuditEventRow,
  names: Map<string, string>,
  showIpOf: (actorId: string | null) => boolean,
): AuditEvent {
  const ref = (id: string | null) =>
    id === null ? null : { id, name: names.get(id) ?? 'Someone no longer in the directory' };
  return {
    seq: row.seq,
    id: row.id,
    at: row.created_at,
    actor: ref(row.actor_id),
    actorRole: row.actor_role,
    action: row.action,
    label: auditActionLabel(row.action),
    targetType: row.target_type,
    targetId: row.target_id,
    subject: ref(row.subject_person_id),
    decision: row.decision,
    reason: row.reason && row.reason.replace(UUID, (id) => names.get(id) ?? id),
    ip: showIpOf(row.actor_id) ? row.ip : null,
  };
}
