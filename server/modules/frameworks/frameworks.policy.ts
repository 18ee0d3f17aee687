import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isPeopleTeam, isSelf, isSignedIn } from '../../policies/predicates.ts';
import type { Actor } from '../../policies/actor.ts';

/** Framework content is not personal: everyone signed in reads it; admins change it. */
export const frameworkPolicy = definePolicy<null, 'manage'>({
  name: 'framework',
  noun: 'framework',
  view: isSignedIn,
  actions: { manage: isAdmin },
});

/** A person as seen through their reporting line on the day of the request. */
export interface CareerSubject {
  personId: string;
  /** Their current manager, if any. */
  managerId: string | null;
  /** Everyone above them, nearest first (includes the current manager). */
  chain: string[];
}

const isEngineer = (actor: Actor, s: CareerSubject) => isSelf(actor, s.personId);
const isCurrentManager = (actor: Actor, s: CareerSubject) =>
  actor.kind === 'person' && s.managerId === actor.id;
const isLeader = (actor: Actor, s: CareerSubject) =>
  actor.kind === 'person' && s.chain.includes(actor.id);
/** The pair that owns C3 records: the engineer and their current manager. */
const isPair = (actor: Actor, s: CareerSubject) =>
  isEngineer(actor, s) || isCurrentManager(actor, s);

/**
 * Placement (track and level) is HR data: the person, everyone above them, admins and the people
 * team read it. Admins and the current manager set it.
 */
export const placementPolicy = definePolicy<CareerSubject | null, 'place'>({
  name: 'placement',
  noun: 'placement',
  subjectOf: (s) => s?.personId ?? null,
  view: (actor, s) =>
    s !== null && (isEngineer(actor, s) || isLeader(actor, s) || isPeopleTeam(actor)),
  actions: {
    place: (actor, s) => s !== null && (isAdmin(actor) || isCurrentManager(actor, s)),
  },
});

/**
 * That assessments exist, with dates (C1), is visible to the pair, leaders above and admins; only
 * the pair starts one.
 */
export const assessmentListPolicy = definePolicy<CareerSubject | null, 'start'>({
  name: 'assessment-list',
  noun: 'person',
  subjectOf: (s) => s?.personId ?? null,
  view: (actor, s) => s !== null && (isEngineer(actor, s) || isLeader(actor, s) || isAdmin(actor)),
  actions: { start: (actor, s) => s !== null && isPair(actor, s) },
});

/** One assessment: metadata as above; ratings (C3) only for the pair. */
export const assessmentPolicy = definePolicy<
  (CareerSubject & { isRevealed: boolean }) | null,
  'open' | 'rate'
>({
  name: 'assessment',
  noun: 'assessment',
  subjectOf: (s) => s?.personId ?? null,
  view: (actor, s) => s !== null && (isEngineer(actor, s) || isLeader(actor, s) || isAdmin(actor)),
  actions: {
    open: (actor, s) => s !== null && isPair(actor, s),
    rate: (actor, s) => s !== null && isPair(actor, s) && !s.isRevealed,
  },
});

/** Gap analysis shows revealed ratings (C3): the person and their current manager only. */
export const gapAnalysisPolicy = definePolicy<CareerSubject | null, never>({
  name: 'gap-analysis',
  noun: 'person',
  subjectOf: (s) => s?.personId ?? null,
  view: (actor, s) => s !== null && isPair(actor, s),
  actions: {},
});

export { isCurrentManager, isEngineer };
