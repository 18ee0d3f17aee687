import { z } from 'zod';
import {
  baseVersionSchema,
  idSchema,
  isoDateSchema,
  optionalText,
  requiredText,
  timestampSchema,
} from './common.ts';

/** The development contract (DESIGN §2.5): statuses, parts, goals, commitments, check-ins. */
export const contractStatuses = ['draft', 'active', 'paused', 'completed', 'superseded'] as const;
export const contractStatusSchema = z.enum(contractStatuses);
export type ContractStatus = z.infer<typeof contractStatusSchema>;

export const reviewCadences = [
  'monthly',
  'every_two_months',
  'quarterly',
  'every_six_months',
] as const;
export const reviewCadenceSchema = z.enum(reviewCadences, { message: 'is required' });
export type ReviewCadence = z.infer<typeof reviewCadenceSchema>;

export const checkInStatuses = ['on_track', 'at_risk', 'off_track'] as const;
export const checkInStatusSchema = z.enum(checkInStatuses, {
  message: 'must be on track, at risk or off track',
});
export type CheckInStatus = z.infer<typeof checkInStatusSchema>;

/** Outcomes a contract in force can be given; `active` resumes a paused one. */
export const contractOutcomeStatusSchema = z.enum(['completed', 'paused', 'superseded', 'active'], {
  message: 'must be completed, paused, superseded or active',
});
export type ContractOutcomeStatus = z.infer<typeof contractOutcomeStatusSchema>;

/** A required date: says "is required" when absent, and how to write it when malformed. */
const requiredDate = z
  .string({ message: 'is required: a date like 2026-01-31' })
  .pipe(isoDateSchema);

/**
 * A sentence end followed by a new sentence: terminal punctuation, a space, then a capital or a
 * digit — but not after common abbreviations ("e.g. the API" stays one sentence).
 */
const SENTENCE_BREAK =
  /(?<!\b(?:e\.g|i\.e|etc|vs|cf|Mr|Ms|Mrs|Dr|St|approx))[.!?]+["')\]]*\s+[\p{Lu}\p{N}]/u;

/** True when the text reads as one sentence (no line break, no sentence end followed by more). */
export function isOneSentence(text: string): boolean {
  const trimmed = text.trim();
  return !/[\r\n]/.test(trimmed) && !SENTENCE_BREAK.test(trimmed);
}

/** Commitments that name no action. Only a commitment that is nothing but one of these is refused. */
const VAGUE = new Set([
  'try harder',
  'work harder',
  'do better',
  'do my best',
  'improve',
  'be better',
  'step up',
  'give 110%',
]);

export function isVagueCommitment(text: string): boolean {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .replace(/^i will\s+/, '');
  return VAGUE.has(normalized);
}

export const contractGoalInputSchema = z
  .object({
    /** Kept across versions so commitments stay linked to "the same goal"; absent for a new goal. */
    id: idSchema.optional(),
    description: requiredText(500),
    successCriteria: requiredText(2000),
    supportNeeded: requiredText(2000),
    dueOn: requiredDate,
  })
  .strict();
export type ContractGoalInput = z.infer<typeof contractGoalInputSchema>;

const contractFieldsObject = z.object({
  developmentGoal: requiredText(300).refine(isOneSentence, {
    message: 'must be one sentence naming the capability',
  }),
  managerCommitment: requiredText(4000),
  engineerCommitment: requiredText(4000).refine((text) => !isVagueCommitment(text), {
    message: 'must name specific actions, not a general intention such as "try harder"',
  }),
  evidenceOfSuccess: requiredText(4000),
  reviewCadence: reviewCadenceSchema,
  nextReviewOn: requiredDate,
  caveat: optionalText(4000).default(''),
  isCaveatNoneKnown: z.boolean({ message: 'choose whether a caveat is known' }),
  notHere: optionalText(4000).default(''),
  transitionSupport: optionalText(4000).default(''),
  goals: z
    .array(contractGoalInputSchema)
    .min(2, { message: 'needs 2 or 3 goals' })
    .max(3, { message: 'needs 2 or 3 goals' }),
  changeNote: optionalText(500).default(''),
});

type FieldsShape = z.infer<typeof contractFieldsObject>;

/** Rules across fields; each issue names the field a form should highlight. */
function checkFields(value: FieldsShape, ctx: z.RefinementCtx): void {
  if (!value.isCaveatNoneKnown && value.caveat === '')
    ctx.addIssue({
      code: 'custom',
      path: ['caveat'],
      message: 'is required: write what cannot be promised, or choose "none known"',
    });
  if (value.isCaveatNoneKnown && value.caveat !== '')
    ctx.addIssue({
      code: 'custom',
      path: ['caveat'],
      message: 'must be empty when "none known" is chosen',
    });
  if (value.transitionSupport !== '' && value.notHere === '')
    ctx.addIssue({
      code: 'custom',
      path: ['notHere'],
      message: 'is required when transition support is offered: say what is not available here',
    });
  const ids = value.goals.flatMap((goal) => (goal.id ? [goal.id] : []));
  if (new Set(ids).size !== ids.length)
    ctx.addIssue({ code: 'custom', path: ['goals'], message: 'has the same goal twice' });
}

/** The six parts, 2–3 goals and the honest "not here": what every version holds. */
export const contractFieldsSchema = contractFieldsObject.strict().superRefine(checkFields);
export type ContractFields = z.output<typeof contractFieldsSchema>;
export type ContractFieldsInput = z.input<typeof contractFieldsSchema>;

export const createContractSchema = contractFieldsObject
  .extend({ sourceConversationId: idSchema.nullable().default(null) })
  .strict()
  .superRefine(checkFields);
export type CreateContract = z.output<typeof createContractSchema>;

/** A new version: the fields plus the version it was based on (ADR 080: 428 without, 409 stale). */
export const saveContractSchema = contractFieldsObject
  .extend({
    baseVersion: baseVersionSchema,
  })
  .strict()
  .superRefine(checkFields);
export type SaveContract = z.output<typeof saveContractSchema>;

export const agreeContractSchema = z
  .object({
    version: z
      .number({ message: 'must be the version you agree to' })
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be at least 1' }),
  })
  .strict();
export type AgreeContract = z.infer<typeof agreeContractSchema>;

export const createCheckInSchema = z
  .object({ status: checkInStatusSchema, note: requiredText(2000) })
  .strict();
export type CreateCheckIn = z.infer<typeof createCheckInSchema>;

export const contractOutcomeSchema = z
  .object({ status: contractOutcomeStatusSchema, note: optionalText(2000).default('') })
  .strict()
  .superRefine((value, ctx) => {
    if (value.status !== 'active' && value.note === '')
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'is required: say in a sentence how it ended or why it pauses',
      });
  });
