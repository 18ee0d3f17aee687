import { z } from 'zod';
import { remembered } from '../remembered.ts';
import {
  baseVersionSchema,
  idSchema,
  isoDateSchema,
  optionalText,
  requiredText,
  timestampSchema,
} from './common.ts';
import { prepContractSchema } from './contracts.ts';

/** The kinds of career conversation (DESIGN §2.1). */
export const conversationKinds = [
  'initial',
  'where_now',
  'where_to',
  'close_gap',
  'quarterly',
  'promotion',
  'performance',
  'event',
] as const;
export const conversationKindSchema = z.enum(conversationKinds);
export type ConversationKind = z.infer<typeof conversationKindSchema>;

/** What people outside the pair see: `performance` is shown as a neutral `check_in`. */
export const visibleKindSchema = z.enum([...conversationKinds, 'check_in']);
export type VisibleKind = z.infer<typeof visibleKindSchema>;

export function neutralKindOf(kind: ConversationKind): VisibleKind {
  return kind === 'performance' ? 'check_in' : kind;
}

export const conversationStatusSchema = z.enum(['proposed', 'confirmed', 'completed', 'cancelled']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

/**
 * Where the written summary stands (C1): not due before the conversation ends, due within the
 * cadence policy's summary window after (24 hours by default), then overdue; once sent it is awaiting the engineer, acknowledged, or asked to change.
 */
export const summaryStatusSchema = z.enum([
  'not_due',
  'due',
  'overdue',
  'sent',
  'acknowledged',
  'amendment_requested',
  'not_needed',
]);
export type SummaryStatus = z.infer<typeof summaryStatusSchema>;

const personRef = z.object({ id: z.string(), name: z.string() });

export const kindInfoSchema = z.object({
  kind: conversationKindSchema,
  label: z.string(),
  purpose: z.string(),
  defaultMinutes: z.number().int(),
  cadence: z.string(),
});
export type KindInfo = z.infer<typeof kindInfoSchema>;
export const kindInfoListSchema = z.object({ items: z.array(kindInfoSchema) });

/** One start instant shown in one participant's time zone. */
export const localStartSchema = z.object({
  personId: z.string(),
  timezone: z.string(),
  display: z.string(),
});
export type LocalStart = z.infer<typeof localStartSchema>;

export const conversationEventSchema = z.object({
  action: z.enum(['proposed', 'confirmed', 'rescheduled', 'cancelled', 'completed']),
  actor: personRef.nullable(),
  startsAt: timestampSchema,
  durationMinutes: z.number().int(),
  reason: z.string(),
  at: timestampSchema,
});
export type ConversationEvent = z.infer<typeof conversationEventSchema>;

export const conversationAbilitiesSchema = z.object({
  readRecord: z.boolean(),
  reschedule: z.boolean(),
  confirm: z.boolean(),
  cancel: z.boolean(),
  complete: z.boolean(),
  edit: z.boolean(),
  prepare: z.boolean(),
  managerPrep: z.boolean(),
  sendSummary: z.boolean(),
  respondToSummary: z.boolean(),
});
export type ConversationAbilities = z.infer<typeof conversationAbilitiesSchema>;

/**
 * A conversation. `access` says which view the caller gets: `participant` (the pair: C1 and C2)
 * or `metadata` (leaders and admins: C1 only, every C2 field null and the kind neutral).
 */
export const conversationSchema = z.object({
  id: z.string(),
  access: z.enum(['participant', 'metadata']),
  kind: visibleKindSchema,
  status: conversationStatusSchema,
  engineer: personRef,
  manager: personRef,
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  durationMinutes: z.number().int(),
  localStarts: z.array(localStartSchema),
  summaryStatus: summaryStatusSchema,
  summaryDueAt: timestampSchema.nullable(),
  isAcknowledged: z.boolean(),
  place: z.string().nullable(),
  agenda: z.string().nullable(),
  proposedBy: personRef.nullable(),
  bankVersion: z.number().int().nullable(),
  /** The development contract it produced or reviews (the pair only). */
  contractId: z.string().nullable(),
  history: z.array(conversationEventSchema).nullable(),
  abilities: conversationAbilitiesSchema,
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({ items: z.array(conversationSchema) });
export type ConversationList = z.infer<typeof conversationListSchema>;

/** An instant in a query, normalised to UTC so both engines compare it the same way. */
const instantQuerySchema = z.iso
  .datetime({ offset: true, message: 'must be an instant like 2026-03-10T14:00:00Z' })
  .transform((value) => new Date(value).toISOString());

export const conversationListQuerySchema = z.object({
  engineerId: idSchema.optional(),
  status: conversationStatusSchema.optional(),
  from: instantQuerySchema.optional(),
  to: instantQuerySchema.optional(),
});
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;

const instantSchema = z.iso.datetime({
  offset: true,
  message: 'must be an instant like 2026-03-10T14:00:00Z',
});
const durationSchema = z
  .number()
  .int({ message: 'must be a whole number of minutes' })
  .min(10, { message: 'must be at least 10 minutes' })
  .max(240, { message: 'must be at most 240 minutes' });

export const createConversationSchema = z
  .object({
    engineerId: idSchema,
    kind: conversationKindSchema,
    startsAt: instantSchema,
    durationMinutes: durationSchema.optional(),
    place: optionalText(500).default(''),
    agenda: optionalText(5000).default(''),
  })
  .strict();
export type CreateConversation = z.output<typeof createConversationSchema>;

export const updateConversationSchema = z
  .object({
    startsAt: instantSchema,
    durationMinutes: durationSchema,
    place: optionalText(500),
    agenda: optionalText(5000),
    reason: optionalText(1000),
  })
  .partial()
  .strict();
export type UpdateConversation = z.infer<typeof updateConversationSchema>;

export const cancelConversationSchema = z
  .object({ reason: optionalText(1000).default('') })
  .strict();

/* ---------- question banks and guides ---------- */

export const promptSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, { message: 'must be 1–40 lowercase letters, digits, - or _' }),
  text: requiredText(600),
});
export type Prompt = z.infer<typeof promptSchema>;

