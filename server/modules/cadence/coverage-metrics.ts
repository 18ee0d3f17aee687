import { isPlanStale, OBLIGATION_KINDS, summaryDueAt } from '../../../shared/cadence/cadence.ts';
import type { CadencePolicy, Obligation, ObligationKind } from '../../../shared/cadence/cadence.ts';
import { instantMs as ms } from '../../../shared/cadence/instants.ts';
import type { Metrics, Ratio } from '../../../shared/schemas/cadence.ts';
import { DAY_MS, toIsoDate } from '../../clock.ts';
import { lineOn } from './cadence-history.ts';
import { obligationsAt } from './cadence-snapshots.ts';
import type { EngineerSnapshot } from './cadence-snapshots.ts';

/*
 * The coverage dashboard's numbers (C1 metadata only), computed from engine obligations and from
 * dates: which obligations are overdue, when conversations were held and summaries sent, when
 * commitments fell due and were ticked off. Pure, so the dashboard, the home page and the tests
 * agree. Definitions are in docs/cadence.md.
 */

const CONVERSATION_OBLIGATIONS: ReadonlySet<ObligationKind> = new Set([
  'initial_conversation',
  'quarterly_conversation',
  'annual_conversation',
]);
/** Preparation is private to each side and lasts only until the meeting; it is not reported. */
const REPORTED: ReadonlySet<ObligationKind> = new Set(
  OBLIGATION_KINDS.filter((k) => k !== 'engineer_prep' && k !== 'manager_prep'),
);

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

const isOverdue = (obligations: readonly Obligation[], kind: ObligationKind) =>
  obligations.some((o) => o.kind === kind && o.state === 'overdue');

/** No first, quarterly or annual conversation overdue. */
export function isOnCadence(obligations: readonly Obligation[]): boolean {
  return !obligations.some((o) => CONVERSATION_OBLIGATIONS.has(o.kind) && o.state === 'overdue');
}

/** Overdue obligations a dashboard counts (preparation excluded). */
export function reportedOverdue(obligations: readonly Obligation[]): Obligation[] {
  return obligations.filter((o) => REPORTED.has(o.kind) && o.state === 'overdue');
}

/** Whether an engineer's current plan has gone unreferenced for longer than the policy allows. */
export function isSnapshotPlanStale(
  snapshot: EngineerSnapshot,
  policy: CadencePolicy,
  now: Date,
): boolean {
  const contract = snapshot.contract;
  if (contract?.status !== 'active') return false;
  const reference = contract.lastReferencedAt ?? contract.activeSince;
  return reference !== null && isPlanStale(reference, policy, now);
}

/** Summaries of conversations held in [from, to): sent on time, or late (sent late or still missing). */
export function summaryCounts(
  snapshots: readonly EngineerSnapshot[],
  policy: CadencePolicy,
  now: Date,
  from: number,
  to: number,
): Ratio {
  let onTime = 0;
  let measured = 0;
  for (const s of snapshots)
    for (const c of s.conversations) {
      if (c.status !== 'completed' || !c.completedAt) continue;
      const heldMs = ms(c.completedAt);
      if (heldMs < from || heldMs >= to) continue;
      const due = ms(summaryDueAt(c.completedAt, policy));
      if (c.firstSummarySentAt) {
        measured += 1;
        if (ms(c.firstSummarySentAt) <= due) onTime += 1;
      } else if (now.getTime() > due) measured += 1;
    }
  return ratio(onTime, measured);
}

/**
 * The dashboard metrics of a group of engineers at `now`; rates cover [windowStart, now].
 */
