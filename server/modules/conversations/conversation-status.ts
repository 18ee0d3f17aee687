import { MINUTE_MS } from '../../clock.ts';
import { summaryDueAt as engineSummaryDueAt } from '../../../shared/cadence/cadence.ts';
import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import type { SummaryStatus } from '../../../shared/schemas/conversations.ts';

/** The organisation's cadence policy, which sets when a summary is due (DESIGN §2.3). */
export type SummaryPolicy = CadencePolicy;

export interface SummaryFacts {
  status: 'proposed' | 'confirmed' | 'completed' | 'cancelled';
  startsAt: string;
  durationMinutes: number;
  completedAt: string | null;
  latestSummaryVersion: number | null;
  latestResponseKind: string | null;
}

/** When the conversation ends: when it was marked held, else its scheduled end. */
export function endOf(facts: Pick<SummaryFacts, 'startsAt' | 'durationMinutes' | 'completedAt'>) {
  if (facts.completedAt) return new Date(facts.completedAt);
  return new Date(new Date(facts.startsAt).getTime() + facts.durationMinutes * MINUTE_MS);
}

/** The instant the summary is due, or null when none is expected (cancelled). */
export function summaryDueAt(facts: SummaryFacts, policy: SummaryPolicy): Date | null {
  if (facts.status === 'cancelled') return null;
  // The cadence engine is the one source of due dates.
  return new Date(engineSummaryDueAt(endOf(facts).toISOString(), policy));
}

/** Where the summary stands at `now`; pure so the cadence and dashboards can reuse it. */
export function summaryStatusAt(
  facts: SummaryFacts,
  now: Date,
  policy: SummaryPolicy,
): SummaryStatus {
  if (facts.latestSummaryVersion !== null) {
    if (facts.latestResponseKind === 'acknowledged') return 'acknowledged';
    if (facts.latestResponseKind === 'amendment_requested') return 'amendment_requested';
    return 'sent';
  }
  const dueAt = summaryDueAt(facts, policy);
  if (dueAt === null) return 'not_needed';
  if (now.getTime() < endOf(facts).getTime()) return 'not_due';
  return now.getTime() <= dueAt.getTime() ? 'due' : 'overdue';
}
