import type { Home, OwnCommitment, UpcomingConversation } from '../../../shared/schemas/cadence.ts';
import type { Clock } from '../../clock.ts';
import { MINUTE_MS, toIsoDate } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import { isPeopleTeam } from '../../policies/predicates.ts';
import { listOwnOpenCommitments } from '../action-items/action-items.repository.ts';
import { byUrgency, presentObligations, visibleKindFor } from './cadence.presenter.ts';
import { ownCadencePolicy } from './cadence.policy.ts';
import {
  countManagersAmong,
  listPeopleByIds,
  listSelfAndReports,
} from './cadence-history.repository.ts';
import { readCadencePolicy } from './cadence-settings.service.ts';
import { loadSnapshots } from './cadence-snapshots.ts';
import type { EngineerSnapshot, SnapshotCache } from './cadence-snapshots.ts';
import type { CoverageService } from './coverage.service.ts';

const UPCOMING_LIMIT = 8;

/** Names of everyone the snapshots' conversations were held with, for obligations owed to or by them. */
export async function namesOf(
  db: Transaction,
  snapshots: readonly EngineerSnapshot[],
): Promise<Map<string, string>> {
  const ids = snapshots.flatMap((s) => s.conversations.map((c) => c.managerId));
  const rows = await listPeopleByIds(db, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function createHomeService(deps: {
  database: Database;
  clock: Clock;
  coverage: CoverageService;
  snapshotCache: SnapshotCache;
}) {
  const { database, clock, coverage, snapshotCache } = deps;
  const { db } = database;

  return {
    /**
     * "What's next" for the actor: their own obligations as an engineer, their upcoming
     * conversations and commitments, each report's open obligations by urgency (as a manager),
     * and the health of their part of the organisation (as a leader or on the people team).
     */
    async getHome(actor: Actor): Promise<Home> {
      authorize(actor, ownCadencePolicy, 'view', null);
      const person = requirePerson(actor);
      const now = clock.now();
      const today = toIsoDate(now);
      const policy = await readCadencePolicy(db);
      const { self, reports: reportRows } = await listSelfAndReports(db, person.id, today);
      const snapshots = await loadSnapshots(
        db,
        [...(self ? [self] : []), ...reportRows],
        policy,
        now,
        // The home lists the actor's own open items itself (listActionItemsOf).
        { commitments: 'none', cache: snapshotCache },
      );
      const names = await namesOf(db, snapshots);
      const mine = snapshots.find((s) => s.engineer.id === person.id);
      const reports = snapshots.filter((s) => s.engineer.id !== person.id);

      const upcoming: UpcomingConversation[] = [];
      const isOpenAhead = (c: EngineerSnapshot['conversations'][number]) =>
        (c.status === 'proposed' || c.status === 'confirmed') &&
        Date.parse(c.startsAt) + c.durationMinutes * MINUTE_MS >= now.getTime();
      for (const c of mine?.conversations ?? [])
        if (isOpenAhead(c))
          upcoming.push({
            id: c.id,
            kind: c.kind,
            status: c.status,
            startsAt: c.startsAt,
            durationMinutes: c.durationMinutes,
            role: 'engineer',
            with: { id: c.managerId, name: names.get(c.managerId) ?? '' },
          });
      for (const s of reports)
        for (const c of s.conversations)
          if (c.managerId === person.id && isOpenAhead(c))
            upcoming.push({
              id: c.id,
              kind: visibleKindFor(person.id, c),
              status: c.status,
              startsAt: c.startsAt,
              durationMinutes: c.durationMinutes,
              role: 'manager',
              with: { id: s.engineer.id, name: s.engineer.name },
            });
      upcoming.sort((a, b) => a.startsAt.localeCompare(b.startsAt));

      const ownItems = await listOwnOpenCommitments(db, person.id);
      const myCommitments: OwnCommitment[] = ownItems.map((item) => ({
        id: item.id,
        text: item.text,
        dueOn: item.dueOn,
        isOverdue: item.dueOn !== null && item.dueOn < today,
        conversationId: item.conversationId,
        manager: { id: item.managerId, name: item.managerName },
      }));

      const reportViews = reports
        .map((s) => ({
          person: { id: s.engineer.id, name: s.engineer.name, title: s.engineer.title },
          // The engineer's own preparation is theirs; the manager sees everything else that is open.
          obligations: presentObligations(
            s,
            s.obligations.filter((o) => o.state !== 'done' && o.kind !== 'engineer_prep'),
            person.id,
            names,
          ).sort(byUrgency),
        }))
        .sort((a, b) => {
          const [x] = a.obligations;
          const [y] = b.obligations;
          if (!x || !y)
            return (x ? -1 : 0) + (y ? 1 : 0) || a.person.name.localeCompare(b.person.name);
          return byUrgency(x, y) || a.person.name.localeCompare(b.person.name);
        });

      const leads =
        reports.length > 0 &&
        (await countManagersAmong(
          db,
          reports.map((s) => s.engineer.id),
          today,
        )) > 0;
      const hasCoverageView = isPeopleTeam(actor) || leads;
      return {
        roles: { hasManager: mine !== undefined, isManager: reports.length > 0, hasCoverageView },
        mine: mine
          ? presentObligations(
              mine,
              // The manager's private prep checklist is theirs alone.
              mine.obligations.filter((o) => o.state !== 'done' && o.kind !== 'manager_prep'),
              person.id,
              names,
            ).sort(byUrgency)
          : [],
        upcomingConversations: upcoming.slice(0, UPCOMING_LIMIT),
        myCommitments,
        reports: reportViews,
        orgHealth: hasCoverageView ? await coverage.getOrgHealth(actor) : null,
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
