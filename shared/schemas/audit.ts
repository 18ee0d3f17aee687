import { z } from 'zod';
import { idSchema, timestampSchema } from './common.ts';

/**
 * What each audited action means, in words a person reads on their access log. The trail stores
 * the action key only; an unknown key (a newer server, say) is shown as itself.
 */
export const auditActionLabels: Record<string, string> = {
  sign_in: 'Signed in with a password',
  'sign_in.sso': 'Signed in with single sign-on',
  sign_out: 'Signed out',
  'password.set': 'Chose a new password',
  'password_link.create': 'Created a password link',
  setup: 'Set up the organisation',
  'authz.denied': 'Was refused access',
  'conversation.read': 'Opened a conversation',
  'conversation.list': 'Listed conversations, including their agendas',
  'conversation.prep.read': 'Read shared preparation',
  'conversation.context.read': 'Opened the manager context for a conversation',
  'conversation.notes.read': 'Read the shared notes of a conversation',
  'conversation.summary.read': 'Read the summary of a conversation',
  'action_item.read': 'Read an action item',
  'action_item.list': 'Listed action items',
  'what_matters.read': 'Read a shared What Matters exercise',
  'what_matters.list': 'Listed shared What Matters exercises',
  'timeline.read': 'Read the career timeline',
  'assessment.read': 'Read an assessment',
  'gap-analysis.read': 'Read the gap analysis',
  'contract.read': 'Read the development contract',
  'export.download': 'Downloaded a personal export',
  'access_log.read': 'Looked at the access log',
  'audit_trail.read': 'Looked at the organisation audit trail',
  'audit_trail.verify': 'Verified the audit trail',
  'person.create': 'Added a person',
  'person.update': 'Edited directory details',
  'person.roles.change': 'Changed roles',
  'person.deactivate': 'Deactivated an account',
  'person.reactivate': 'Reactivated an account',
  'reporting_line.change': 'Changed a reporting line',
  'people_import.apply': 'Applied a people import',
  'placement.create': 'Set a track and level',
  'organization.update': 'Changed organisation settings',
  'question_bank.publish': 'Published a question bank',
  'framework.import': 'Imported a career framework',
  'framework.activate': 'Activated a framework version',
  'framework.edit': 'Edited framework wording',
  'sso.settings.update': 'Changed single sign-on settings',
  'sso.identity.link': 'Linked a single sign-on identity',
  'scim_token.create': 'Created a provisioning token',
  'scim_token.revoke': 'Revoked a provisioning token',
  'scim.user.create': 'Provisioned a person',
  'scim.user.update': 'Updated a provisioned person',
};

/** The label of an action, or the action key itself when it has none. */
export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

const personRefSchema = z.object({ id: z.string(), name: z.string() });

/** One event as the API shows it: ids, names from the directory and outcomes, never content. */
export const auditEventSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: timestampSchema,
  actor: personRefSchema.nullable(),
  actorRole: z.string(),
  action: z.string(),
  label: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  subject: personRefSchema.nullable(),
  decision: z.enum(['allow', 'deny']),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventPageSchema = z.object({
  items: z.array(auditEventSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

const limitSchema = z.coerce
  .number()
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be at least 1' })
  .max(200, { message: 'must be at most 200' })
  .default(50);
const beforeSchema = z.coerce
  .number()
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be at least 1' })
  .optional();
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A person's access log: events about their record, newest first. */
export const accessLogQuerySchema = z
  .object({
    before: beforeSchema,
    limit: limitSchema,
    /** Include what the person did themself (sign-ins, exports); default: others only. */
    includeOwn: booleanQuery.optional(),
  })
  .strict();
export type AccessLogQuery = z.infer<typeof accessLogQuerySchema>;

/** The organisation's trail for admins, newest first, optionally narrowed. */
export const auditTrailQuerySchema = z
  .object({
    before: beforeSchema,
    limit: limitSchema,
    actorId: idSchema.optional(),
    subjectId: idSchema.optional(),
    action: z.string().trim().max(64, { message: 'must be at most 64 characters' }).optional(),
    decision: z.enum(['allow', 'deny']).optional(),
  })
  .strict();
export type AuditTrailQuery = z.infer<typeof auditTrailQuerySchema>;

export const auditVerificationSchema = z.object({
  isIntact: z.boolean(),
  checked: z.number().int(),
  brokenAtSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
