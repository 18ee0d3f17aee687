import type { Obligation } from '../../../shared/cadence/cadence.ts';
import type { ReminderKind } from '../../../shared/schemas/cadence.ts';
import type { ConversationKind } from '../../../shared/schemas/conversations.ts';
import { remembered } from '../../../shared/remembered.ts';
import { DAY_MS } from '../../clock.ts';
import type { EngineerSnapshot } from '../cadence/cadence-snapshots.ts';
import { visibleToManagerFrom } from '../contracts/contract-handovers.repository.ts';
import type { HandoverNoticeRow } from '../contracts/contract-handovers.repository.ts';

/*
 * Which reminders are due, derived from the cadence engine's obligations and nothing else: a
 * reminder exists because an obligation is in a given state now. Each has a dedupe key that names
 * the obligation instance, so deriving it again (next tick, another instance) never sends it twice.
 */

interface ConversationRef {
  id: string;
  kind: ConversationKind;
  startsAt: string;
  managerId: string;
}

export type PlannedReminder =
  | { type: 'engineer_prep'; conversation: ConversationRef }
  | { type: 'manager_prep'; conversation: ConversationRef }
  | { type: 'summary_due'; conversation: ConversationRef; dueAt: string }
  | { type: 'summary_overdue'; conversation: ConversationRef; dueAt: string }
  | { type: 'acknowledgement'; conversation: ConversationRef; dueAt: string; version: number }
  | {
      type: 'acknowledgement_overdue';
      conversation: ConversationRef;
      dueAt: string;
      version: number;
    }
  | { type: 'plan_check'; dueAt: string };

export interface Planned {
  /** Unique per reminder: the outbox keeps one message per key. */
  dedupeKey: string;
  /** The preference that lets the recipient turn it off. */
  preference: ReminderKind;
  recipientId: string;
  engineerId: string;
  reminder: PlannedReminder;
}

/** An overdue nudge goes out once, and only while the lateness is recent; old debts go to the digest. */
const LATE_NUDGE_WINDOW_MS = 7 * DAY_MS;

/** The reminders one engineer's obligations call for at `now`. */
export function plannedReminders(snapshot: EngineerSnapshot, now: Date): Planned[] {
  const nowMs = now.getTime();
  const { engineer } = snapshot;
  const byId = new Map(snapshot.conversations.map((c) => [c.id, c]));
  const planned: Planned[] = [];
  const refOf = (o: Obligation): ConversationRef | null => {
    const c = o.conversationId ? byId.get(o.conversationId) : undefined;
    return c ? { id: c.id, kind: c.kind, startsAt: c.startsAt, managerId: c.managerId } : null;
  };
  const isRecentlyLate = (o: Obligation) =>
    o.state === 'overdue' && nowMs - Date.parse(o.dueAt) <= LATE_NUDGE_WINDOW_MS;

  for (const o of snapshot.obligations) {
    const conversation = refOf(o);
    switch (o.kind) {
      case 'engineer_prep':
        // The engine marks prep "due" from prepLeadDays before the start; once it starts it is too late.
        if (conversation && o.state === 'due')
          planned.push({
            dedupeKey: `reminder:engineer_prep:${conversation.id}:${conversation.startsAt}`,
            preference: 'engineer_prep',
            recipientId: engineer.id,
            engineerId: engineer.id,
            reminder: { type: 'engineer_prep', conversation },
          });
        break;
      case 'manager_prep':
        if (conversation && o.state === 'due')
          planned.push({
            dedupeKey: `reminder:manager_prep:${conversation.id}:${conversation.startsAt}`,
            preference: 'manager_prep',
            recipientId: conversation.managerId,
            engineerId: engineer.id,
            reminder: { type: 'manager_prep', conversation },
          });
        break;
      case 'summary':
        if (!conversation) break;
        if (o.state === 'due')
          planned.push({
            dedupeKey: `reminder:summary_due:${conversation.id}`,
            preference: 'summary',
            recipientId: conversation.managerId,
            engineerId: engineer.id,
            reminder: { type: 'summary_due', conversation, dueAt: o.dueAt },
          });
        else if (isRecentlyLate(o))
          planned.push({
            dedupeKey: `reminder:summary_overdue:${conversation.id}`,
            preference: 'summary',
            recipientId: conversation.managerId,
            engineerId: engineer.id,
            reminder: { type: 'summary_overdue', conversation, dueAt: o.dueAt },
          });
        break;
      case 'acknowledgement': {
        const facts = conversation ? byId.get(conversation.id) : undefined;
        const version = facts?.latestSummaryVersion ?? null;
        if (!conversation || version === null) break;
        // The engine's acknowledgement window opens when the summary is sent.
        if (o.state === 'due')
          planned.push({
            dedupeKey: `reminder:acknowledgement:${conversation.id}:v${version}`,
            preference: 'acknowledgement',
            recipientId: engineer.id,
            engineerId: engineer.id,
            reminder: { type: 'acknowledgement', conversation, dueAt: o.dueAt, version },
          });
        else if (isRecentlyLate(o))
          planned.push({
            dedupeKey: `reminder:acknowledgement_overdue:${conversation.id}:v${version}`,
            preference: 'acknowledgement',
            recipientId: engineer.id,
            engineerId: engineer.id,
            reminder: { type: 'acknowledgement_overdue', conversation, dueAt: o.dueAt, version },
          });
        break;
      }
      case 'plan_check':
        if (o.state === 'due' || isRecentlyLate(o))
          planned.push({
            dedupeKey: `reminder:plan_check:${engineer.id}:${o.dueAt.slice(0, 10)}`,
            preference: 'plan_check',
            recipientId: engineer.id,
            engineerId: engineer.id,
            reminder: { type: 'plan_check', dueAt: o.dueAt },
          });
        break;
      default:
        break;
    }
  }
  return planned;
}

