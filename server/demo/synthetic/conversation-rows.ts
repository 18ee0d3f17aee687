import type { ConversationKind } from '../../../shared/cadence/cadence.ts';
import type { ConversationsTable } from '../../db/schema.ts';
import { MINUTES_PER_DAY, dayOfMinute, isoDay, isoMinute, minuteOf } from './calendar.ts';
import type { GeneratorContext } from './context.ts';
import { personAt } from './context.ts';
import type { PlannedConversation } from './conversation-plan.ts';
import type { SyntheticPerson } from './org-shape.ts';
import type { Random } from './random.ts';
import type { RowSink } from './rows.ts';
import {
  PLACES,
  actionText,
  agendaText,
  answerText,
  goalText,
  notesText,
  reasonText,
  shortNote,
} from './texts.ts';

/** A conversation row ready to write, with what contract history needs to know about it. */
export interface BuiltConversation {
  row: ConversationsTable;
  kind: ConversationKind;
  managerIndex: number;
  startMinute: number;
  /** Set when it was held. */
  completedMinute: number | null;
}

const DURATION: Record<ConversationKind, number> = {
  initial: 60,
  where_now: 60,
  where_to: 60,
  close_gap: 60,
  quarterly: 60,
  promotion: 60,
  performance: 45,
  event: 45,
};
const HOUR = 60;

/** Status of a meeting from its day: held (mostly), cancelled, or booked when in the future. */
function statusOf(
  plan: PlannedConversation,
  today: number,
  random: Random,
): ConversationsTable['status'] {
  if (plan.day >= today) return random.chance(0.65) ? 'confirmed' : 'proposed';
  const roll = random.next();
  if (!plan.isReplacement && roll < 0.05) return 'cancelled';
  // A few past meetings were never marked as held.
  if (roll < 0.065) return 'confirmed';
  return 'completed';
}

/**
 * Writes one conversation's dependent rows (events, summaries, responses, prep, notes, action
 * items) to the sink and returns the conversation row itself, which the caller writes once it
 * knows whether a contract links to it. A cancelled meeting returns a replacement plan.
 */
