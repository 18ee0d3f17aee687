import type {
  CadenceContract,
  CadenceConversation,
  CadenceHistory,
} from '../../../shared/cadence/cadence.ts';
import { instantMs as ms, isoInstant } from '../../../shared/cadence/instants.ts';
import { MINUTE_MS, toIsoDate } from '../../clock.ts';
import type { ContractSummary } from '../contracts/contract-summaries.ts';
import type { ConversationFactsRow, LineRow } from './cadence-history.repository.ts';

/*
 * Pure translation from stored facts to the engine's input, as things stood at an instant. The
 * dashboards replay the past month by month through the same engine, so nothing here decides a
 * due date: it only says which conversations existed, were held or were cancelled at that time.
 */

/** The reporting line in force for a person on a date, if any. */
export function lineOn(lines: readonly LineRow[], date: string): LineRow | undefined {
  return lines.find((l) => l.startsOn <= date && (l.endsOn === null || l.endsOn > date));
}

/** A row's instants in milliseconds (−∞ for none, so "at or before" holds) and scheduled end. */
interface FactTimes {
  created: number;
  completed: number;
  cancelled: number;
  summarySent: number;
  responded: number;
  scheduledEnd: string;
}

/**
 * Worked out once per row rather than at every month a dashboard replays: rows are read from
 * the database for one request and never changed, so the row itself is the key.
 */
const timesOfRows = new WeakMap<ConversationFactsRow, FactTimes>();
const msOrNone = (iso: string | null) => (iso === null ? -Infinity : ms(iso));

function timesOf(facts: ConversationFactsRow): FactTimes {
  let times = timesOfRows.get(facts);
  if (!times) {
    times = {
      created: ms(facts.createdAt),
      completed: msOrNone(facts.completedAt),
      cancelled: msOrNone(facts.cancelledAt),
      summarySent: msOrNone(facts.firstSummarySentAt),
      responded: msOrNone(facts.latestResponseAt),
      scheduledEnd: isoInstant(ms(facts.startsAt) + facts.durationMinutes * MINUTE_MS),
    };
    timesOfRows.set(facts, times);
  }
  return times;
}

/**
 * The first instant after `at` at which `historyAt` could say something else about the same
 * facts: a reporting line starting or ending, a conversation being created, held or cancelled, a
 * summary sent or answered (`Infinity` when none lies ahead).
 */
export function historyChangesAfter(
  input: { lines: readonly LineRow[]; conversations: readonly ConversationFactsRow[] },
  at: Date,
): number {
  const atMs = at.getTime();
  let next = Infinity;
  const consider = (instant: number) => {
    if (instant > atMs && instant < next) next = instant;
  };
  for (const line of input.lines) {
    consider(ms(line.startsOn));
    if (line.endsOn) consider(ms(line.endsOn));
  }
  for (const facts of input.conversations) {
    const times = timesOf(facts);
    consider(times.created);
    consider(times.completed);
    consider(times.cancelled);
    consider(times.summarySent);
    consider(times.responded);
  }
  return next;
}

/** A conversation as the engine sees it at `at`; null when it did not exist yet. */
export function conversationAt(facts: ConversationFactsRow, at: Date): CadenceConversation | null {
  const atMs = at.getTime();
  const times = timesOf(facts);
  if (times.created > atMs) return null;
  const scheduledEnd = times.scheduledEnd;
  const isHeld = facts.status === 'completed' && times.completed <= atMs;
  const isCancelled = !isHeld && facts.status === 'cancelled' && times.cancelled <= atMs;
  const heldEnd = facts.completedAt ?? scheduledEnd;
  const summarySentAt =
    isHeld && facts.firstSummarySentAt && times.summarySent <= atMs
      ? facts.firstSummarySentAt
      : null;
  // Asking for an amendment is the engineer's answer too: the next move is the manager's.
  const acknowledgedAt =
    summarySentAt && facts.latestResponseAt && times.responded <= atMs
      ? facts.latestResponseAt
      : null;
  return {
    id: facts.id,
    kind: facts.kind,
    managerId: facts.managerId,
    status: isHeld ? 'held' : isCancelled ? 'cancelled' : 'scheduled',
    startsAt: facts.startsAt,
    endsAt: isHeld ? heldEnd : scheduledEnd,
    isEngineerPrepDone: facts.hasEngineerPrep,
    isManagerPrepDone: facts.hasManagerPrep,
    summarySentAt,
    acknowledgedAt,
  };
}

/** The contract as the engine needs it: only an active plan creates monthly checks. */
export function contractForEngine(summary: ContractSummary | undefined): CadenceContract | null {
  if (!summary) return null;
  if (summary.status === 'active' && summary.activeSince)
    return {
      status: 'active',
      activeSince: summary.activeSince,
      lastCheckInAt: summary.lastCheckInAt,
    };
  if (summary.status === 'completed' || summary.status === 'superseded')
    return {
      status: 'closed',
      activeSince: summary.activeSince ?? '1970-01-01',
      lastCheckInAt: null,
    };
  return {
    status: summary.status,
    activeSince: summary.activeSince ?? '1970-01-01',
    lastCheckInAt: summary.lastCheckInAt,
  };
}

/**
 * One engineer's history at an instant: the reporting line then in force and the conversations
 * that existed then. `contract` is only known for the present, so callers replaying the past pass null.
 */
export function historyAt(input: {
  lines: readonly LineRow[];
  conversations: readonly ConversationFactsRow[];
  contract: ContractSummary | undefined;
  at: Date;
}): CadenceHistory {
  const line = lineOn(input.lines, toIsoDate(input.at));
  return {
    managerId: line?.managerId ?? null,
    managerSince: line?.startsOn ?? null,
    conversations: input.conversations
      .map((c) => conversationAt(c, input.at))
      .filter((c): c is CadenceConversation => c !== null),
    contract: contractForEngine(input.contract),
  };
}
