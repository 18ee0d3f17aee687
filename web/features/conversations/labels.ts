import type {
  ConversationStatus,
  SummaryStatus,
  VisibleKind,
} from '../../../shared/schemas/conversations.ts';

export const kindLabels: Record<VisibleKind, string> = {
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

export const statusLabels: Record<ConversationStatus, { label: string; color: string }> = {
  proposed: { label: 'Proposed', color: 'violet' },
  confirmed: { label: 'Confirmed', color: 'blue' },
  completed: { label: 'Held', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

export const summaryLabels: Record<SummaryStatus, { label: string; color: string }> = {
  not_due: { label: 'Summary after the conversation', color: 'gray' },
  due: { label: 'Summary due', color: 'blue' },
  overdue: { label: 'Summary overdue', color: 'red' },
  sent: { label: 'Summary sent', color: 'indigo' },
  acknowledged: { label: 'Acknowledged', color: 'teal' },
  amendment_requested: { label: 'Amendment requested', color: 'grape' },
  not_needed: { label: 'No summary needed', color: 'gray' },
};