export type ContractOutcome = z.output<typeof contractOutcomeSchema>;

export const createCommitmentSchema = z
  .object({
    owner: z.enum(['engineer', 'manager'], { message: 'must be engineer or manager' }),
    text: requiredText(1000),
    dueOn: requiredDate,
    goalId: idSchema.nullable().default(null),
  })
  .strict();
export type CreateCommitment = z.output<typeof createCommitmentSchema>;

/** The new manager takes a handed-over commitment on, as it is or renegotiated. */
export const takeOverCommitmentSchema = z
  .object({ text: requiredText(1000).optional(), dueOn: isoDateSchema.optional() })
  .strict();
export type TakeOverCommitment = z.infer<typeof takeOverCommitmentSchema>;

export const commitmentListQuerySchema = z.object({
  view: z.enum(['owed', 'promised'], { message: 'must be owed or promised' }),
});
export type CommitmentListQuery = z.infer<typeof commitmentListQuerySchema>;

export const writeHandoverSchema = z.object({ note: requiredText(4000) }).strict();
export type WriteHandover = z.infer<typeof writeHandoverSchema>;

export const exportQuerySchema = z.object({
  format: z.enum(['markdown', 'pdf'], { message: 'must be markdown or pdf' }),
});

const personRef = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof personRef>;

export const contractGoalSchema = z.object({
  id: z.string(),
  description: z.string(),
  successCriteria: z.string(),
  supportNeeded: z.string(),
  dueOn: z.string(),
});
export type ContractGoal = z.infer<typeof contractGoalSchema>;

export const contractVersionSchema = z.object({
  version: z.number().int(),
  developmentGoal: z.string(),
  managerCommitment: z.string(),
  engineerCommitment: z.string(),
  evidenceOfSuccess: z.string(),
  reviewCadence: reviewCadenceSchema,
  nextReviewOn: z.string(),
  caveat: z.string(),
  isCaveatNoneKnown: z.boolean(),
  notHere: z.string(),
  transitionSupport: z.string(),
  goals: z.array(contractGoalSchema),
  changeNote: z.string(),
  savedBy: personRef.nullable(),
  savedAt: timestampSchema,
  engineerAgreedAt: timestampSchema.nullable(),
  managerAgreedAt: timestampSchema.nullable(),
  managerAgreedBy: personRef.nullable(),
  isAgreed: z.boolean(),
});
export type ContractVersion = z.infer<typeof contractVersionSchema>;

