import { Random } from './random.ts';
import { AREAS, FIRST_NAMES, LAST_NAMES, TIMEZONES } from './texts.ts';

/**
 * The shape of a synthetic organisation: who exists, who manages whom today, and the reporting
 * history that led there. Pure: the same options always give the same organisation.
 */

/** One reporting line: `managerIndex` managed this person from `startDay` until `endDay` (excluded). */
export interface Spell {
  managerIndex: number;
  startDay: number;
  endDay: number | null;
}

export interface SyntheticPerson {
  index: number;
  id: string;
  name: string;
  email: string;
  title: string;
  team: string;
  timezone: string;
  joinDay: number;
  /** Set for people who have left: their last day; they are inactive now. */
  leaveDay: number | null;
  isManager: boolean;
  /** 0 for the head of the organisation. */
  depth: number;
  /** Today's manager (the last one, for people who left); null for the head. */
  managerIndex: number | null;
  isAdmin: boolean;
  isPeopleTeam: boolean;
  /** Framework level code now (IC1…IC6, M1…M3), or null for roles outside the framework. */
  levelCode: string | null;
  spells: Spell[];
}

export interface OrgOptions {
  people: number;
  seed: string;
  /** Today, as a day number. */
  today: number;
  /** Years of history. */
  years: number;
}

const MANAGER_SHARE = 0.1;
/** At most five levels of managers, so nobody sits more than six levels deep. */
const MANAGER_LEVELS = 5;
const LEAVER_SHARE = 0.05;

const IC_LEVELS: readonly (readonly [string, number])[] = [
  ['IC1', 10],
  ['IC2', 32],
  ['IC3', 33],
  ['IC4', 15],
  ['IC5', 6],
  ['IC6', 4],
];
const IC_TITLES: Record<string, string> = {
  IC1: 'Junior Software Engineer',
  IC2: 'Software Engineer',
  IC3: 'Senior Software Engineer',
  IC4: 'Staff Engineer',
  IC5: 'Senior Staff Engineer',
  IC6: 'Principal Engineer',
};
const MANAGER_TITLES = [
  ['VP of Engineering', 'M3'],
  ['Director of Engineering', 'M3'],
  ['Senior Engineering Manager', 'M2'],
  ['Engineering Manager', 'M1'],
] as const;

/** The fan-out of the manager tree: the smallest (at least 6) that fits five levels. */
function managerFanOut(managers: number): number {
  for (let f = 6; ; f += 1) {
    let capacity = 0;
    for (let level = 0; level < MANAGER_LEVELS; level += 1) capacity += f ** level;
    if (capacity >= managers) return f;
  }
}

