import type { ObligationView, Ratio } from '../../shared/schemas/cadence.ts';
import type { VisibleKind } from '../../shared/schemas/conversations.ts';

/*
 * Words for cadence obligations, shared by home, team view and dashboard. Due dates always come
 * from the server (the cadence engine); this file only says them.
 */

export const conversationKindLabels: Record<VisibleKind, string> = {
  initial: 'First conversation',
  where_now: 'Where you are now',
  where_to: 'Where you want to go',
  close_gap: 'Closing the gap',
  quarterly: 'Quarterly review',
  promotion: 'Promotion readiness',
  performance: 'Performance conversation',
  event: 'Career event',
  check_in: 'Check-in',
};

/** Short forms for tight table cells. */
export const conversationKindShortLabels: Record<VisibleKind, string> = {
  initial: 'First',
  where_now: 'Where now',
  where_to: 'Where to',
  close_gap: 'Close gap',
  quarterly: 'Quarterly',
  promotion: 'Promotion',
  performance: 'Performance',
  event: 'Career event',
  check_in: 'Check-in',
};

export const obligationKindLabels: Record<ObligationView['kind'], string> = {
  initial_conversation: 'First conversation',
  quarterly_conversation: 'Quarterly review',
  annual_conversation: 'Full career conversation',
  plan_check: 'Monthly plan check',
  engineer_prep: 'Preparation',
  manager_prep: 'Manager preparation',
  summary: 'Summary',
  acknowledgement: 'Acknowledgement',
};

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** " of the 3 Mar conversation", so two summaries owed to one person read apart. */
function ofConversation(o: ObligationView): string {
  if (!o.conversation) return '';
  return ` of the ${dayMonth.format(new Date(o.conversation.startsAt))} conversation`;
}

/** What the obligation asks, in a sentence written for the person reading it. */
export function obligationTitle(o: ObligationView, viewerId: string): string {
  const isEngineerView = o.engineer.id === viewerId;
  const other = isEngineerView ? (o.manager?.name ?? 'your manager') : o.engineer.name;
  switch (o.kind) {
    case 'initial_conversation':
      return `First career conversation with ${other}`;
    case 'quarterly_conversation':
      return `Quarterly review with ${other}`;
    case 'annual_conversation':
      return `Full career conversation with ${other}`;
    case 'plan_check':
      return isEngineerView
        ? 'Monthly check on your development plan'
        : `${other}’s monthly plan check`;
    case 'engineer_prep':
      return `Prepare for your conversation with ${other}`;
    case 'manager_prep':
      return `Prepare for your conversation with ${other}`;
    case 'summary':
      return isEngineerView
        ? `${other} owes you the summary${ofConversation(o)}`
        : `Send ${other} the summary${ofConversation(o)}`;
    case 'acknowledgement':
      return isEngineerView
        ? `Acknowledge the summary${ofConversation(o)} from ${other}`
        : `${other} has not acknowledged the summary${ofConversation(o)}`;
  }
}

/** Where to go to act on an obligation. */
export function obligationLink(o: ObligationView, viewerId: string): { to: string; label: string } {
  const isEngineerView = o.engineer.id === viewerId;
  if (o.kind === 'plan_check')
    return isEngineerView
      ? { to: '/contract', label: 'Check in' }
      : { to: `/people/${o.engineer.id}/contracts`, label: 'Open the plan' };
  if (o.conversation) {
    const label =
      o.kind === 'summary' && !isEngineerView
        ? 'Write summary'
        : o.kind === 'acknowledgement' && isEngineerView
          ? 'Read and acknowledge'
          : o.kind.endsWith('_prep')
            ? 'Prepare'
            : 'Open';
    return { to: `/conversations/${o.conversation.id}`, label };
  }
  return isEngineerView
    ? { to: '/conversations', label: 'Propose a time' }
    : { to: '/conversations', label: 'Schedule' };
}

export const stateColors: Record<ObligationView['state'], string> = {
  overdue: 'red',
  due: 'blue',
  upcoming: 'gray',
  done: 'teal',
};

const DAY_MS = 86_400_000;
const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "Overdue since 3 Mar" / "Due tomorrow" / "Due 16 Mar" — the engine's due date, said plainly. */
export function dueText(
  o: Pick<ObligationView, 'dueAt' | 'state'>,
  now: Date = new Date(),
): string {
  const due = new Date(o.dueAt);
  const days = Math.round((due.getTime() - now.getTime()) / DAY_MS);
  const sameYear = due.getFullYear() === now.getFullYear();
  const date = (sameYear ? shortDate : longDate).format(due);
  if (o.state === 'overdue') return `Overdue since ${date}`;
  if (Math.abs(days) <= 6) return `Due ${relative.format(days, 'day')}`;
  return `Due ${date}`;
}

/** "72%", or "—" when there is nothing to measure yet. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

/** "12 of 15" for a ratio. */
export function ofText(r: Ratio): string {
  return r.denominator === 0 ? 'Nothing to measure yet' : `${r.numerator} of ${r.denominator}`;
}
