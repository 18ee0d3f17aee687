import type { ContractsTable } from '../../db/schema.ts';
import { MINUTES_PER_DAY, dayOfMinute, isoDay, isoMinute } from './calendar.ts';
import type { GeneratorContext } from './context.ts';
import { managerOn, personAt } from './context.ts';
import type { BuiltConversation } from './conversation-rows.ts';
import { commitmentTimes } from './conversation-rows.ts';
import type { SyntheticPerson } from './org-shape.ts';
import type { Random } from './random.ts';
import type { RowSink } from './rows.ts';
import { actionText, goalText, notesText, shortNote } from './texts.ts';

/**
 * Development contracts of one person: most full (close-the-gap) conversations produce one; each
 * has versions with goals, monthly check-ins, commitments on both sides (tracked action items,
 * handed over when the manager changes) and handover notes. Only the latest is in force.
 */

const CADENCES = [
  ['quarterly', 85],
  ['every_two_months', 10],
  ['monthly', 5],
] as const;
const CHECK_IN = [
  ['on_track', 65],
  ['at_risk', 25],
  ['off_track', 10],
] as const;

interface Plan {
  source: BuiltConversation;
  id: string;
  savedMinute: number;
  activatedMinute: number | null;
  closedMinute: number | null;
  status: ContractsTable['status'];
}

/** Decides which contracts exist and their status; the latest may still be a draft. */
function planContracts(
  context: GeneratorContext,
  person: SyntheticPerson,
  conversations: readonly BuiltConversation[],
  random: Random,
): Plan[] {
  const plans: Plan[] = [];
  for (const c of conversations) {
    if (c.kind !== 'close_gap' || c.completedMinute === null || !random.chance(0.75)) continue;
    const savedMinute = c.completedMinute + random.int(1, 6) * MINUTES_PER_DAY;
    const activatedMinute = savedMinute + random.int(0, 4) * MINUTES_PER_DAY + random.int(10, 300);
    if (savedMinute >= context.nowMinute) continue;
    plans.push({
      source: c,
      id: random.uuid(),
      savedMinute,
      activatedMinute: activatedMinute < context.nowMinute ? activatedMinute : null,
      closedMinute: null,
      status: 'active',
    });
  }
  for (const [k, plan] of plans.entries()) {
    const next = plans[k + 1];
    if (next) {
      plan.status = random.chance(0.7) ? 'superseded' : 'completed';
      plan.closedMinute = next.savedMinute - random.int(0, 2) * MINUTES_PER_DAY;
    } else if (person.leaveDay !== null) {
      plan.status = 'completed';
      plan.closedMinute = Math.max(plan.savedMinute + 60, person.leaveDay * MINUTES_PER_DAY);
    } else {
      plan.status = random.weighted([
        ['active', 80],
        ['paused', 5],
        ['draft', 15],
      ] as const);
    }
    if (plan.activatedMinute === null && plan.status !== 'draft') plan.status = 'draft';
  }
  const last = plans.at(-1);
  const previous = plans.at(-2);
  if (last?.status === 'draft') {
    last.activatedMinute = null;
    // While the new plan is being written, the previous one stays in force.
    if (previous) {
      previous.status = 'active';
      previous.closedMinute = null;
    }
  }
  return plans.filter((p) => p.activatedMinute !== null || p === last);
}

/**
 * Writes the contracts and everything hanging off them; sets `contract_id` on the quarterly
 * conversations that reviewed each one (the caller writes those after the contracts).
 */