export const guideSectionSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, { message: 'must be 1–40 lowercase letters, digits, - or _' }),
  title: requiredText(120),
  minutes: z.number().int().min(1).max(120).nullable(),
  prompts: z.array(requiredText(600)).min(1, { message: 'needs at least one prompt' }),
});
export type GuideSection = z.infer<typeof guideSectionSchema>;

export const questionBankContentSchema = z
  .object({
    engineerPrompts: z
      .array(promptSchema)
      .min(3, { message: 'needs at least 3 prompts' })
      .max(30, { message: 'must have at most 30 prompts' }),
    managerGuide: z
      .array(guideSectionSchema)
      .min(1, { message: 'needs at least one section' })
      .max(10),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.engineerPrompts.forEach((prompt, index) => {
      if (seen.has(prompt.key))
        ctx.addIssue({
          code: 'custom',
          path: ['engineerPrompts', index, 'key'],
          message: `key "${prompt.key}" is used twice`,
        });
      seen.add(prompt.key);
    });
  });
export type QuestionBankContent = z.infer<typeof questionBankContentSchema>;

export const questionBankSchema = questionBankContentSchema.safeExtend({
  kind: conversationKindSchema,
  version: z.number().int(),
  createdAt: timestampSchema,
  versions: z.array(z.number().int()),
  abilities: z.object({ update: z.boolean() }),
});
export type QuestionBank = z.infer<typeof questionBankSchema>;

export const questionBankQuerySchema = z.object({
  version: z.coerce.number().int().min(1).optional(),
});

export const kindParamSchema = z.object({ kind: conversationKindSchema });

export const listeningSignalSchema = z.object({
  key: z.string(),
  signal: z.string(),
  whatItMayMean: z.string(),
  question: z.string(),
});
export const listeningGuideSchema = z.object({
  intro: z.string(),
  signals: z.array(listeningSignalSchema),
});
export type ListeningGuide = z.infer<typeof listeningGuideSchema>;

export const conversationGuideSchema = z.object({
  kind: conversationKindSchema,
  bankVersion: z.number().int(),
  purpose: z.string(),
  talkingShare: z.string(),
  sections: z.array(guideSectionSchema),
  listening: listeningGuideSchema,
});
export type ConversationGuide = z.infer<typeof conversationGuideSchema>;

/* ---------- engineer prep ---------- */

export const prepAnswerSchema = z.object({
  key: z.string(),
  prompt: z.string(),
  answer: z.string(),
  isShared: z.boolean(),
  sharedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema.nullable(),
});
export type PrepAnswer = z.infer<typeof prepAnswerSchema>;

export const prepSchema = z.object({
  conversationId: z.string(),
  bankVersion: z.number().int(),
  /** The engineer sees every prompt with their drafts; the manager sees shared answers only. */
  items: z.array(prepAnswerSchema),
  abilities: z.object({ answer: z.boolean(), share: z.boolean() }),
});
export type Prep = z.infer<typeof prepSchema>;

