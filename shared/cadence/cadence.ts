import { z } from 'zod';
import { instantMs as at, isoInstant as iso } from './instants.ts';

/**
 * The cadence engine (DESIGN §3): one pure function from a pair's history, the organisation's
 * policy and the current instant to the obligations that follow. Dashboards, reminders, calendar
 * feeds and "what's next" all read due dates from here and from nowhere else.
 */

export const CONVERSATION_KINDS = [
  'initial',
  'where_now',
  'where_to',
  'close_gap',
  'quarterly',
  'promotion',
  'performance',
  'event',
] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

const days = (fallback: number, max = 730) =>
  z
    .number()
    .int({ message: 'must be a whole number of days' })
    .min(1, { message: 'must be at least 1 day' })
    .max(max, { message: `must be at most ${max} days` })
    .default(fallback);

export const cadencePolicySchema = z
  .object({
    initialWithinDays: days(14, 90),
    quarterlyEveryDays: days(91, 365),
    annualEveryDays: days(365),
    planCheckEveryDays: days(30, 180),
    prepLeadDays: days(4, 30),
    summaryWithinHours: z.number().int().min(1).max(336).default(24),
    acknowledgeWithinDays: days(7, 60),
    staleAfterDays: days(60, 365),
    dueSoonDays: days(7, 60),
  })
  .strict();
export type CadencePolicy = z.output<typeof cadencePolicySchema>;
export const defaultCadencePolicy: CadencePolicy = cadencePolicySchema.parse({});

/** What the engine needs to know about one engineer and their current manager. */
export interface CadenceHistory {
  /** The current manager, or null when the engineer reports to nobody. */
  managerId: string | null;
  /** First day (`YYYY-MM-DD`) of the current reporting line. */
  managerSince: string | null;
  conversations: readonly CadenceConversation[];
  contract: CadenceContract | null;
}

export interface CadenceConversation {
  id: string;
  kind: ConversationKind;
  managerId: string;
  status: 'scheduled' | 'held' | 'cancelled';
  startsAt: string;
  endsAt: string;
  isEngineerPrepDone: boolean;
  isManagerPrepDone: boolean;
  summarySentAt: string | null;
  acknowledgedAt: string | null;
}

export interface CadenceContract {
  status: 'draft' | 'active' | 'paused' | 'closed';
  activeSince: string;
  lastCheckInAt: string | null;
}