export function writeContracts(
  context: GeneratorContext,
  person: SyntheticPerson,
  conversations: readonly BuiltConversation[],
  random: Random,
  sink: RowSink,
): void {
  for (const plan of planContracts(context, person, conversations, random)) {
    const end = plan.closedMinute ?? context.nowMinute;
    const reviews = conversations.filter(
      (c) =>
        c.kind === 'quarterly' &&
        plan.activatedMinute !== null &&
        c.startMinute > plan.activatedMinute &&
        c.startMinute < end,
    );
    for (const review of reviews) review.row.contract_id = plan.id;
    const heldReviews = reviews.filter((r) => r.completedMinute !== null);
    const versionMinutes = [plan.savedMinute];
    for (const review of heldReviews)
      if (random.chance(0.3) && review.completedMinute !== null)
        versionMinutes.push(review.completedMinute + random.int(60, MINUTES_PER_DAY));
    const lastVersionMinute = versionMinutes.at(-1) ?? plan.savedMinute;
    const cadence = random.weighted(CADENCES);
    const reviewEvery = cadence === 'monthly' ? 30 : cadence === 'every_two_months' ? 61 : 91;
    const nextReviewOn = isoDay(dayOfMinute(lastVersionMinute) + reviewEvery);
    const checkIns = writeCheckIns(context, person, plan, random, sink);
    const lastReviewed = heldReviews.at(-1)?.completedMinute ?? null;
    const lastCheckIn = checkIns.at(-1) ?? null;
    const lastReferenced = Math.max(lastVersionMinute, lastReviewed ?? 0, lastCheckIn ?? 0);
    const managerIndex = plan.source.managerIndex;
    sink.add('contracts', {
      id: plan.id,
      engineer_id: person.id,
      status: plan.status,
      source_conversation_id: plan.source.row.id,
      current_version: versionMinutes.length,
      next_review_on: plan.status === 'active' || plan.status === 'paused' ? nextReviewOn : null,
      activated_at: plan.activatedMinute === null ? null : isoMinute(plan.activatedMinute),
      last_reviewed_at: lastReviewed === null ? null : isoMinute(lastReviewed),
      last_check_in_at: lastCheckIn === null ? null : isoMinute(lastCheckIn),
      last_referenced_at: isoMinute(lastReferenced),
      closed_at: plan.closedMinute === null ? null : isoMinute(plan.closedMinute),
      outcome_note: plan.status === 'completed' ? shortNote(random) : null,
      outcome_by: plan.status === 'completed' ? personAt(context, managerIndex).id : null,
      created_by: personAt(context, managerIndex).id,
      created_at: isoMinute(plan.savedMinute),
      updated_at: isoMinute(lastReferenced),
    });
    const goalIds = writeVersions(
      context,
      person,
      plan,
      { versionMinutes, cadence, reviewEvery },
      random,
      sink,
    );
    writeCommitments(context, person, plan, goalIds, random, sink);
    writeHandovers(context, person, plan, random, sink);
  }
}

/** Versions with their goals (goal ids stay stable across versions); returns the goal ids. */
function writeVersions(
  context: GeneratorContext,
  person: SyntheticPerson,
  plan: Plan,
  v: { versionMinutes: readonly number[]; cadence: string; reviewEvery: number },
  random: Random,
  sink: RowSink,
): string[] {
  const goalIds = Array.from({ length: random.int(2, 3) }, () => random.uuid());
  const manager = personAt(context, plan.source.managerIndex);
  for (const [k, savedMinute] of v.versionMinutes.entries()) {
    const versionId = random.uuid();
    const isLast = k === v.versionMinutes.length - 1;
    const isAgreed = plan.status !== 'draft' && (!isLast || k === 0 || random.chance(0.8));
    const agreedMinute = Math.min(
      context.nowMinute - 1,
      savedMinute + random.int(30, 3 * MINUTES_PER_DAY),
    );
    const hasCaveat = random.chance(0.7);
    const isNotHere = random.chance(0.08);
    sink.add('contract_versions', {
      id: versionId,
      contract_id: plan.id,
      version: k + 1,
      development_goal: goalText(random),
      manager_commitment: actionText(random),
      engineer_commitment: actionText(random),
      evidence_of_success: shortNote(random),
      review_cadence: v.cadence,
      next_review_on: isoDay(dayOfMinute(savedMinute) + v.reviewEvery),
      caveat: hasCaveat ? shortNote(random) : '',
      is_caveat_none_known: !hasCaveat,
      not_here: isNotHere ? shortNote(random) : '',
      transition_support: isNotHere && random.chance(0.5) ? shortNote(random) : '',
      change_note: k === 0 ? '' : shortNote(random),
      saved_by: random.chance(0.6) ? manager.id : person.id,
      saved_at: isoMinute(savedMinute),
      engineer_agreed_at: isAgreed ? isoMinute(agreedMinute) : null,
      manager_agreed_at: isAgreed ? isoMinute(agreedMinute + random.int(0, 600)) : null,
      manager_agreed_by: isAgreed ? manager.id : null,
    });
    for (const [position, goalId] of goalIds.entries())
      sink.add('contract_goals', {
        contract_version_id: versionId,
        goal_id: goalId,
        position,
        description: goalText(random),
        success_criteria: shortNote(random),
        support_needed: actionText(random),
        due_on: isoDay(dayOfMinute(savedMinute) + random.int(60, 270)),
      });
  }
  return goalIds;
}

