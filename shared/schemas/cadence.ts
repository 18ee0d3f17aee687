import { z } from 'zod';
import { OBLIGATION_KINDS, cadencePolicySchema } from '../cadence/cadence.ts';
import { baseVersionSchema, idSchema, isoDateSchema, timestampSchema } from './common.ts';
import { conversationStatusSchema, visibleKindSchema } from './conversations.ts';

/*
 * Cadence as infrastructure (DESIGN §3): the organisation's policy, "what's next" for each person,
 * a manager's team view and the coverage dashboard. Every due date in these shapes was computed by
 * the cadence engine (shared/cadence/cadence.ts); dashboards carry C1 metadata only.
 */

const personRefSchema = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

/* ---------- policy ---------- */

export const cadenceSettingsSchema = z.object({
  policy: cadencePolicySchema.required(),
  defaults: cadencePolicySchema.required(),
  updatedAt: timestampSchema.nullable(),
  updatedBy: personRefSchema.nullable(),
  /** Send it back as `baseVersion` (or If-Match) when saving (ADR 080); 0 before the first save. */
  version: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
export type CadenceSettings = z.infer<typeof cadenceSettingsSchema>;

/** The whole policy is sent on every change, so nothing silently falls back to a default. */
export const updateCadencePolicySchema = cadencePolicySchema
  .required()
  .extend({ baseVersion: baseVersionSchema })
  .strict();
export type UpdateCadencePolicy = z.infer<typeof updateCadencePolicySchema>;

/* ---------- obligations ---------- */

export const obligationKindSchema = z.enum(OBLIGATION_KINDS);
export const obligationStateSchema = z.enum(['upcoming', 'due', 'overdue', 'done']);

export const obligationSchema = z.object({
  kind: obligationKindSchema,
  owner: z.enum(['engineer', 'manager']),
  dueAt: timestampSchema,
  state: obligationStateSchema,
  reason: z.string(),
  engineer: personRefSchema,
  /** The manager the obligation concerns: today's manager, or the one who held the conversation. */
  manager: personRefSchema.nullable(),
  conversation: z
    .object({
      id: z.string(),
      kind: visibleKindSchema,
      startsAt: timestampSchema,
      status: conversationStatusSchema,
    })
    .nullable(),
});
export type ObligationView = z.infer<typeof obligationSchema>;

/* ---------- home ---------- */

export const upcomingConversationSchema = z.object({
  id: z.string(),
  kind: visibleKindSchema,
  status: conversationStatusSchema,
  startsAt: timestampSchema,
  durationMinutes: z.number(),
  role: z.enum(['engineer', 'manager']),
  with: personRefSchema,
});
export type UpcomingConversation = z.infer<typeof upcomingConversationSchema>;

export const ownCommitmentSchema = z.object({
  id: z.string(),
  text: z.string(),
  dueOn: isoDateSchema.nullable(),
  isOverdue: z.boolean(),
  conversationId: z.string().nullable(),
  manager: personRefSchema,
});
export type OwnCommitment = z.infer<typeof ownCommitmentSchema>;

export const reportObligationsSchema = z.object({
  person: personRefSchema.extend({ title: z.string() }),
  obligations: z.array(obligationSchema),
});
export type ReportObligations = z.infer<typeof reportObligationsSchema>;

export const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator / denominator, or null when there is nothing to measure yet. */
  value: z.number().nullable(),
});
export type Ratio = z.infer<typeof ratioSchema>;

export const orgHealthSchema = z.object({
  scopeLabel: z.string(),
  /** Null when the group is under the minimum size and the viewer is not its direct manager. */
  people: z.number().int().nullable(),
  isHidden: z.boolean(),
  onCadence: ratioSchema.nullable(),
  overduePeople: z.number().int().nullable(),
  stalePlans: z.number().int().nullable(),
});
export type OrgHealth = z.infer<typeof orgHealthSchema>;

export const homeSchema = z.object({
  roles: z.object({
    hasManager: z.boolean(),
    isManager: z.boolean(),
    /** Manages at least one manager, or sees the whole organisation (people team, admins). */
    hasCoverageView: z.boolean(),
  }),
  /** The viewer's own obligations as an engineer (their prep, acknowledgements, plan checks, conversations due). */
  mine: z.array(obligationSchema),
  upcomingConversations: z.array(upcomingConversationSchema),
  myCommitments: z.array(ownCommitmentSchema),
  /** Each report's open obligations, most urgent report first. */
  reports: z.array(reportObligationsSchema),
  orgHealth: orgHealthSchema.nullable(),
});
export type Home = z.infer<typeof homeSchema>;

