import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isSelf, isSignedIn } from '../../policies/predicates.ts';

/** Whose access log is being asked for. */
export interface AccessLogResource {
  personId: string;
}

/**
 * A person's access log (C7 about their record): the person themself and admins (DESIGN §4);
 * 404 for everyone else, like the rest of a career record they may not read.
 */
export const accessLogPolicy = definePolicy<AccessLogResource | null, never>({
  name: 'access-log',
  noun: 'access log',
  view: (actor, r) => r !== null && (isSelf(actor, r.personId) || isAdmin(actor)),
  actions: {},
  subjectOf: (r) => r?.personId ?? null,
});

/** The organisation's whole audit trail (C7): admins only. */
export const auditTrailPolicy = definePolicy<null, 'read' | 'verify'>({
  name: 'audit-trail',
  noun: 'audit trail',
  view: isSignedIn,
  actions: { read: isAdmin, verify: isAdmin },
});
