import { definePolicy } from '../../policies/authorize.ts';
import { isPeopleTeam, isSignedIn } from '../../policies/predicates.ts';
import type { Actor } from '../../policies/actor.ts';

/** The cadence policy: everyone signed in reads the rules they are held to; the people team sets them. */
export const cadenceSettingsPolicy = definePolicy<null, 'update'>({
  name: 'cadence-settings',
  noun: 'setting',
  view: isSignedIn,
  actions: { update: isPeopleTeam },
});

/**
 * Home and team view are always about the actor (their own cadence, their own reports); the lists
 * behind them are scoped in SQL to the actor's reporting line.
 */
export const ownCadencePolicy = definePolicy<null, never>({
  name: 'own-cadence',
  noun: 'page',
  view: isSignedIn,
  actions: {},
});

export interface CoverageViewer {
  /** Someone reports to the actor today. */
  hasReports: boolean;
}

const hasCoverage = (actor: Actor, viewer: CoverageViewer | null) =>
  viewer !== null && (isPeopleTeam(actor) || viewer.hasReports);

/**
 * The coverage dashboard (C1 only): managers and leaders for their subtree, the people team and
 * admins for everyone. Others may know it exists but not open it (403).
 */
export const coveragePolicy = definePolicy<CoverageViewer | null, 'read'>({
  name: 'coverage',
  noun: 'dashboard',
  view: (actor) => isSignedIn(actor),
  actions: { read: hasCoverage },
});

export interface CoverageScopeResource {
  /** The manager whose subtree is asked for sits inside what the actor may see. */
  isWithinActorScope: boolean;
}

/** Narrowing the dashboard to one manager's subtree: invisible (404) outside the actor's scope. */
export const coverageScopePolicy = definePolicy<CoverageScopeResource | null, never>({
  name: 'coverage-scope',
  noun: 'manager',
  view: (actor, r) => r !== null && (isPeopleTeam(actor) || r.isWithinActorScope),
  actions: {},
});

export interface CoverageGroupResource {
  isHidden: boolean;
}

/**
 * One group of the dashboard: listed when in scope; its people (names, dates, statuses) only when
 * the group is not hidden by the minimum group size (403 otherwise).
 */
export const coverageGroupPolicy = definePolicy<CoverageGroupResource | null, 'listPeople'>({
  name: 'coverage-group',
  noun: 'group',
  view: (actor, g) => g !== null && isSignedIn(actor),
  actions: { listPeople: (_actor, g) => g !== null && !g.isHidden },
});