/* ---------- team view ---------- */

export const lastConversationSchema = z.object({
  kind: visibleKindSchema,
  conversationId: z.string(),
  heldAt: timestampSchema,
});

export const contractStatusSchema = z.enum([
  'draft',
  'active',
  'paused',
  'completed',
  'superseded',
]);
export type ContractStatus = z.infer<typeof contractStatusSchema>;

export const contractFactsSchema = z.object({
  status: contractStatusSchema,
  activeSince: isoDateSchema.nullable(),
  lastReviewedAt: timestampSchema.nullable(),
  lastCheckInAt: timestampSchema.nullable(),
  isStale: z.boolean(),
});
export type ContractFacts = z.infer<typeof contractFactsSchema>;

export const teamMemberSchema = z.object({
  person: personRefSchema.extend({ title: z.string() }),
  managerSince: isoDateSchema,
  lastConversations: z.array(lastConversationSchema),
  /** The soonest open conversation obligation of the pair (initial, quarterly, annual). */
  next: obligationSchema.nullable(),
  /** Every open obligation of the pair, soonest first (the engineer's private prep excluded). */
  obligations: z.array(obligationSchema),
  overdueCount: z.number().int(),
  contract: contractFactsSchema.nullable(),
  commitments: z.object({
    managerOpen: z.number().int(),
    managerOverdue: z.number().int(),
    engineerOpen: z.number().int(),
    engineerOverdue: z.number().int(),
  }),
  acknowledgement: z.object({
    awaiting: z.number().int(),
    overdue: z.number().int(),
    lastAcknowledgedAt: timestampSchema.nullable(),
  }),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamSchema = z.object({ members: z.array(teamMemberSchema) });
export type Team = z.infer<typeof teamSchema>;

/* ---------- coverage dashboard ---------- */

export const MINIMUM_GROUP_SIZE = 5;

export const metricsSchema = z.object({
  people: z.number().int(),
  /** No conversation obligation (first, quarterly, annual) overdue. */
  onCadence: ratioSchema,
  quarterly: ratioSchema,
  annual: ratioSchema,
  /** First conversations held within the policy's days of a manager change (lines started in the window). */
  initialOnTime: ratioSchema,
  overduePeople: z.number().int(),
  overdueByKind: z.record(obligationKindSchema, z.number().int()),
  summariesOnTime: ratioSchema,
  acknowledged: ratioSchema,
  commitmentsKept: ratioSchema,
  activePlans: z.number().int(),
  stalePlans: z.number().int(),
  aspirationsNotRevisited: z.number().int(),
});
export type Metrics = z.infer<typeof metricsSchema>;

export const coverageGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  manager: personRefSchema.nullable(),
  /** Null when hidden. */
  people: z.number().int().nullable(),
  isHidden: z.boolean(),
  /** Several small teams shown together so that none of them is shown alone. */
  isPooled: z.boolean(),
  metrics: metricsSchema.nullable(),
});
export type CoverageGroup = z.infer<typeof coverageGroupSchema>;

export const trendPointSchema = z.object({
  month: z.string(),
  people: z.number().int().nullable(),
  onCadence: z.number().nullable(),
  quarterly: z.number().nullable(),
  /** Of the conversations held that month, the share whose summary went out on time. */
  summariesOnTime: z.number().nullable(),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const heatmapRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  cells: z.array(
    z.object({
      month: z.string(),
      people: z.number().int().nullable(),
      onCadence: z.number().nullable(),
      isHidden: z.boolean(),
    }),
  ),
});
export type HeatmapRow = z.infer<typeof heatmapRowSchema>;

