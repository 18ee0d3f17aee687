import { yieldToRequests } from '../../background/yield.ts';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { readCadencePolicy } from './cadence-settings.service.ts';
import { loadSnapshots } from './cadence-snapshots.ts';
import { aggregateGroup } from './coverage-groups.ts';
import type { GroupAggregate } from './coverage-groups.ts';
import {
  clearDirtyMarks,
  deleteTeams,
  findCoverageState,
  listDirtyMarks,
  listExpiredTeams,
  listManagersToday,
  listPeopleWithLineChanges,
  listTeamEngineers,
  listTeams,
  listTeamsOf,
  nextRefresh,
  saveTeam,
  updateCoverageState,
} from './coverage-groups.repository.ts';
import { groupByManager, windowStartOf } from './coverage-report.ts';

/**
 * Teams recomputed per batch, with a turn for waiting requests between batches (ADR 095): about
 * 250 engineers, a few hundred milliseconds of synchronous work on SQLite at 100,000 people.
 */
const BATCH = 25;

export interface RefreshResult {
  isFullRebuild: boolean;
  teams: number;
}

/**
 * The materialised coverage dashboard (ADR 091): one aggregate per team, kept equal to a fresh
 * computation. `refresh()` recomputes the teams that writes touched (marked by triggers), that
 * time has moved on (`valid_until`), whose members' reporting lines started or ended, or all of
 * them for a new policy or month. Callers refresh before reading; each instance also refreshes in
 * the background so reads find little to do.
 */
export function createCoverageGroupsService({
  database,
  clock,
}: {
  database: Database;
  clock: Clock;
}) {
  const { db } = database;

  async function recompute(
    managerIds: readonly string[],
    now: Date,
    refresh: number,
  ): Promise<number> {
    const policy = await readCadencePolicy(db);
    const today = toIsoDate(now);
    const windowStart = windowStartOf(now);
    let written = 0;
    for (let start = 0; start < managerIds.length; start += BATCH) {
      if (start > 0) await yieldToRequests();
      const batch = managerIds.slice(start, start + BATCH);
      const engineers = await listTeamEngineers(db, batch, today);
      const snapshots = await loadSnapshots(db, engineers, policy, now, { commitments: 'all' });
      const groups = groupByManager(snapshots);
      const present = new Set(groups.map((g) => g.key));
      await db.transaction().execute(async (trx) => {
        for (const group of groups)
          if (
            await saveTeam(
              trx,
              aggregateGroup(group, policy, now, windowStart),
              refresh,
              now.toISOString(),
            )
          )
            written += 1;
        await deleteTeams(
          trx,
          batch.filter((id) => !present.has(id)),
          refresh,
        );
      });
    }
    return written;
  }

  async function run(): Promise<RefreshResult> {
    const now = clock.now();
    const today = toIsoDate(now);
    const windowStart = windowStartOf(now);
    const state = await findCoverageState(db);
    const marks = await listDirtyMarks(db);
    const isFullRebuild =
      !state.isBuilt ||
      state.windowStart !== windowStart ||
      (state.linesCheckedOn !== null && state.linesCheckedOn > today) ||
      marks.some((m) => m.personId === '*');
    let teams: string[];
    if (isFullRebuild) {
      const existing = (await listTeams(db, { kind: 'everyone' }, today)).map((g) => g.key);
      teams = [...new Set([...(await listManagersToday(db, today)), ...existing])];
    } else {
      const moved =
        state.linesCheckedOn !== null && state.linesCheckedOn < today
          ? await listPeopleWithLineChanges(db, state.linesCheckedOn, today)
          : [];
      const touched = [...new Set([...marks.map((m) => m.personId), ...moved])];
      teams = [
        ...new Set([
          ...(touched.length > 0 ? await listTeamsOf(db, touched) : []),
          ...(await listExpiredTeams(db, now.toISOString())),
        ]),
      ];
    }
    // Reads find nothing to do most of the time: then nothing is written either.
    const written = teams.length > 0 ? await recompute(teams, now, await nextRefresh(db)) : 0;
    if (marks.length > 0) await clearDirtyMarks(db, marks);
    if (isFullRebuild || state.linesCheckedOn !== today)
      await updateCoverageState(db, { isBuilt: true, windowStart, linesCheckedOn: today });
    return { isFullRebuild, teams: written };
  }

  let pending: Promise<RefreshResult> | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  return {
    /**
     * Brings the materialised teams up to date. Runs one at a time per process; a caller joins
     * the run that has not started yet (it will see every write made before it), or queues one.
     */
    refresh(): Promise<RefreshResult> {
      if (pending) return pending;
      const next = tail.then(() => {
        pending = null;
        return run();
      });
      pending = next;
      tail = next.catch(() => undefined);
      return next;
    },

    /** Every team in a scope, up to date as of now. */
    async listTeams(
      scope: { kind: 'everyone' } | { kind: 'subtree'; rootId: string },
    ): Promise<GroupAggregate[]> {
      await this.refresh();
      return listTeams(db, scope, toIsoDate(clock.now()));
    },
  };
}

export type CoverageGroupsService = ReturnType<typeof createCoverageGroupsService>;