export function buildConversation(
  context: GeneratorContext,
  person: SyntheticPerson,
  plan: PlannedConversation,
  random: Random,
  sink: RowSink,
): { built: BuiltConversation; replacement: PlannedConversation | null } {
  const { today, nowMinute } = context;
  const manager = personAt(context, plan.managerIndex);
  const id = random.uuid();
  const status = statusOf(plan, today, random);
  const duration = DURATION[plan.kind] - (random.chance(0.2) ? 15 : 0);
  const startMinute = minuteOf(plan.day, random.pick([9, 10, 11, 13, 14, 15, 16]) * HOUR);
  const endMinute = startMinute + duration;
  const isEngineerProposer = random.chance(0.3);
  const proposer = isEngineerProposer ? person : manager;
  const other = isEngineerProposer ? manager : person;
  const createdMinute = Math.min(
    nowMinute - 60,
    startMinute - random.int(5, 21) * MINUTES_PER_DAY + random.int(0, 480),
  );
  const isRescheduled = random.chance(0.15);
  const firstStart = isRescheduled ? startMinute - random.int(1, 7) * MINUTES_PER_DAY : startMinute;

  const event = (
    actorId: string,
    action: string,
    atMinute: number,
    startsAt: number,
    reason = '',
  ) =>
    sink.add('conversation_events', {
      id: random.uuid(),
      conversation_id: id,
      actor_id: actorId,
      action,
      starts_at: isoMinute(startsAt),
      duration_minutes: duration,
      reason,
      created_at: isoMinute(Math.min(atMinute, nowMinute)),
    });
  event(proposer.id, 'proposed', createdMinute, firstStart);
  let lastChange = createdMinute;
  if (isRescheduled) {
    lastChange = Math.min(firstStart - 60, createdMinute + random.int(1, 3) * MINUTES_PER_DAY);
    event(other.id, 'rescheduled', lastChange, startMinute, reasonText(random));
  }
  if (status !== 'proposed') {
    lastChange = Math.min(nowMinute - 30, lastChange + random.int(30, 2 * MINUTES_PER_DAY));
    event(isRescheduled ? proposer.id : other.id, 'confirmed', lastChange, startMinute);
  }
  let completedMinute: number | null = null;
  let cancelledMinute: number | null = null;
  if (status === 'completed') {
    completedMinute = Math.min(nowMinute - 5, endMinute + random.int(0, 30));
    event(manager.id, 'completed', completedMinute, startMinute);
  } else if (status === 'cancelled') {
    cancelledMinute = Math.max(lastChange + 10, startMinute - random.int(60, 3 * MINUTES_PER_DAY));
    event(
      random.pick([person.id, manager.id]),
      'cancelled',
      cancelledMinute,
      startMinute,
      reasonText(random),
    );
  }

  const isHeld = completedMinute !== null;
  const hasNotes = isHeld && random.chance(0.7);
  const notesMinute = completedMinute !== null ? completedMinute - random.int(1, 20) : null;
  const summarySent =
    completedMinute !== null
      ? writeSummary(
          context,
          { id, kind: plan.kind, person, manager, completedMinute },
          random,
          sink,
        )
      : false;
  const row: ConversationsTable = {
    id,
    engineer_id: person.id,
    manager_id: manager.id,
    kind: plan.kind,
    status,
    starts_at: isoMinute(startMinute),
    duration_minutes: duration,
    place: random.pick(PLACES),
    agenda: random.chance(0.8) ? agendaText(random) : '',
    proposed_by: proposer.id,
    bank_version: 1,
    completed_at: completedMinute === null ? null : isoMinute(completedMinute),
    cancelled_at: cancelledMinute === null ? null : isoMinute(cancelledMinute),
    shared_notes: hasNotes ? notesText(random) : '',
    shared_notes_version: hasNotes ? random.int(1, 6) : 0,
    shared_notes_updated_at: hasNotes && notesMinute !== null ? isoMinute(notesMinute) : null,
    shared_notes_updated_by: hasNotes ? random.pick([person.id, manager.id]) : null,
    summary_draft: isHeld && !summarySent && random.chance(0.4) ? notesText(random) : null,
    created_at: isoMinute(createdMinute),
    updated_at: isoMinute(
      Math.min(nowMinute, Math.max(createdMinute, completedMinute ?? lastChange)),
    ),
    contract_id: null,
  };

  if (plan.day >= today - 365)
    writePrep(context, row, { person, manager, startMinute }, random, sink);
  if (isHeld && completedMinute !== null) {
    writeActionItems(context, { id, person, manager, completedMinute }, random, sink);
    if (random.chance(0.08))
      sink.add('private_notes', {
        id: random.uuid(),
        author_id: manager.id,
        subject_id: person.id,
        conversation_id: id,
        scope_key: `conversation:${id}`,
        body: shortNote(random),
        created_at: isoMinute(completedMinute),
        updated_at: isoMinute(completedMinute),
      });
  }
  const replacement: PlannedConversation | null =
    status === 'cancelled'
      ? {
          kind: plan.kind,
          day: plan.day + random.int(3, 14),
          managerIndex: plan.managerIndex,
          isReplacement: true,
        }
      : null;
  return {
    built: { row, kind: plan.kind, managerIndex: plan.managerIndex, startMinute, completedMinute },
    replacement,
  };
}

/**
 * The summary of a held conversation: usually sent within a day, sometimes late, sometimes not
 * at all; acknowledged by most engineers; a few ask for an amendment and get a second version.
 * Returns whether a summary was sent.
 */
function writeSummary(
  context: GeneratorContext,
  c: {
    id: string;
    kind: ConversationKind;
    person: SyntheticPerson;
    manager: SyntheticPerson;
    completedMinute: number;
  },
  random: Random,
  sink: RowSink,
): boolean {
  const { nowMinute } = context;
  const isRecent = nowMinute - c.completedMinute < 3 * MINUTES_PER_DAY;
  if (!random.chance(isRecent ? 0.5 : 0.9)) return false;
  const delay = random.chance(0.75)
    ? random.int(60, 22 * HOUR)
    : random.int(1, 10) * MINUTES_PER_DAY + random.int(0, 480);
  let sentMinute = c.completedMinute + delay;
  if (sentMinute >= nowMinute) return false;
  const reviewDays = c.kind === 'quarterly' || c.kind === 'close_gap' ? 91 : 30;
  const versions = random.chance(0.07) ? 2 : 1;
  for (let version = 1; version <= versions; version += 1) {
    sink.add('summary_versions', {
      id: random.uuid(),
      conversation_id: c.id,
      version,
      discussed: notesText(random),
      goals: goalText(random),
      manager_actions: actionText(random),
      engineer_actions: actionText(random),
      next_check_in_on: isoDay(dayOfMinute(c.completedMinute) + reviewDays),
      sent_at: isoMinute(sentMinute),
      sent_by: c.manager.id,
    });
    const wantsChange = version < versions;
    const isRecentlySent = nowMinute - sentMinute < 2 * MINUTES_PER_DAY;
    if (!wantsChange && !random.chance(isRecentlySent ? 0.4 : 0.88)) break;
    const responseMinute =
      sentMinute +
      (random.chance(0.8)
        ? random.int(2 * HOUR, 5 * MINUTES_PER_DAY)
        : random.int(8, 20) * MINUTES_PER_DAY);
    if (responseMinute >= nowMinute) break;
    sink.add('summary_responses', {
      id: random.uuid(),
      conversation_id: c.id,
      version,
      author_id: c.person.id,
      kind: wantsChange ? 'amendment_requested' : 'acknowledged',
      comment: wantsChange ? shortNote(random) : random.chance(0.3) ? shortNote(random) : '',
      created_at: isoMinute(responseMinute),
    });
    sentMinute = responseMinute + random.int(HOUR, 4 * MINUTES_PER_DAY);
    if (sentMinute >= nowMinute) break;
  }
  return true;
}