export const coverageSchema = z.object({
  scope: z.object({
    kind: z.enum(['subtree', 'organisation']),
    root: personRefSchema.nullable(),
    label: z.string(),
  }),
  generatedAt: timestampSchema,
  windowStart: isoDateSchema,
  minimumGroupSize: z.number().int(),
  isHidden: z.boolean(),
  totals: metricsSchema.nullable(),
  /** One page of the teams (see `offset` and `limit`), in label order. */
  groups: z.array(coverageGroupSchema),
  /** How many rows `groups` has in all, across pages (the pooled row included). */
  groupsTotal: z.number().int(),
  trend: z.array(trendPointSchema),
  heatmap: z.object({ months: z.array(z.string()), rows: z.array(heatmapRowSchema) }),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const COVERAGE_PAGE_LIMIT = 1000;

/** Teams per page of the dashboard: a large organisation has thousands (ADR 092). */
export const DASHBOARD_TEAMS_PER_PAGE = 25;

export const coverageQuerySchema = z.object({
  /** Narrow to the subtree of one manager inside what the viewer may see. */
  managerId: idSchema.optional(),
  /**
   * A page of the teams (and their heatmap rows): a very large organisation has thousands of
   * teams; totals and trend always cover the whole scope.
   */
  offset: z.coerce
    .number()
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be at least 0' })
    .default(0),
  limit: z.coerce
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(COVERAGE_PAGE_LIMIT, { message: `must be at most ${COVERAGE_PAGE_LIMIT}` })
    .default(COVERAGE_PAGE_LIMIT),
});
/** Routes pass the parsed query; services also accept a partial one (defaults applied). */
export type CoverageQuery = Partial<z.output<typeof coverageQuerySchema>>;

export const groupKeyParamSchema = z.object({
  key: z.union([idSchema, z.literal('other')], { message: 'must be a manager id or "other"' }),
});

export const coveragePersonSchema = z.object({
  person: personRefSchema.extend({ title: z.string() }),
  manager: personRefSchema,
  managerSince: isoDateSchema,
  lastConversation: z.object({ kind: visibleKindSchema, heldAt: timestampSchema }).nullable(),
  isOnCadence: z.boolean(),
  obligations: z.array(
    z.object({ kind: obligationKindSchema, dueAt: timestampSchema, state: obligationStateSchema }),
  ),
  contract: z
    .object({
      status: contractStatusSchema,
      lastReviewedAt: timestampSchema.nullable(),
      isStale: z.boolean(),
    })
    .nullable(),
});
export type CoveragePerson = z.infer<typeof coveragePersonSchema>;

export const coverageGroupPeopleSchema = z.object({
  group: z.object({ key: z.string(), label: z.string() }),
  people: z.array(coveragePersonSchema),
});
export type CoverageGroupPeople = z.infer<typeof coverageGroupPeopleSchema>;

/* ---------- reminders, mail and calendar ---------- */

export const REMINDER_KINDS = [
  'engineer_prep',
  'manager_prep',
  'summary',
  'acknowledgement',
  'plan_check',
  'weekly_digest',
  'calendar_invites',
] as const;
export const reminderKindSchema = z.enum(REMINDER_KINDS);
export type ReminderKind = z.infer<typeof reminderKindSchema>;

export const reminderPreferencesSchema = z.object({
  items: z.array(z.object({ kind: reminderKindSchema, isEnabled: z.boolean() })),
});
export type ReminderPreferences = z.infer<typeof reminderPreferencesSchema>;

export const updateReminderPreferencesSchema = z
  .object(
    Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, z.boolean().optional()])) as Record<
      ReminderKind,
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .strict();
export type UpdateReminderPreferences = z.infer<typeof updateReminderPreferencesSchema>;

export const mailSettingsSchema = z.object({
  /** Every message carries links only, even the pair's own summary. */
  isLinkOnly: z.boolean(),
  isSmtpConfigured: z.boolean(),
  /** Send it back as `baseVersion` (or If-Match) when saving (ADR 080); 0 before the first save. */
  version: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const updateMailSettingsSchema = z
  .object({ isLinkOnly: z.boolean(), baseVersion: baseVersionSchema })
  .strict();
export type UpdateMailSettings = z.infer<typeof updateMailSettingsSchema>;

export const outboxMessageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  to: z.string(),
  recipient: personRefSchema.nullable(),
  subject: z.string(),
  /** Null when the message carries a pair's own content, which an admin does not read. */
  body: z.string().nullable(),
  status: z.enum(['sent', 'queued', 'retrying']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxListSchema = z.object({
  isSmtpConfigured: z.boolean(),
  counts: z.object({
    queued: z.number().int(),
    retrying: z.number().int(),
    sent: z.number().int(),
  }),
  items: z.array(outboxMessageSchema),
});
export type OutboxList = z.infer<typeof outboxListSchema>;

export const outboxQuerySchema = z.object({
  status: z.enum(['all', 'unsent', 'sent']).default('all'),
});

export const calendarFeedSchema = z.object({
  /** The secret address to subscribe to, or null when the person has none. */
  url: z.string().nullable(),
  createdAt: timestampSchema.nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

export const feedTokenParamSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,200}(\.ics)?$/, { message: 'is not a feed address' }),
});