export const prepKeyParamSchema = z.object({
  id: idSchema,
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/, { message: 'must be a prompt key' }),
});
export const savePrepAnswerSchema = z.object({ answer: optionalText(10000) }).strict();
export const sharePrepSchema = z
  .object({
    keys: z
      .array(z.string().regex(/^[a-z0-9_-]{1,40}$/))
      .min(1, { message: 'name at least one prompt' })
      .optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((value) => (value.keys === undefined) !== (value.all === undefined), {
    message: 'send either keys or all: true',
    path: ['keys'],
  });
export type SharePrep = z.infer<typeof sharePrepSchema>;

/* ---------- manager prep and context ---------- */

export const managerChecklistSchema = z.object({
  hasReviewedWork: z.boolean(),
  hasAssessedFramework: z.boolean(),
  hasIdentifiedOpportunities: z.boolean(),
  hasTalkingPoints: z.boolean(),
});
export type ManagerChecklist = z.infer<typeof managerChecklistSchema>;

export const updateManagerPrepSchema = managerChecklistSchema
  .extend({ talkingPoints: optionalText(10000) })
  .partial()
  .strict();
export type UpdateManagerPrep = z.infer<typeof updateManagerPrepSchema>;

export const actionItemOwnerSchema = z.enum(['engineer', 'manager']);
export type ActionItemOwner = z.infer<typeof actionItemOwnerSchema>;

export const actionItemSchema = z.object({
  id: z.string(),
  conversationId: z.string().nullable(),
  engineer: personRef,
  manager: personRef,
  owner: actionItemOwnerSchema,
  text: z.string(),
  dueOn: z.string().nullable(),
  isDone: z.boolean(),
  doneAt: timestampSchema.nullable(),
  isOverdue: z.boolean(),
  createdAt: timestampSchema,
  abilities: z.object({ update: z.boolean() }),
});
export type ActionItem = z.infer<typeof actionItemSchema>;
export const actionItemListSchema = z.object({ items: z.array(actionItemSchema) });

export const createActionItemSchema = z
  .object({
    owner: actionItemOwnerSchema,
    text: requiredText(1000),
    dueOn: isoDateSchema.nullable().default(null),
  })
  .strict();
export type CreateActionItem = z.output<typeof createActionItemSchema>;

export const updateActionItemSchema = z
  .object({
    owner: actionItemOwnerSchema,
    text: requiredText(1000),
    dueOn: isoDateSchema.nullable(),
    isDone: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateActionItem = z.infer<typeof updateActionItemSchema>;

export const actionItemListQuerySchema = z.object({
  engineerId: idSchema.optional(),
  isOpen: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type ActionItemListQuery = z.infer<typeof actionItemListQuerySchema>;

export const summaryFieldsSchema = z.object({
  discussed: optionalText(20000),
  goals: optionalText(10000),
  managerActions: optionalText(10000),
  engineerActions: optionalText(10000),
  nextCheckInOn: isoDateSchema.nullable(),
});
export type SummaryFields = z.infer<typeof summaryFieldsSchema>;

export const earlierSummarySchema = summaryFieldsSchema.extend({
  conversationId: z.string(),
  kind: conversationKindSchema,
  heldAt: timestampSchema,
  version: z.number().int(),
  sentAt: timestampSchema,
});

/**
 * Everything the manager needs on one screen before a conversation. `ladderSyncUp`, `contract`
 * and the What Matters entry are extension points filled by those modules when they exist.
 */
export const prepContextSchema = z.object({
  earlierSummaries: z.array(earlierSummarySchema),
  lastSummary: earlierSummarySchema.nullable(),
  openActionItems: z.array(actionItemSchema),
  sharedPrep: z.array(prepAnswerSchema),
  whatMatters: z
    .object({
      id: z.string(),
      createdAt: timestampSchema,
      values: z.array(
        z.object({ value: z.string(), rank: z.number(), points: z.number(), note: z.string() }),
      ),
    })
    .nullable(),
  ladderSyncUp: z.null(),
  contract: prepContractSchema.nullable(),
});
export type PrepContext = z.infer<typeof prepContextSchema>;

export const managerPrepSchema = z.object({
  conversationId: z.string(),
  checklist: managerChecklistSchema,
  checklistItems: z.array(
    z.object({ key: z.string(), label: z.string(), minutes: z.number().int() }),
  ),
  talkingPoints: z.string(),
  updatedAt: timestampSchema.nullable(),
  context: prepContextSchema,
  abilities: z.object({ update: z.boolean() }),
});
export type ManagerPrep = z.infer<typeof managerPrepSchema>;

/* ---------- notes ---------- */

export const sharedNotesSchema = z.object({
  conversationId: z.string(),
  text: z.string(),
  version: z.number().int(),
  updatedAt: timestampSchema.nullable(),
  updatedBy: personRef.nullable(),
  abilities: z.object({ update: z.boolean() }),
});
export type SharedNotes = z.infer<typeof sharedNotesSchema>;

export const updateSharedNotesSchema = z
  .object({
    text: optionalText(100000),
    /** The version this edit started from; or send it as the If-Match header. */
    version: z.number().int().min(0).optional(),
  })
  .strict();
export type UpdateSharedNotes = z.infer<typeof updateSharedNotesSchema>;

export const staleNotesSchema = z.object({
  error: z.literal('stale_version'),
  message: z.string(),
  field: z.literal('version'),
  current: z.object({ text: z.string(), version: z.number().int() }),
});
export type StaleNotes = z.infer<typeof staleNotesSchema>;

export const privateNoteSchema = z.object({
  body: z.string(),
  updatedAt: timestampSchema.nullable(),
  notice: z.string(),
  abilities: z.object({ update: z.boolean() }),
});
export type PrivateNote = z.infer<typeof privateNoteSchema>;
export const updatePrivateNoteSchema = z.object({ body: optionalText(50000) }).strict();

/* ---------- summary ---------- */

export const summaryVersionSchema = summaryFieldsSchema.extend({
  version: z.number().int(),
  sentAt: timestampSchema,
  sentBy: personRef.nullable(),
});
export const summaryResponseSchema = z.object({
  version: z.number().int(),
  kind: z.enum(['acknowledged', 'amendment_requested']),
  comment: z.string(),
  author: personRef.nullable(),
  at: timestampSchema,
});
export const summarySchema = z.object({
  conversationId: z.string(),
  status: summaryStatusSchema,
  dueAt: timestampSchema.nullable(),
  /** The manager's working draft (drafted from the record until saved); null for the engineer. */
  draft: summaryFieldsSchema.nullable(),
  /** The draft's version: send it back as `baseVersion` (or If-Match) when saving (ADR 080). */
  draftVersion: z.number().int(),
  versions: z.array(summaryVersionSchema),
  responses: z.array(summaryResponseSchema),
  abilities: z.object({ editDraft: z.boolean(), send: z.boolean(), respond: z.boolean() }),
});
export type Summary = z.infer<typeof summarySchema>;

export const saveSummaryDraftSchema = summaryFieldsSchema
  .partial()
  .extend({ baseVersion: baseVersionSchema })
  .strict();
export type SaveSummaryDraft = z.infer<typeof saveSummaryDraftSchema>;

export const summaryResponseInputSchema = z
  .object({
    kind: z.enum(['acknowledged', 'amendment_requested']),
    comment: optionalText(5000).default(''),
  })
  .strict()
  .refine((value) => value.kind !== 'amendment_requested' || value.comment.length > 0, {
    message: 'say what should change',
    path: ['comment'],
  });
export type SummaryResponseInput = z.output<typeof summaryResponseInputSchema>;

/* ---------- time zones ---------- */

const startFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
function startFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = startFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    startFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The start of a conversation as a participant reads it in their own zone, with the UTC offset
 * in force on that day, e.g. "Tue 10 Mar 2026, 10:00 UTC-4". Pure, so the server, the web app
 * and tests agree; remembered, as lists show the same starts again and again.
 */
export function formatStartInZone(startsAt: string, timeZone: string): string {
  return formatStartRemembered(`${timeZone} ${startsAt}`);
}

// Keyed by "zone start": zone names (IANA) hold no spaces.
const formatStartRemembered = remembered((key: string) => {
  const space = key.indexOf(' ');
  return formatStartUncached(key.slice(space + 1), key.slice(0, space));
}, 10_000);

function formatStartUncached(startsAt: string, timeZone: string): string {
  const parts = startFormatIn(timeZone).formatToParts(new Date(startsAt));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName').replace(/^GMT(\+0)?/, 'UTC')}`;
}

/* ---------- timeline ---------- */

export const timelineItemTypes = [
  'conversation',
  'summary',
  'acknowledgement',
  'what_matters',
  'assessment',
] as const;
export const timelineItemTypeSchema = z.enum(timelineItemTypes);
export type TimelineItemType = z.infer<typeof timelineItemTypeSchema>;

export const timelineItemSchema = z.object({
  id: z.string(),
  type: timelineItemTypeSchema,
  at: timestampSchema,
  title: z.string(),
  detail: z.string().nullable(),
  conversationId: z.string().nullable(),
  /** Set on assessment items: the ladder sync-up to open. */
  assessmentId: z.string().nullable(),
  kind: visibleKindSchema.nullable(),
  status: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelineSchema = z.object({
  engineer: personRef,
  items: z.array(timelineItemSchema),
  lastSummary: summaryVersionSchema.extend({ conversationId: z.string() }).nullable(),
  openActionItems: z.array(actionItemSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

export const timelineQuerySchema = z.object({
  types: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return [...timelineItemTypes];
      const parts = value.split(',').map((part) => part.trim());
      for (const part of parts)
        if (!(timelineItemTypes as readonly string[]).includes(part)) {
          ctx.addIssue({ code: 'custom', message: `unknown type "${part}"` });
          return z.NEVER;
        }
      return parts as TimelineItemType[];
    }),
});
export type TimelineQuery = z.output<typeof timelineQuerySchema>;