/** One late item in a manager's weekly digest. */
export interface DigestLine {
  engineerName: string;
  /** What is late, in a few words ("Quarterly review", "Summary"). */
  what: string;
  dueAt: string;
  link: string;
}

const DIGEST_WHAT: Partial<Record<Obligation['kind'], string>> = {
  initial_conversation: 'first conversation overdue',
  quarterly_conversation: 'quarterly review overdue',
  annual_conversation: 'full career conversation overdue',
  summary: 'summary not sent',
};

/**
 * What one engineer adds to a manager's weekly digest, kept between ticks (ADR 110): it holds as
 * long as their obligations do, except the action items' lateness, which is counted on the day.
 * The tick keeps one part per engineer of the organisation, so a part is kept small (ADR 114):
 * manager ids and dates are shared copies, arrays are as long as their contents, action items are
 * grouped by the manager who owes them, and a part with nothing in it is the one empty part.
 */
export interface DigestPart {
  lines: readonly {
    what: string;
    dueAt: string;
    /** The conversation it is about, if any; the digest links there, else to the team. */
    conversationId: string | null;
    /** A summary is owed by the manager who held the conversation, not by a later one. */
    onlyForManagerId: string | null;
  }[];
  /** Open action items the manager owes this engineer: each manager's due dates. */
  managerCommitments: readonly { managerId: string; dueOns: readonly string[] }[];
}

/**
 * One copy of each manager id and date the kept parts hold: there are far fewer of them than
 * parts (at 100k people, about 10,000 managers and a few thousand days).
 */
const sharedCopy = remembered((value: string) => value, 50_000);

const EMPTY_PART: DigestPart = Object.freeze({
  lines: Object.freeze([]),
  managerCommitments: Object.freeze([]),
});

export function digestPartOf(snapshot: EngineerSnapshot): DigestPart {
  const lines: DigestPart['lines'][number][] = [];
  for (const o of snapshot.obligations) {
    const what = DIGEST_WHAT[o.kind];
    if (o.state !== 'overdue' || o.owner !== 'manager' || !what) continue;
    let onlyForManagerId: string | null = null;
    if (o.kind === 'summary') {
      const conversation = snapshot.conversations.find((c) => c.id === o.conversationId);
      if (!conversation) continue;
      onlyForManagerId = sharedCopy(conversation.managerId);
    }
    lines.push({ what, dueAt: o.dueAt, conversationId: o.conversationId, onlyForManagerId });
  }
  const dueOnsBy = new Map<string, string[]>();
  for (const c of snapshot.commitments) {
    if (c.owner !== 'manager' || c.isDone || c.dueOn === null) continue;
    const dueOns = dueOnsBy.get(c.managerId);
    if (dueOns) dueOns.push(sharedCopy(c.dueOn));
    else dueOnsBy.set(c.managerId, [sharedCopy(c.dueOn)]);
  }
  if (lines.length === 0 && dueOnsBy.size === 0) return EMPTY_PART;
  // slice(): arrays grown by push keep spare room, which a hundred thousand kept parts would hold.
  return {
    lines: lines.length > 0 ? lines.slice() : EMPTY_PART.lines,
    managerCommitments:
      dueOnsBy.size > 0
        ? Array.from(dueOnsBy, ([managerId, dueOns]) => ({
            managerId: sharedCopy(managerId),
            dueOns: dueOns.slice(),
          }))
        : EMPTY_PART.managerCommitments,
  };
}