export function computeMetrics(
  snapshots: readonly EngineerSnapshot[],
  policy: CadencePolicy,
  now: Date,
  windowStart: string,
): Metrics {
  const nowMs = now.getTime();
  const windowMs = ms(windowStart);
  const today = toIsoDate(now);
  let onCadence = 0;
  let quarterly = 0;
  let annual = 0;
  let initialOnTime = 0;
  let initialMeasured = 0;
  let overduePeople = 0;
  const overdueByKind = Object.fromEntries(OBLIGATION_KINDS.map((k) => [k, 0])) as Record<
    ObligationKind,
    number
  >;
  let acknowledged = 0;
  let summariesSent = 0;
  let kept = 0;
  let commitmentsDue = 0;
  let activePlans = 0;
  let stalePlans = 0;
  let aspirationsNotRevisited = 0;

  for (const s of snapshots) {
    const { obligations } = s;
    if (isOnCadence(obligations)) onCadence += 1;
    if (!isOverdue(obligations, 'quarterly_conversation')) quarterly += 1;
    if (!isOverdue(obligations, 'annual_conversation')) annual += 1;

    const initial = obligations.find((o) => o.kind === 'initial_conversation');
    if (initial && s.engineer.managerSince >= windowStart) {
      if (initial.state === 'done') {
        const held = s.conversations.find((c) => c.id === initial.conversationId);
        initialMeasured += 1;
        if (held?.completedAt && ms(held.completedAt) <= ms(initial.dueAt)) initialOnTime += 1;
      } else if (initial.state === 'overdue') initialMeasured += 1;
    }

    const overdue = reportedOverdue(obligations);
    if (overdue.length > 0) overduePeople += 1;
    for (const o of overdue) overdueByKind[o.kind] += 1;

    for (const c of s.conversations) {
      if (!c.firstSummarySentAt) continue;
      const sentMs = ms(c.firstSummarySentAt);
      if (sentMs < windowMs || sentMs > nowMs) continue;
      summariesSent += 1;
      if (c.latestResponseKind === 'acknowledged') acknowledged += 1;
    }

    for (const item of s.commitments) {
      if (item.owner !== 'manager' || !item.dueOn) continue;
      if (item.dueOn < windowStart || item.dueOn >= today) continue;
      commitmentsDue += 1;
      if (item.isDone && item.doneAt && toIsoDate(new Date(item.doneAt)) <= item.dueOn) kept += 1;
    }

    if (s.contract?.status === 'active') {
      activePlans += 1;
      if (isSnapshotPlanStale(s, policy, now)) stalePlans += 1;
    }

    const aspirations = s.conversations.filter(
      (c) => c.kind === 'where_to' && c.status === 'completed' && c.completedAt,
    );
    const [only] = aspirations;
    if (
      aspirations.length === 1 &&
      only?.completedAt &&
      nowMs - ms(only.completedAt) > policy.annualEveryDays * DAY_MS
    )
      aspirationsNotRevisited += 1;
  }

  const people = snapshots.length;
  return {
    people,
    onCadence: ratio(onCadence, people),
    quarterly: ratio(quarterly, people),
    annual: ratio(annual, people),
    initialOnTime: ratio(initialOnTime, initialMeasured),
    overduePeople,
    overdueByKind,
    summariesOnTime: summaryCounts(snapshots, policy, now, windowMs, nowMs + 1),
    acknowledged: ratio(acknowledged, summariesSent),
    commitmentsKept: ratio(kept, commitmentsDue),
    activePlans,
    stalePlans,
    aspirationsNotRevisited,
  };
}

export interface Month {
  /** `YYYY-MM`. */
  key: string;
  startMs: number;
  /** Exclusive end. */
  endMs: number;
}

/** The last `count` calendar months (UTC) up to and including the current one, oldest first. */
export function lastMonths(now: Date, count: number): Month[] {
  const months: Month[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
    const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1);
    months.push({ key: new Date(start).toISOString().slice(0, 7), startMs: start, endMs: end });
  }
  return months;
}

export interface MonthFigures {
  /** People who had a manager at the end of the month (or now, for the current month). */
  people: readonly EngineerSnapshot[];
  onCadence: number;
  quarterly: number;
  summariesOnTime: Ratio;
}

/**
 * A month replayed through the engine: who had a manager at its end and whether their
 * conversations were on cadence then. Plan checks are left out (check-in history is not replayed).
 */
export function computeMonth(
  snapshots: readonly EngineerSnapshot[],
  policy: CadencePolicy,
  now: Date,
  month: Month,
): MonthFigures {
  const at = new Date(Math.min(month.endMs - 1, now.getTime()));
  const date = toIsoDate(at);
  const people = snapshots.filter((s) => lineOn(s.lines, date) !== undefined);
  let onCadence = 0;
  let quarterly = 0;
  for (const s of people) {
    const obligations = obligationsAt(s, policy, at, { withContract: false });
    if (isOnCadence(obligations)) onCadence += 1;
    if (!isOverdue(obligations, 'quarterly_conversation')) quarterly += 1;
  }
  return {
    people,
    onCadence,
    quarterly,
    summariesOnTime: summaryCounts(people, policy, now, month.startMs, month.endMs),
  };
}