/** Engineer prep answers and the manager's prep checklist for meetings of the last year. */
function writePrep(
  context: GeneratorContext,
  row: ConversationsTable,
  c: { person: SyntheticPerson; manager: SyntheticPerson; startMinute: number },
  random: Random,
  sink: RowSink,
): void {
  const created = Date.parse(row.created_at) / 60_000;
  const at = isoMinute(
    Math.min(
      context.nowMinute - 1,
      Math.max(created + 1, c.startMinute - random.int(1, 4) * MINUTES_PER_DAY),
    ),
  );
  if (row.status !== 'cancelled' && random.chance(0.6)) {
    const count = random.int(2, 4);
    for (let k = 1; k <= count; k += 1) {
      const isShared = random.chance(0.5);
      sink.add('prep_answers', {
        id: random.uuid(),
        conversation_id: row.id,
        author_id: c.person.id,
        prompt_key: `p${k}`,
        answer: answerText(random),
        is_shared: isShared,
        shared_at: isShared ? at : null,
        updated_at: at,
      });
    }
  }
  if (random.chance(0.55))
    sink.add('manager_preps', {
      conversation_id: row.id,
      author_id: c.manager.id,
      has_reviewed_work: random.chance(0.8),
      has_assessed_framework: random.chance(0.6),
      has_identified_opportunities: random.chance(0.6),
      has_talking_points: random.chance(0.7),
      talking_points: random.chance(0.5) ? shortNote(random) : '',
      updated_at: at,
    });
}

/** Zero to three follow-ups from a held conversation, most done, some late, some still open. */
function writeActionItems(
  context: GeneratorContext,
  c: { id: string; person: SyntheticPerson; manager: SyntheticPerson; completedMinute: number },
  random: Random,
  sink: RowSink,
): void {
  const count = random.weighted([
    [0, 30],
    [1, 30],
    [2, 25],
    [3, 15],
  ] as const);
  for (let k = 0; k < count; k += 1) {
    const item = commitmentTimes(context, c.completedMinute, random);
    sink.add('action_items', {
      id: random.uuid(),
      conversation_id: c.id,
      engineer_id: c.person.id,
      manager_id: c.manager.id,
      owner: random.chance(0.55) ? 'engineer' : 'manager',
      text: actionText(random),
      due_on: item.dueOn,
      is_done: item.doneMinute !== null,
      done_at: item.doneMinute === null ? null : isoMinute(item.doneMinute),
      created_by: random.chance(0.7) ? c.manager.id : c.person.id,
      created_at: isoMinute(c.completedMinute + 5),
      updated_at: isoMinute(item.doneMinute ?? c.completedMinute + 5),
      contract_id: null,
      goal_id: null,
      handed_over_from_id: null,
      handed_over_at: null,
    });
  }
}

/**
 * Due date and completion of a commitment made at `fromMinute`: past-due ones are mostly done
 * (some late), future ones sometimes already done.
 */
export function commitmentTimes(
  context: GeneratorContext,
  fromMinute: number,
  random: Random,
  dueInDays: readonly [number, number] = [10, 60],
): { dueOn: string; doneMinute: number | null } {
  const dueDay = dayOfMinute(fromMinute) + random.int(dueInDays[0], dueInDays[1]);
  const isDone = random.chance(dueDay < context.today ? 0.75 : 0.3);
  if (!isDone) return { dueOn: isoDay(dueDay), doneMinute: null };
  const doneDay = dueDay + (random.chance(0.8) ? -random.int(0, 9) : random.int(1, 15));
  const doneMinute = Math.min(
    context.nowMinute - 1,
    Math.max(fromMinute + 60, minuteOf(doneDay, random.int(9, 17) * HOUR)),
  );
  return { dueOn: isoDay(dueDay), doneMinute };
}