export const commitmentSchema = z.object({
  id: z.string(),
  contractId: z.string().nullable(),
  goalId: z.string().nullable(),
  conversationId: z.string().nullable(),
  engineer: personRef,
  manager: personRef,
  owner: z.enum(['engineer', 'manager']),
  text: z.string(),
  dueOn: z.string().nullable(),
  isDone: z.boolean(),
  doneAt: timestampSchema.nullable(),
  isOverdue: z.boolean(),
  /** A manager commitment made by a manager the engineer no longer reports to. */
  isAwaitingTakeOver: z.boolean(),
  handedOverFrom: personRef.nullable(),
  handedOverAt: timestampSchema.nullable(),
  abilities: z.object({ update: z.boolean(), takeOver: z.boolean() }),
});
export type Commitment = z.infer<typeof commitmentSchema>;
export const commitmentListSchema = z.object({ items: z.array(commitmentSchema) });
export type CommitmentList = z.infer<typeof commitmentListSchema>;

export const checkInSchema = z.object({
  id: z.string(),
  status: checkInStatusSchema,
  note: z.string(),
  author: personRef.nullable(),
  createdAt: timestampSchema,
});
export type CheckIn = z.infer<typeof checkInSchema>;

export const handoverSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  engineer: personRef,
  fromManager: personRef,
  toManager: personRef.nullable(),
  changeOn: z.string(),
  /** Null until written. */
  note: z.string().nullable(),
  writtenAt: timestampSchema.nullable(),
  engineerSeenAt: timestampSchema.nullable(),
  /** When the engineer shared it early; null until then. */
  releasedAt: timestampSchema.nullable(),
  /** From when the engineer's manager (after the change) can read it; null until written. */
  visibleToManagerFrom: timestampSchema.nullable(),
  /** Until when the outgoing manager may still write or change it. */
  writableUntil: z.string(),
  abilities: z.object({ write: z.boolean(), release: z.boolean() }),
});
export type Handover = z.infer<typeof handoverSchema>;
export const handoverListSchema = z.object({ items: z.array(handoverSchema) });
export type HandoverList = z.infer<typeof handoverListSchema>;

export const linkedConversationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  startsAt: timestampSchema,
});

export const contractSchema = z.object({
  id: z.string(),
  engineer: personRef,
  currentManager: personRef.nullable(),
  status: contractStatusSchema,
  sourceConversationId: z.string().nullable(),
  activeSince: timestampSchema.nullable(),
  nextReviewOn: z.string().nullable(),
  lastReviewedAt: timestampSchema.nullable(),
  lastCheckInAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  outcomeNote: z.string().nullable(),
  outcomeBy: personRef.nullable(),
  createdAt: timestampSchema,
  /** The current version number (ADR 080's record version). */
  version: z.number().int(),
  /** The latest version both sides agreed to, if any. */
  agreedVersion: z.number().int().nullable(),
  versions: z.array(contractVersionSchema),
  commitments: z.array(commitmentSchema),
  checkIns: z.array(checkInSchema),
  /** The monthly check-in while active: when the next one is due. */
  checkInDueOn: z.string().nullable(),
  isCheckInOverdue: z.boolean(),
  linkedConversations: z.array(linkedConversationSchema),
  handovers: z.array(handoverSchema),
  abilities: z.object({
    edit: z.boolean(),
    agree: z.boolean(),
    checkIn: z.boolean(),
    close: z.boolean(),
    export: z.boolean(),
  }),
});
export type Contract = z.infer<typeof contractSchema>;

/** What leaders and admins may see (C1): existence, status, review dates. */
export const contractMetaSchema = z.object({
  id: z.string(),
  engineer: personRef,
  status: contractStatusSchema,
  activeSince: timestampSchema.nullable(),
  nextReviewOn: z.string().nullable(),
  lastReviewedAt: timestampSchema.nullable(),
  lastCheckInAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  abilities: z.object({ read: z.boolean() }),
});
export type ContractMeta = z.infer<typeof contractMetaSchema>;
export const contractMetaListSchema = z.object({
  items: z.array(contractMetaSchema),
  abilities: z.object({ create: z.boolean() }),
});
export type ContractMetaList = z.infer<typeof contractMetaListSchema>;

export const reviewCadenceLabels: Record<ReviewCadence, string> = {
  monthly: 'Every month',
  every_two_months: 'Every two months',
  quarterly: 'Every quarter',
  every_six_months: 'Every six months',
};

/** The contract as the manager's prep context shows it (C3: the current manager only). */
export const prepContractSchema = z.object({
  id: z.string(),
  status: contractStatusSchema,
  version: z.number().int(),
  agreedVersion: z.number().int().nullable(),
  developmentGoal: z.string(),
  caveat: z.string(),
  isCaveatNoneKnown: z.boolean(),
  nextReviewOn: z.string().nullable(),
  checkInDueOn: z.string().nullable(),
  isCheckInOverdue: z.boolean(),
  lastCheckIn: checkInSchema.nullable(),
  goals: z.array(contractGoalSchema),
  openCommitments: z.array(commitmentSchema),
});
export type PrepContract = z.infer<typeof prepContractSchema>;