/** A manager's digest from their reports' parts: the late items' lines and late action items. */
export function digestFor(
  managerId: string,
  reports: readonly { engineerName: string; part: DigestPart }[],
  today: string,
  baseUrl: string,
): { lines: DigestLine[]; overdueCommitments: number } {
  const lines: DigestLine[] = [];
  let overdueCommitments = 0;
  for (const { engineerName, part } of reports) {
    for (const line of part.lines)
      if (line.onlyForManagerId === null || line.onlyForManagerId === managerId)
        lines.push({
          engineerName,
          what: line.what,
          dueAt: line.dueAt,
          link: line.conversationId
            ? `${baseUrl}/conversations/${line.conversationId}`
            : `${baseUrl}/team`,
        });
    for (const owed of part.managerCommitments)
      if (owed.managerId === managerId)
        for (const dueOn of owed.dueOns) if (dueOn < today) overdueCommitments += 1;
  }
  return { lines, overdueCommitments };
}

/** `2026-W10`: the ISO week of a local calendar date. */
export function isoWeekOf(localDate: string): string {
  const date = new Date(`${localDate}T00:00:00Z`);
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** One formatter per zone: making one costs far more than using it, and a tick asks per manager. */
const localFormatIn = remembered(
  (timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    }),
  1_000,
);

/** The local date, weekday (1 = Monday) and hour of an instant in a zone. */
export function localTime(
  at: Date,
  timeZone: string,
): { date: string; weekday: number; hour: number } {
  const parts = localFormatIn(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday: weekdays.indexOf(part('weekday')) + 1,
    hour: Number(part('hour')),
  };
}

/** The digest goes out once a week, from Monday 08:00 in the manager's own zone. */
export const DIGEST_HOUR = 8;

/** The dedupe key of this week's digest for a manager, or null before Monday 08:00 local. */
export function digestKeyAt(managerId: string, timeZone: string, now: Date): string | null {
  const local = localTime(now, timeZone);
  if (local.weekday === 1 && local.hour < DIGEST_HOUR) return null;
  return `digest:weekly:${managerId}:${isoWeekOf(local.date)}`;
}

export interface PlannedHandoverNotice {
  dedupeKey: string;
  type: 'written' | 'ready';
  recipientId: string;
  handover: HandoverNoticeRow;
}

/** How far back the handover notices look: a note written this long ago can still become readable. */
export const HANDOVER_LOOKBACK_MS = 2 * LATE_NUDGE_WINDOW_MS;

/**
 * The notices the handovers call for at `now` (ADR 106): to the engineer once the note is
 * written; to the manager after the change once they may read it, which is when it is shared or a
 * week after the last save, and not before the change takes effect. Only news of the last week,
 * as for late nudges, so a first pass over an old organisation announces nothing of the past.
 */
export function plannedHandoverNotices(
  handovers: readonly HandoverNoticeRow[],
  now: Date,
): PlannedHandoverNotice[] {
  const nowMs = now.getTime();
  const isRecent = (at: string) => {
    const ms = Date.parse(at);
    return ms <= nowMs && nowMs - ms <= LATE_NUDGE_WINDOW_MS;
  };
  return handovers.flatMap((handover) => {
    const readableFrom = visibleToManagerFrom(handover);
    const changedAt = `${handover.changeOn}T00:00:00.000Z`;
    const readyAt = readableFrom && readableFrom > changedAt ? readableFrom : changedAt;
    const notices: { type: 'written' | 'ready'; recipientId: string }[] = [];
    if (isRecent(handover.writtenAt))
      notices.push({ type: 'written', recipientId: handover.engineerId });
    if (handover.currentManagerId && readableFrom && isRecent(readyAt))
      notices.push({ type: 'ready', recipientId: handover.currentManagerId });
    return notices.map((n) => ({
      ...n,
      handover,
      dedupeKey: `handover:${n.type}:${handover.id}:${n.recipientId}`,
    }));
  });
}