export const OBLIGATION_KINDS = [
  'initial_conversation',
  'quarterly_conversation',
  'annual_conversation',
  'plan_check',
  'engineer_prep',
  'manager_prep',
  'summary',
  'acknowledgement',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export type ObligationState = 'upcoming' | 'due' | 'overdue' | 'done';

export interface Obligation {
  kind: ObligationKind;
  owner: 'engineer' | 'manager';
  dueAt: string;
  state: ObligationState;
  /** Why it exists, in a sentence a person understands. */
  reason: string;
  /** The conversation it concerns: the one that satisfies it when scheduled, or the one it follows. */
  conversationId: string | null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const plusDays = (ms: number, n: number) => ms + n * DAY_MS;

/** Kinds that count as the regular progress review (the quarterly's job). */
const REVIEW_KINDS: ReadonlySet<ConversationKind> = new Set(['quarterly', 'close_gap']);

/** When the first conversation with a new manager is due: `initialWithinDays` after the line starts. */
export function initialDueAt(managerSince: string, policy: CadencePolicy): string {
  return iso(plusDays(at(managerSince), policy.initialWithinDays));
}

/** When a held conversation's summary is due: `summaryWithinHours` after it ended. */
export function summaryDueAt(endsAt: string, policy: CadencePolicy): string {
  return iso(at(endsAt) + policy.summaryWithinHours * HOUR_MS);
}

/** When the engineer's acknowledgement of a sent summary is due. */
export function acknowledgementDueAt(summarySentAt: string, policy: CadencePolicy): string {
  return iso(plusDays(at(summarySentAt), policy.acknowledgeWithinDays));
}

function stateOf(dueMs: number, nowMs: number, soonMs: number): ObligationState {
  if (nowMs > dueMs) return 'overdue';
  return nowMs >= dueMs - soonMs ? 'due' : 'upcoming';
}

/** The first instant after `nowMs` at which `stateOf` gives another answer (∞ once overdue). */
function nextStateChange(dueMs: number, nowMs: number, soonMs: number): number {
  if (nowMs > dueMs) return Infinity;
  return nowMs < dueMs - soonMs ? dueMs - soonMs : dueMs + 1;
}

/** The engine's answer, and the first instant at which the same history could give another. */
export interface ObligationsUntil {
  obligations: Obligation[];
  /** Milliseconds since the epoch (exclusive); `Infinity` when only new facts can change them. */
  untilMs: number;
}

/**
 * Obligations for one engineer on `now`, soonest first. With a manager there is always exactly one
 * initial (possibly done), one quarterly and one annual obligation; nothing falls due before the
 * reporting line started. Conversations with earlier managers do not count for the current pair.
 */
export function computeObligations(
  history: CadenceHistory,
  policy: CadencePolicy,
  now: Date,
): Obligation[] {
  return computeObligationsUntil(history, policy, now).obligations;
}

/**
 * `computeObligations`, also saying until when its answer holds if the history stays the same:
 * the first instant a state moves (upcoming → due → overdue) or a scheduled conversation's end
 * passes. Lets a caller keep the answer instead of running the engine again.
 */
export function computeObligationsUntil(
  history: CadenceHistory,
  policy: CadencePolicy,
  now: Date,
): ObligationsUntil {
  const nowMs = now.getTime();
  const soonMs = policy.dueSoonDays * DAY_MS;
  const obligations: Obligation[] = [];
  let untilMs = Infinity;
  const stateAt = (dueMs: number, windowMs: number) => {
    untilMs = Math.min(untilMs, nextStateChange(dueMs, nowMs, windowMs));
    return stateOf(dueMs, nowMs, windowMs);
  };
  const push = (o: Omit<Obligation, 'state'> & { state?: ObligationState }) =>
    obligations.push({ ...o, state: o.state ?? stateAt(at(o.dueAt), soonMs) });

  if (history.managerId && history.managerSince) {
    const sinceMs = at(history.managerSince);
    const pair = history.conversations.filter(
      (c) => c.managerId === history.managerId && at(c.startsAt) >= sinceMs,
    );
    const held = pair
      .filter((c) => c.status === 'held')
      .sort((a, b) => at(a.endsAt) - at(b.endsAt));
    const scheduled = pair
      .filter((c) => c.status === 'scheduled' && at(c.endsAt) >= nowMs)
      .sort((a, b) => at(a.startsAt) - at(b.startsAt));
    // A scheduled conversation stops counting as ahead once its end has passed.
    for (const c of scheduled) untilMs = Math.min(untilMs, at(c.endsAt) + 1);
    const lastHeld = (kinds: ReadonlySet<ConversationKind>) =>
      [...held].reverse().find((c) => kinds.has(c.kind));
    const nextScheduled = (kinds: ReadonlySet<ConversationKind>) =>
      scheduled.find((c) => kinds.has(c.kind));

    const initialDueMs = at(initialDueAt(history.managerSince, policy));
    const initialHeld = held.find((c) => c.kind === 'initial');
    const initialScheduled = nextScheduled(new Set(['initial']));
    push({
      kind: 'initial_conversation',
      owner: 'manager',
      dueAt: iso(initialDueMs),
      state: initialHeld ? 'done' : undefined,
      reason: initialHeld
        ? 'The first conversation with this manager was held.'
        : `A new manager holds a first career conversation within ${policy.initialWithinDays} days.`,
      conversationId: initialHeld?.id ?? initialScheduled?.id ?? null,
    });

    const lastReview = lastHeld(REVIEW_KINDS) ?? initialHeld;
    const quarterlyDueMs = plusDays(
      lastReview ? at(lastReview.endsAt) : initialDueMs,
      policy.quarterlyEveryDays,
    );
    push({
      kind: 'quarterly_conversation',
      owner: 'manager',
      dueAt: iso(quarterlyDueMs),
      reason: lastReview
        ? `Progress is reviewed every ${policy.quarterlyEveryDays} days; the last review was on ${iso(at(lastReview.endsAt)).slice(0, 10)}.`
        : `The first progress review falls ${policy.quarterlyEveryDays} days after the first conversation is due.`,
      conversationId: nextScheduled(new Set(['quarterly']))?.id ?? null,
    });

    // The full conversation ends with close_gap; until the first one, it is due by the first review.
    const lastFull = lastHeld(new Set(['close_gap']));
    const annualDueMs = lastFull
      ? plusDays(at(lastFull.endsAt), policy.annualEveryDays)
      : plusDays(initialDueMs, policy.quarterlyEveryDays);
    push({
      kind: 'annual_conversation',
      owner: 'manager',
      dueAt: iso(annualDueMs),
      reason: lastFull
        ? `The full conversation (where now, where to, closing the gap) comes round every ${policy.annualEveryDays} days.`
        : 'No full conversation (where now, where to, closing the gap) has been held with this manager yet.',
      conversationId: nextScheduled(new Set(['where_now', 'where_to', 'close_gap']))?.id ?? null,
    });

    for (const c of scheduled) {
      const startMs = at(c.startsAt);
      if (!c.isEngineerPrepDone) {
        push({
          kind: 'engineer_prep',
          owner: 'engineer',
          dueAt: c.startsAt,
          state: stateAt(startMs, policy.prepLeadDays * DAY_MS),
          reason: 'Answering the prep prompts before the conversation makes it yours.',
          conversationId: c.id,
        });
      }
      if (!c.isManagerPrepDone) {
        push({
          kind: 'manager_prep',
          owner: 'manager',
          dueAt: c.startsAt,
          state: stateAt(startMs, DAY_MS),
          reason: 'Review history, the framework and open promises before the conversation.',
          conversationId: c.id,
        });
      }
    }
  }

  // Summaries and acknowledgements follow each held conversation, whoever the manager is now.
  for (const c of history.conversations) {
    if (c.status !== 'held') continue;
    if (!c.summarySentAt) {
      const dueAt = summaryDueAt(c.endsAt, policy);
      push({
        kind: 'summary',
        owner: 'manager',
        dueAt,
        state: stateAt(at(dueAt), policy.summaryWithinHours * HOUR_MS),
        reason: `The summary goes out within ${policy.summaryWithinHours} hours of the conversation.`,
        conversationId: c.id,
      });
    } else if (!c.acknowledgedAt) {
      const dueMs = at(acknowledgementDueAt(c.summarySentAt, policy));
      push({
        kind: 'acknowledgement',
        owner: 'engineer',
        dueAt: iso(dueMs),
        state: stateAt(dueMs, policy.acknowledgeWithinDays * DAY_MS),
        reason: 'Acknowledge the summary, or ask for a change, so both remember the same thing.',
        conversationId: c.id,
      });
    }
  }

  const contract = history.contract;
  if (contract?.status === 'active') {
    const anchor = Math.max(
      at(contract.activeSince),
      contract.lastCheckInAt ? at(contract.lastCheckInAt) : 0,
    );
    push({
      kind: 'plan_check',
      owner: 'engineer',
      dueAt: iso(plusDays(anchor, policy.planCheckEveryDays)),
      reason: `A short check on the development plan every ${policy.planCheckEveryDays} days while it is active.`,
      conversationId: null,
    });
  }

  obligations.sort((a, b) => at(a.dueAt) - at(b.dueAt) || a.kind.localeCompare(b.kind));
  return { obligations, untilMs };
}

/** "We talked about it once": an active plan nobody has referenced for the stale period. */
export function isPlanStale(lastReferencedAt: string, policy: CadencePolicy, now: Date): boolean {
  return now.getTime() - at(lastReferencedAt) > policy.staleAfterDays * DAY_MS;
}
