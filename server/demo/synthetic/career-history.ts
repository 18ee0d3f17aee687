import { MINUTES_PER_DAY, isoDay, isoMinute, minuteOf } from './calendar.ts';
import type { GeneratorContext, LevelFacts } from './context.ts';
import { managerOn, personAt } from './context.ts';
import type { BuiltConversation } from './conversation-rows.ts';
import type { SyntheticPerson } from './org-shape.ts';
import type { Random } from './random.ts';
import type { RowSink } from './rows.ts';
import { shortNote } from './texts.ts';

/** Placements, ladder sync-ups (assessments) and What Matters exercises of one person. */

const VALUE_KEYS = [
  'impact',
  'promotion',
  'compensation',
  'learning',
  'work_life_balance',
  'culture',
] as const;

/** The level a person held before their current one, when there is one below on the track. */
function previousLevel(context: GeneratorContext, code: string): LevelFacts | undefined {
  for (const level of context.levels.values()) if (level.nextCode === code) return level;
  return undefined;
}

/**
 * Placements: from the day they joined (or the start of the history) at their level; about four
 * in ten of those with two years or more were promoted into it.
 */
export function writePlacements(
  context: GeneratorContext,
  person: SyntheticPerson,
  random: Random,
  sink: RowSink,
): void {
  const level = person.levelCode ? context.levels.get(person.levelCode) : undefined;
  if (!level) return;
  const firstDay = Math.max(person.joinDay, context.windowStart - 365);
  const lastDay = Math.min(person.leaveDay ?? context.today, context.today);
  const below = previousLevel(context, level.code);
  const placements: { level: LevelFacts; day: number }[] = [];
  if (below && lastDay - firstDay > 2 * 365 && random.chance(0.4)) {
    placements.push({ level: below, day: firstDay });
    placements.push({ level, day: firstDay + random.int(365, lastDay - firstDay - 30) });
  } else {
    placements.push({ level, day: firstDay });
  }
  for (const placement of placements) {
    const placer = managerOn(person, placement.day);
    sink.add('placements', {
      id: random.uuid(),
      person_id: person.id,
      version_id: placement.level.versionId,
      track_id: placement.level.trackId,
      level_id: placement.level.id,
      effective_on: isoDay(placement.day),
      note: placement === placements[0] ? 'Placed when they joined.' : 'Promoted.',
      created_by: placer === null ? null : personAt(context, placer).id,
      created_at: isoMinute(minuteOf(Math.max(placement.day, context.windowStart), 600)),
    });
  }
}

const RATINGS = [
  ['demonstrating_consistently', 45],
  ['showing_signs', 40],
  ['gap', 15],
] as const;

/**
 * A ladder sync-up against the next level for about three in ten people in the last two years:
 * most revealed (both sides submitted), the rest still in progress.
 */
export function writeAssessment(
  context: GeneratorContext,
  person: SyntheticPerson,
  random: Random,
  sink: RowSink,
): void {
  if (person.leaveDay !== null || !person.levelCode || !random.chance(0.3)) return;
  const current = context.levels.get(person.levelCode);
  const target = current?.nextCode ? context.levels.get(current.nextCode) : undefined;
  if (!target) return;
  const startDay = context.today - random.int(10, 700);
  const managerIndex = managerOn(person, startDay);
  if (startDay < person.joinDay + 180 || managerIndex === null) return;
  const manager = personAt(context, managerIndex);
  const id = random.uuid();
  const createdMinute = minuteOf(startDay, random.int(9, 17) * 60);
  sink.add('assessments', {
    id,
    person_id: person.id,
    version_id: target.versionId,
    target_level_id: target.id,
    based_on_id: null,
    started_by: random.chance(0.6) ? manager.id : person.id,
    created_at: isoMinute(createdMinute),
  });
  const isRevealed = random.chance(0.7);
  const engineerSubmitted = isRevealed || random.chance(0.5);
  const submittedMinute = (extraDays: number) =>
    Math.min(context.nowMinute - 1, createdMinute + extraDays * MINUTES_PER_DAY);
  const sides = [
    { side: 'engineer' as const, author: person.id, isSubmitted: engineerSubmitted },
    { side: 'manager' as const, author: manager.id, isSubmitted: isRevealed },
  ];
  const days = { engineer: random.int(1, 9), manager: random.int(2, 12) };
  for (const s of sides)
    sink.add('assessment_sides', {
      assessment_id: id,
      side: s.side,
      author_id: s.side === 'manager' && !isRevealed && random.chance(0.5) ? null : s.author,
      submitted_at: s.isSubmitted ? isoMinute(submittedMinute(days[s.side])) : null,
      updated_at: isoMinute(submittedMinute(days[s.side])),
    });
  for (const criterion of target.criteria) {
    const itemId = random.uuid();
    sink.add('assessment_items', {
      id: itemId,
      assessment_id: id,
      criterion_id: criterion.id,
      competency_name: criterion.competencyName,
      text: criterion.text,
      examples_json: criterion.examplesJson,
      position: criterion.position,
    });
    for (const s of sides) {
      if (!s.isSubmitted && (s.side === 'manager' || !random.chance(0.5))) continue;
      sink.add('assessment_ratings', {
        item_id: itemId,
        assessment_id: id,
        side: s.side,
        rating: random.weighted(RATINGS),
        evidence: random.chance(0.3) ? shortNote(random) : '',
        updated_at: isoMinute(submittedMinute(days[s.side])),
      });
    }
  }
}

/** Points for six ranks that sum to exactly 100, highest first. */
function pointsForRanks(random: Random): number[] {
  const weights = VALUE_KEYS.map(() => 0.2 + random.next()).sort((a, b) => b - a);
  const sum = weights.reduce((a, b) => a + b, 0);
  const points = weights.map((w) => Math.max(1, Math.floor((w / sum) * 100)));
  points[0] = (points[0] ?? 0) + 100 - points.reduce((a, b) => a + b, 0);
  return points;
}

/**
 * What Matters: done with the first conversation for about half of the people and redone at
 * some full (annual) conversations, so drift is visible; shared with the manager of the day
 * about half the time.
 */
export function writeWhatMatters(
  context: GeneratorContext,
  person: SyntheticPerson,
  conversations: readonly BuiltConversation[],
  random: Random,
  sink: RowSink,
): void {
  for (const c of conversations) {
    if (c.completedMinute === null) continue;
    const chance = c.kind === 'initial' ? 0.5 : c.kind === 'where_to' ? 0.3 : 0;
    if (!random.chance(chance)) continue;
    const id = random.uuid();
    const isShared = random.chance(0.55);
    const sharedMinute = Math.min(context.nowMinute - 1, c.completedMinute + random.int(0, 2880));
    sink.add('what_matters_exercises', {
      id,
      engineer_id: person.id,
      shared_with_id: isShared ? personAt(context, c.managerIndex).id : null,
      shared_at: isShared ? isoMinute(sharedMinute) : null,
      created_at: isoMinute(c.completedMinute),
    });
    const order = random.shuffle(VALUE_KEYS);
    const points = pointsForRanks(random);
    for (const [rank, value] of order.entries())
      sink.add('what_matters_values', {
        exercise_id: id,
        value_key: value,
        rank: rank + 1,
        points: points[rank] ?? 0,
        note: random.chance(0.2) ? shortNote(random) : '',
      });
  }
}