/** Monthly check-ins while the plan is in force; about six in ten months get one. */
function writeCheckIns(
  context: GeneratorContext,
  person: SyntheticPerson,
  plan: Plan,
  random: Random,
  sink: RowSink,
): number[] {
  if (plan.activatedMinute === null) return [];
  const end = Math.min(plan.closedMinute ?? context.nowMinute, context.nowMinute);
  const minutes: number[] = [];
  for (let at = plan.activatedMinute + 30 * MINUTES_PER_DAY; at < end; at += 30 * MINUTES_PER_DAY) {
    if (!random.chance(0.6)) continue;
    const when = Math.min(end - 1, at + random.int(-5, 5) * MINUTES_PER_DAY);
    const managerIndex = managerOn(person, dayOfMinute(when));
    const isEngineer = random.chance(0.8);
    sink.add('contract_check_ins', {
      id: random.uuid(),
      contract_id: plan.id,
      author_id:
        isEngineer || managerIndex === null ? person.id : personAt(context, managerIndex).id,
      status: random.weighted(CHECK_IN),
      note: random.chance(0.7) ? notesText(random) : '',
      created_at: isoMinute(when),
    });
    minutes.push(when);
  }
  return minutes;
}

/**
 * Commitments on both sides, per goal, linked to the contract and goal. An open manager
 * commitment moves to the new manager when the line changes, flagged as handed over.
 */
function writeCommitments(
  context: GeneratorContext,
  person: SyntheticPerson,
  plan: Plan,
  goalIds: readonly string[],
  random: Random,
  sink: RowSink,
): void {
  const made = plan.savedMinute + 30;
  const original = personAt(context, plan.source.managerIndex);
  for (const goalId of goalIds) {
    for (const owner of ['manager', 'engineer'] as const) {
      if (owner === 'engineer' && !random.chance(0.7)) continue;
      const times = commitmentTimes(context, made, random, [30, 180]);
      let managerId = original.id;
      let handedOverFrom: string | null = null;
      let handedOverAt: string | null = null;
      const change = person.spells.find(
        (s) =>
          s.startDay * MINUTES_PER_DAY > made &&
          (times.doneMinute === null || s.startDay * MINUTES_PER_DAY < times.doneMinute),
      );
      if (change && owner === 'manager' && change.managerIndex !== plan.source.managerIndex) {
        managerId = personAt(context, change.managerIndex).id;
        handedOverFrom = original.id;
        handedOverAt = isoMinute(change.startDay * MINUTES_PER_DAY);
      }
      sink.add('action_items', {
        id: random.uuid(),
        conversation_id: plan.source.row.id,
        engineer_id: person.id,
        manager_id: managerId,
        owner,
        text: actionText(random),
        due_on: times.dueOn,
        is_done: times.doneMinute !== null,
        done_at: times.doneMinute === null ? null : isoMinute(times.doneMinute),
        created_by: original.id,
        created_at: isoMinute(made),
        updated_at: isoMinute(times.doneMinute ?? made),
        contract_id: plan.id,
        goal_id: goalId,
        handed_over_from_id: handedOverFrom,
        handed_over_at: handedOverAt,
      });
    }
  }
}

/** A handover note for each manager change while the plan was in force (most get written). */
function writeHandovers(
  context: GeneratorContext,
  person: SyntheticPerson,
  plan: Plan,
  random: Random,
  sink: RowSink,
): void {
  if (plan.activatedMinute === null) return;
  const end = plan.closedMinute ?? context.nowMinute;
  for (const [k, spell] of person.spells.entries()) {
    const previous = person.spells[k - 1];
    const changeMinute = spell.startDay * MINUTES_PER_DAY;
    if (!previous || changeMinute <= plan.activatedMinute || changeMinute >= end) continue;
    const isWritten = random.chance(0.6);
    const isSeen = isWritten && random.chance(0.7);
    const writtenMinute = changeMinute - random.int(1, 5) * MINUTES_PER_DAY;
    sink.add('contract_handovers', {
      id: random.uuid(),
      contract_id: plan.id,
      engineer_id: person.id,
      from_manager_id: personAt(context, previous.managerIndex).id,
      to_manager_id: personAt(context, spell.managerIndex).id,
      change_on: isoDay(spell.startDay),
      note: isWritten ? notesText(random) : '',
      written_at: isWritten ? isoMinute(writtenMinute) : null,
      engineer_seen_at: isSeen ? isoMinute(writtenMinute + random.int(60, 2880)) : null,
      released_at: isSeen ? isoMinute(changeMinute) : null,
      created_at: isoMinute(writtenMinute),
    });
  }
}
