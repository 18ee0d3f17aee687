import type { ConversationKind } from '../../../shared/cadence/cadence.ts';
import type { GeneratorContext } from './context.ts';
import type { Spell, SyntheticPerson } from './org-shape.ts';
import type { Random } from './random.ts';

/**
 * When each conversation of a person happened (or is booked), following the default cadence with
 * the misses, late meetings and one-off conversations real teams have. Pure planning: no rows.
 */
export interface PlannedConversation {
  kind: ConversationKind;
  day: number;
  managerIndex: number;
  /** A replacement for a cancelled meeting is never cancelled again. */
  isReplacement: boolean;
}

const QUARTER = 91;
const YEAR = 365;
/** How far ahead meetings are already in the calendar. */
const BOOKING_HORIZON = 35;

/** Days late (or early, negative) a cadence conversation is held. */
function lateness(random: Random): number {
  return random.weighted<() => number>([
    [() => random.int(-10, 4), 70],
    [() => random.int(5, 25), 20],
    [() => random.int(26, 75), 10],
  ])();
}

/** The conversations of one reporting spell, oldest first. */
function planSpell(
  context: GeneratorContext,
  person: SyntheticPerson,
  spell: Spell,
  random: Random,
): PlannedConversation[] {
  const { today } = context;
  const stop = Math.min(spell.endDay ?? Infinity, person.leaveDay ?? Infinity);
  const horizon = today + BOOKING_HORIZON;
  const planned: PlannedConversation[] = [];
  const push = (kind: ConversationKind, day: number) => {
    if (day >= spell.startDay && day < stop && day <= horizon)
      planned.push({ kind, day, managerIndex: spell.managerIndex, isReplacement: false });
  };

  let lastReview: number;
  if (random.chance(0.97)) {
    lastReview = spell.startDay + (random.chance(0.85) ? random.int(2, 13) : random.int(14, 45));
    push('initial', lastReview);
  } else {
    lastReview = spell.startDay + 14;
  }
  let nextQuarterly = lastReview + QUARTER;
  let nextAnnual = spell.startDay + 14 + QUARTER;
  for (;;) {
    const isAnnual = nextAnnual <= nextQuarterly + 14;
    const due = isAnnual ? nextAnnual : nextQuarterly;
    if (due >= stop || due > horizon) break;
    if (random.chance(0.04)) {
      // Skipped altogether: the next one is simply due a cycle later.
      if (isAnnual) nextAnnual += YEAR;
      else nextQuarterly += QUARTER;
      continue;
    }
    const held = due + lateness(random);
    if (held >= stop || held > horizon) break;
    if (isAnnual) {
      push('where_now', held - random.int(10, 18));
      push('where_to', held - random.int(3, 8));
      push('close_gap', held);
      nextAnnual = held + YEAR;
    } else {
      push('quarterly', held);
    }
    nextQuarterly = held + QUARTER;
    if (held >= today) break;
  }

  const lastPast = Math.min(stop, today) - 1;
  const years = (lastPast - spell.startDay) / YEAR;
  const oneOffs: readonly (readonly [ConversationKind, number])[] = [
    ['promotion', 0.07],
    ['performance', 0.025],
    ['event', 0.06],
  ];
  for (const [kind, perYear] of oneOffs) {
    for (let year = 0; year < years; year += 1) {
      if (random.chance(perYear * Math.min(1, years - year)))
        push(kind, random.int(spell.startDay, Math.max(spell.startDay, lastPast)));
    }
  }
  return planned;
}

/**
 * Every conversation of a person within the history window, oldest first. Booked future meetings
 * exist for about seven in ten people; the rest are due and not booked yet.
 */
export function planConversations(
  context: GeneratorContext,
  person: SyntheticPerson,
  random: Random,
): PlannedConversation[] {
  const all = person.spells
    .flatMap((spell) => planSpell(context, person, spell, random))
    .filter((c) => c.day >= context.windowStart)
    .filter((c) => c.day < context.today || random.chance(0.7));
  return all.sort((a, b) => a.day - b.day || a.kind.localeCompare(b.kind));
}