/** Splits `total` into parts proportional to `weights` (largest remainder, deterministic). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/** Builds the organisation: managers first (index 0 is the head), then everyone else. */
export function buildOrganisation(options: OrgOptions): SyntheticPerson[] {
  const { people: total, seed, today, years } = options;
  if (total < 2) throw new Error('a synthetic organisation needs at least 2 people');
  const random = new Random(`${seed}:shape`);
  const windowStart = today - Math.round(years * 365);
  const managers = Math.max(1, Math.round(total * MANAGER_SHARE));
  const fanOut = managerFanOut(managers);

  const parentOf: (number | null)[] = [];
  const depthOf: number[] = [];
  const managerChildren: number[] = new Array<number>(managers).fill(0);
  for (let i = 0; i < managers; i += 1) {
    const parent = i === 0 ? null : Math.floor((i - 1) / fanOut);
    parentOf.push(parent);
    depthOf.push(parent === null ? 0 : (depthOf[parent] ?? 0) + 1);
    if (parent !== null) managerChildren[parent] = (managerChildren[parent] ?? 0) + 1;
  }
  // Individual contributors go mostly to the lowest managers: about ten direct reports each.
  const weights = managerChildren.map((children) => Math.max(1, 10 - children + random.int(-3, 3)));
  const icCounts = apportion(total - managers, weights);
  for (const [manager, count] of icCounts.entries()) {
    for (let k = 0; k < count; k += 1) {
      parentOf.push(manager);
      depthOf.push((depthOf[manager] ?? 0) + 1);
    }
  }

  const people: SyntheticPerson[] = [];
  const teamOf: string[] = [];
  for (let index = 0; index < total; index += 1) {
    const own = new Random(`${seed}:person:${index}`);
    const isManager = index < managers;
    const parent = parentOf[index] ?? null;
    const depth = depthOf[index] ?? 0;
    let team: string;
    if (index === 0) team = 'Engineering';
    else if (!isManager) team = teamOf[parent ?? 0] ?? 'Engineering';
    else if (depth === 1) team = AREAS[(index - 1) % AREAS.length] ?? 'Engineering';
    else team = `${(teamOf[parent ?? 0] ?? 'Engineering').split(' · ')[0]} · ${index}`;
    teamOf.push(team);

    const first = own.pick(FIRST_NAMES);
    const last = own.pick(LAST_NAMES);
    const isPeoplePartner = !isManager && parent === 0 && index === managers;
    let title: string;
    let levelCode: string | null;
    if (isManager) {
      const [managerTitle, code] = MANAGER_TITLES[Math.min(depth, 3)] ?? MANAGER_TITLES[3];
      title = managerTitle;
      levelCode = code;
    } else if (isPeoplePartner) {
      title = 'People Partner';
      levelCode = null;
    } else {
      levelCode = own.weighted(IC_LEVELS);
      title = IC_TITLES[levelCode] ?? 'Software Engineer';
    }
    let joinDay: number;
    if (index === 0) joinDay = windowStart - 6 * 365;
    else if (own.chance(isManager ? 0.6 : 0.4)) joinDay = windowStart - own.int(0, 1400);
    else {
      // Growth: more people joined recently than long ago.
      const span = today - 30 - windowStart;
      joinDay = windowStart + Math.floor(span * Math.sqrt(own.next()));
    }
    const isLeaver = !isManager && !isPeoplePartner && own.chance(LEAVER_SHARE);
    const leaveDay = isLeaver
      ? Math.min(today - 7, Math.max(joinDay + 90, windowStart + own.int(0, today - windowStart)))
      : null;
    people.push({
      index,
      id: own.uuid(),
      name: `${first} ${last}`,
      email: `${first}.${last}.${index}@synthetic.example`.toLowerCase(),
      title,
      team,
      timezone: own.pick(TIMEZONES),
      joinDay,
      leaveDay: leaveDay !== null && leaveDay > joinDay ? leaveDay : null,
      isManager,
      depth,
      managerIndex: parent,
      isAdmin: isPeoplePartner,
      isPeopleTeam: isPeoplePartner,
      levelCode,
      spells: [],
    });
  }
  // Managers join before their reports' lines start; the head is there from the beginning.
  const subManagers = new Map<number, number[]>();
  for (let i = 1; i < managers; i += 1) {
    const parent = parentOf[i] ?? 0;
    subManagers.set(parent, [...(subManagers.get(parent) ?? []), i]);
  }
  for (const person of people) {
    person.spells = spellsOf(person, { people, parentOf, subManagers, seed, today });
    person.managerIndex = person.spells.at(-1)?.managerIndex ?? null;
  }
  return people;
}

/** The managers above `index`, nearest first. */
function ancestorsOf(index: number, parentOf: readonly (number | null)[]): number[] {
  const chain: number[] = [];
  let current = parentOf[index] ?? null;
  while (current !== null) {
    chain.push(current);
    current = parentOf[current] ?? null;
  }
  return chain;
}

/**
 * A person's reporting history: before today's manager arrived they reported to the nearest
 * manager above who was already there; some moved between sibling teams in a reorganisation.
 */
function spellsOf(
  person: SyntheticPerson,
  org: {
    people: readonly SyntheticPerson[];
    parentOf: readonly (number | null)[];
    /** Managers directly under each manager. */
    subManagers: ReadonlyMap<number, readonly number[]>;
    seed: string;
    today: number;
  },
): Spell[] {
  const { people, parentOf, subManagers, seed, today } = org;
  const managerIndex = person.managerIndex;
  if (managerIndex === null) return [];
  const random = new Random(`${seed}:spells:${person.index}`);
  const manager = people[managerIndex];
  if (!manager) return [];
  const end = person.leaveDay;
  const spells: Spell[] = [];
  const currentStart = Math.max(person.joinDay, manager.joinDay);
  if (currentStart > person.joinDay) {
    const earlier =
      ancestorsOf(managerIndex, parentOf).find(
        (a) => (people[a]?.joinDay ?? 0) <= person.joinDay,
      ) ?? 0;
    spells.push({ managerIndex: earlier, startDay: person.joinDay, endDay: currentStart });
  }
  const last = end ?? today;
  // Only individual contributors move between sibling teams, so lines never form a loop.
  const siblings = person.isManager
    ? []
    : (subManagers.get(parentOf[managerIndex] ?? -1) ?? []).filter(
        (s) => s !== managerIndex && (people[s]?.joinDay ?? Infinity) <= currentStart,
      );
  const length = last - currentStart;
  if (siblings.length > 0 && length > 240 && random.chance(0.3)) {
    const change = currentStart + random.int(90, length - 90);
    spells.push({ managerIndex: random.pick(siblings), startDay: currentStart, endDay: change });
    spells.push({ managerIndex, startDay: change, endDay: end });
  } else {
    spells.push({ managerIndex, startDay: currentStart, endDay: end });
  }
  // Someone who left before their last manager arrived ends with the one before.
  return spells
    .map((s) => ({ ...s, endDay: end === null ? s.endDay : Math.min(s.endDay ?? end, end) }))
    .filter((s) => s.endDay === null || s.endDay > s.startDay);
}
