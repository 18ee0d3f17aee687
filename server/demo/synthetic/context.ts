import type { SyntheticPerson } from './org-shape.ts';

/** A level of the active framework, as the generator needs it (looked up by level code). */
export interface LevelFacts {
  id: string;
  trackId: string;
  versionId: string;
  code: string;
  /** The next level up on the same track, if any. */
  nextCode: string | null;
  criteria: readonly {
    id: string;
    competencyName: string;
    text: string;
    examplesJson: string;
    position: number;
  }[];
}

/** What every history generator reads: the organisation, today and the framework. */
export interface GeneratorContext {
  seed: string;
  /** Today as a day number, and now as a minute number (history never reaches past now). */
  today: number;
  nowMinute: number;
  /** First day of the generated history. */
  windowStart: number;
  people: readonly SyntheticPerson[];
  levels: ReadonlyMap<string, LevelFacts>;
}

/** Who managed a person on a day (index), or null. */
export function managerOn(person: SyntheticPerson, day: number): number | null {
  for (const spell of person.spells) {
    if (spell.startDay <= day && (spell.endDay === null || day < spell.endDay))
      return spell.managerIndex;
  }
  return null;
}

/** The person at an index; throws on a bad index (a generator bug, never data). */
export function personAt(context: GeneratorContext, index: number): SyntheticPerson {
  const person = context.people[index];
  if (!person) throw new Error(`synthetic organisation has no person ${index}`);
  return person;
}
