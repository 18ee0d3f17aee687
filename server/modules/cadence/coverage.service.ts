import { COVERAGE_PAGE_LIMIT } from '../../../shared/schemas/cadence.ts';
import type {
  Coverage,
  CoverageGroupPeople,
  CoveragePerson,
  CoverageQuery,
  OrgHealth,
} from '../../../shared/schemas/cadence.ts';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../errors.ts';
import type { Actor, PersonActor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import { isPeopleTeam } from '../../policies/predicates.ts';
import { findOrganization } from '../organization/organization.repository.ts';
import { findPersonById } from '../people/people.repository.ts';
import { coverageGroupPolicy, coveragePolicy, coverageScopePolicy } from './cadence.policy.ts';
import { visibleKindFor } from './cadence.presenter.ts';
import { countReportsOn, isInSubtree, listEngineers } from './cadence-history.repository.ts';
import type { EngineerScope } from './cadence-history.repository.ts';
import { readCadencePolicy } from './cadence-settings.service.ts';
import { loadSnapshots } from './cadence-snapshots.ts';
import { assembleCoverage, sortGroups, sumMetrics, suppressionOf } from './coverage-groups.ts';
import type { GroupAggregate } from './coverage-groups.ts';
import type { CoverageGroupsService } from './coverage-groups.service.ts';
import type { EngineerSnapshot } from './cadence-snapshots.ts';
import {
  computeMetrics,
  isOnCadence,
  isSnapshotPlanStale,
  reportedOverdue,
} from './coverage-metrics.ts';
import {
  OTHER_GROUP_KEY,
  buildCoverage,
  currentSuppression,
  groupByManager,
  pooledMembers,
  windowStartOf,
} from './coverage-report.ts';

interface Deps {
  database: Database;
  clock: Clock;
  /** The materialised teams (ADR 091); without it every request computes from all facts. */
  coverageGroups?: CoverageGroupsService;
}

interface Scope {
  kind: 'subtree' | 'organisation';
  root: { id: string; name: string } | null;
  label: string;
  engineers: EngineerScope;
}

export function createCoverageService({ database, clock, coverageGroups }: Deps) {
  const { db } = database;

  /** The scope's teams from the materialised dashboard, up to date. */
  function teamsOf(scope: Scope) {
    if (!coverageGroups) return null;
    return coverageGroups.listTeams(
      scope.engineers.kind === 'subtree'
        ? { kind: 'subtree', rootId: scope.engineers.rootId }
        : { kind: 'everyone' },
    );
  }

  /**
   * What the actor may see: their subtree, everyone for the people team, or — narrowed with
   * `managerId` — one manager's subtree inside that. 403 for people with no reports (and not on
   * the people team); 404 for a manager outside the actor's scope.
   */
  async function resolveScope(
    actor: Actor,
    query: CoverageQuery,
  ): Promise<{ person: PersonActor; scope: Scope }> {
    const person = requirePerson(actor);
    const today = toIsoDate(clock.now());
    const hasReports = (await countReportsOn(db, person.id, today)) > 0;
    authorize(actor, coveragePolicy, 'read', { hasReports });
    if (query.managerId) {
      const manager = await findPersonById(db, query.managerId);
      const isWithinActorScope =
        manager !== undefined &&
        (manager.id === person.id || (await isInSubtree(db, person.id, manager.id, today)));
      authorize(actor, coverageScopePolicy, 'view', manager ? { isWithinActorScope } : null);
      if (!manager) throw new NotFoundError('manager');
      return {
        person,
        scope: {
          kind: 'subtree',
          root: { id: manager.id, name: manager.name },
          label: manager.id === person.id ? 'Everyone below you' : `Everyone below ${manager.name}`,
          engineers: { kind: 'subtree', rootId: manager.id },
        },
      };
    }
    if (isPeopleTeam(actor)) {
      const organization = await findOrganization(db);
      return {
        person,
        scope: {
          kind: 'organisation',
          root: null,
          label: organization?.name ?? 'The organisation',
          engineers: { kind: 'everyone' },
        },
      };
    }
    const self = await findPersonById(db, person.id);
    return {
      person,
      scope: {
        kind: 'subtree',
        root: { id: person.id, name: self?.name ?? '' },
        label: 'Everyone below you',
        engineers: { kind: 'subtree', rootId: person.id },
      },
    };
  }

  async function load(scope: Scope) {
    const now = clock.now();
    const policy = await readCadencePolicy(db);
    const engineers = await listEngineers(db, scope.engineers, toIsoDate(now));
    const snapshots = await loadSnapshots(db, engineers, policy, now, { commitments: 'all' });
    return { now, policy, snapshots };
  }

  function presentPerson(
    viewerId: string,
    s: EngineerSnapshot,
    now: Date,
    policy: Awaited<ReturnType<typeof readCadencePolicy>>,
  ): CoveragePerson {
    const held = s.conversations
      .filter((c) => c.status === 'completed' && c.completedAt)
      .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
    const last = held[0];
    return {
      person: { id: s.engineer.id, name: s.engineer.name, title: s.engineer.title },
      manager: { id: s.engineer.managerId, name: s.engineer.managerName },
      managerSince: s.engineer.managerSince,
      lastConversation: last?.completedAt
        ? { kind: visibleKindFor(viewerId, last), heldAt: last.completedAt }
        : null,
      isOnCadence: isOnCadence(s.obligations),
      obligations: s.obligations
        .filter(
          (o) => o.state !== 'done' && o.kind !== 'engineer_prep' && o.kind !== 'manager_prep',
        )
        .map((o) => ({ kind: o.kind, dueAt: o.dueAt, state: o.state })),
      contract: s.contract
        ? {
            status: s.contract.status,
            lastReviewedAt: s.contract.lastReviewedAt,
            isStale: isSnapshotPlanStale(s, policy, now),
          }
        : null,
    };
  }

  /** One team's (or the pooled small teams') people, loading only those people's facts. */
  async function listTeamPeople(
    actor: Actor,
    viewerId: string,
    key: string,
    teams: readonly GroupAggregate[],
  ): Promise<CoverageGroupPeople> {
    const now = clock.now();
    const sorted = sortGroups(teams);
    const current = suppressionOf(sorted, viewerId);
    const team = sorted.find((t) => t.key === key);
    let members: GroupAggregate[] | null = null;
    let label = '';
    let isHidden = true;
    if (key === OTHER_GROUP_KEY && current.hiddenSize > 0) {
      members = sorted.filter((t) => current.hidden.has(t.key));
      label = 'Smaller teams together';
      isHidden = !current.isPoolShown;
    } else if (team) {
      members = [team];
      label = team.label;
      isHidden = current.hidden.has(team.key) || (current.isTotalHidden && team.key !== viewerId);
    }
    authorize(actor, coverageGroupPolicy, 'listPeople', members ? { isHidden } : null);
    const order = new Map((members ?? []).map((t, index) => [t.key, index]));
    const policy = await readCadencePolicy(db);
    const engineers = (
      await listEngineers(db, { kind: 'reportsOf', managerIds: [...order.keys()] }, toIsoDate(now))
    ).sort((a, b) => (order.get(a.managerId) ?? 0) - (order.get(b.managerId) ?? 0));
    const snapshots = await loadSnapshots(db, engineers, policy, now, { commitments: 'all' });
    return {
      group: { key, label },
      people: snapshots.map((s) => presentPerson(viewerId, s, now, policy)),
    };
  }

  return {
    /** The coverage dashboard for the actor's scope; small groups hidden (minimum group size). */
    async getCoverage(actor: Actor, query: CoverageQuery): Promise<Coverage> {
      const { person, scope } = await resolveScope(actor, query);
      const teams = await teamsOf(scope);
      if (teams) {
        const now = clock.now();
        return {
          scope: { kind: scope.kind, root: scope.root, label: scope.label },
          generatedAt: now.toISOString(),
          ...assembleCoverage({
            groups: teams,
            viewerId: person.id,
            now,
            windowStart: windowStartOf(now),
            page: {
              offset: query.offset ?? 0,
              limit: query.limit ?? COVERAGE_PAGE_LIMIT,
            },
          }),
        };
      }
      const { now, policy, snapshots } = await load(scope);
      return {
        scope: { kind: scope.kind, root: scope.root, label: scope.label },
        generatedAt: now.toISOString(),
        ...buildCoverage({
          snapshots,
          viewerId: person.id,
          policy,
          now,
          windowStart: windowStartOf(now),
        }),
      };
    },

    /**
     * Names, dates and statuses of one group's people (never content). 404 for a group outside
     * the scope; 403 when the group is hidden by the minimum group size.
     */
    async listGroupPeople(
      actor: Actor,
      key: string,
      query: CoverageQuery,
    ): Promise<CoverageGroupPeople> {
      const { person, scope } = await resolveScope(actor, query);
      const teams = await teamsOf(scope);
      if (teams) return listTeamPeople(actor, person.id, key, teams);
      const { now, policy, snapshots } = await load(scope);
      const groups = groupByManager(snapshots);
      const current = currentSuppression(groups, person.id);
      const group = groups.find((g) => g.key === key);
      let members: EngineerSnapshot[] | null = null;
      let label = '';
      let isHidden = true;
      if (key === OTHER_GROUP_KEY && current.hiddenSize > 0) {
        members = pooledMembers(groups, current.hidden);
        label = 'Smaller teams together';
        isHidden = !current.isPoolShown;
      } else if (group) {
        members = group.members;
        label = group.label;
        isHidden =
          current.hidden.has(group.key) || (current.isTotalHidden && group.key !== person.id);
      }
      authorize(actor, coverageGroupPolicy, 'listPeople', members ? { isHidden } : null);
      return {
        group: { key, label },
        people: (members ?? []).map((s) => presentPerson(person.id, s, now, policy)),
      };
    },

    /** The headline health of the actor's part of the organisation, for the home page; null when they have none. */
    async getOrgHealth(actor: Actor): Promise<OrgHealth | null> {
      const person = requirePerson(actor);
      const today = toIsoDate(clock.now());
      if (!isPeopleTeam(actor) && (await countReportsOn(db, person.id, today)) === 0) return null;
      const { scope } = await resolveScope(actor, {});
      const teams = await teamsOf(scope);
      if (teams) {
        const current = suppressionOf(teams, person.id);
        const hasPeople = teams.some((t) => t.size > 0);
        if (current.isTotalHidden || !hasPeople)
          return {
            scopeLabel: scope.label,
            people: null,
            isHidden: hasPeople,
            onCadence: null,
            overduePeople: null,
            stalePlans: null,
          };
        const metrics = sumMetrics(teams);
        return {
          scopeLabel: scope.label,
          people: metrics.people,
          isHidden: false,
          onCadence: metrics.onCadence,
          overduePeople: metrics.overduePeople,
          stalePlans: metrics.stalePlans,
        };
      }
      const { now, policy, snapshots } = await load(scope);
      const groups = groupByManager(snapshots);
      const current = currentSuppression(groups, person.id);
      if (current.isTotalHidden || snapshots.length === 0)
        return {
          scopeLabel: scope.label,
          people: null,
          isHidden: snapshots.length > 0,
          onCadence: null,
          overduePeople: null,
          stalePlans: null,
        };
      const metrics = computeMetrics(snapshots, policy, now, windowStartOf(now));
      return {
        scopeLabel: scope.label,
        people: metrics.people,
        isHidden: false,
        onCadence: metrics.onCadence,
        overduePeople: snapshots.filter((s) => reportedOverdue(s.obligations).length > 0).length,
        stalePlans: metrics.stalePlans,
      };
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;
