import { LRUCache } from 'lru-cache';
import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import { yieldToRequests } from '../../background/yield.ts';
import type { Clock } from '../../clock.ts';
import { toIsoDate } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { readCadencePolicy } from './cadence-settings.service.ts';
import { listCadenceTokens, listEngineers } from './cadence-history.repository.ts';
import type { EngineerRow } from './cadence-history.repository.ts';
import { loadSnapshots } from './cadence-snapshots.ts';
import { aggregateTeam, figuresOf } from './coverage-groups.ts';
import type { EngineerFigures, GroupAggregate } from './coverage-groups.ts';
import {
  clearDirtyMarks,
  deleteTeams,
  findCoverageState,
  listDirtyMarks,
  listExpiredTeams,
  listManagersToday,
  listPeopleWithLineChanges,
  findTeamsVersion,
  listTeams,
  listTeamsOf,
  nextRefresh,
  raiseTeamsVersion,
  saveTeam,
  updateCoverageState,
} from './coverage-groups.repository.ts';
import { groupByManager, windowStartOf } from './coverage-report.ts';

/**
 * Teams recomputed per batch, with a turn for waiting requests between batches (ADR 095): about
 * 250 engineers, a few hundred milliseconds of synchronous work on SQLite at 100,000 people.
 */
const BATCH = 25;

/**
 * Engineers whose figures a process keeps between refreshes: about 2 KB each (measured with its
 * key and two short integer arrays), so at most about 40 MB. Beyond it, least recently refreshed
 * engineers leave and their teams are recomputed from their facts, as before ADR 104.
 */
const FIGURES_KEPT = 20_000;

interface KeptFigures {
  /** The engineer's `cadence_marks` token when their facts were read (null: none yet). */
  token: number | null;
  policyKey: string;
  managerId: string;
  managerSince: string;
  /** When the figures were computed: they hold from then until `figures.validUntilMs`. */
  fromMs: number;
  figures: EngineerFigures;
}

export interface RefreshResult {
  isFullRebuild: boolean;
  /** Teams whose figures changed. */
  teams: number;
  /** Engineers whose facts were read (the others' figures were kept). */
  engineers: number;
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

  /*
   * Each engineer's figures as last computed, reused while their cadence token (ADR 102), reporting
   * line and the policy are unchanged and until their own `validUntil`: a write recomputes the
   * engineer it concerns, not their whole team (ADR 104).
   */
  const kept = new LRUCache<string, KeptFigures>({ max: FIGURES_KEPT });

  async function figuresOfEngineers(
    engineers: readonly EngineerRow[],
    policy: CadencePolicy,
    now: Date,
    windowStart: string,
  ): Promise<{ figures: Map<string, EngineerFigures>; read: number }> {
    // The tokens are read before the facts: facts newer than their token only cost a recomputation.
    const tokens = await listCadenceTokens(
      db,
      engineers.map((e) => e.id),
    );
    const policyKey = JSON.stringify(policy);
    const nowMs = now.getTime();
    const figures = new Map<string, EngineerFigures>();
    const stale: EngineerRow[] = [];
    for (const engineer of engineers) {
      const entry = kept.get(engineer.id);
      if (
        entry &&
        entry.token === (tokens.get(engineer.id) ?? null) &&
        entry.policyKey === policyKey &&
        entry.managerId === engineer.managerId &&
        entry.managerSince === engineer.managerSince &&
        entry.fromMs <= nowMs &&
        nowMs < entry.figures.validUntilMs
      )
        figures.set(engineer.id, entry.figures);
      else stale.push(engineer);
    }
    for (const snapshot of await loadSnapshots(db, stale, policy, now, { commitments: 'all' })) {
      const { engineer } = snapshot;
      const computed = figuresOf(snapshot, policy, now, windowStart);
      kept.set(engineer.id, {
        token: tokens.get(engineer.id) ?? null,
        policyKey,
        managerId: engineer.managerId,
        managerSince: engineer.managerSince,
        fromMs: nowMs,
        figures: computed,
      });
      figures.set(engineer.id, computed);
    }
    return { figures, read: stale.length };
  }

  async function recompute(
    managerIds: readonly string[],
    now: Date,
    refresh: number,
  ): Promise<{ teams: number; engineers: number }> {
    const policy = await readCadencePolicy(db);
    const today = toIsoDate(now);
    const windowStart = windowStartOf(now);
    let written = 0;
    let read = 0;
    for (let start = 0; start < managerIds.length; start += BATCH) {
      if (start > 0) await yieldToRequests();
      const batch = managerIds.slice(start, start + BATCH);
      const engineers = await listEngineers(db, { kind: 'reportsOf', managerIds: batch }, today);
      const { figures, read: readNow } = await figuresOfEngineers(
        engineers,
        policy,
        now,
        windowStart,
      );
      read += readNow;
      const groups = groupByManager(engineers.map((engineer) => ({ engineer })));
      const present = new Set(groups.map((g) => g.key));
      await db.transaction().execute(async (trx) => {
        for (const group of groups) {
          const members = group.members.map(({ engineer }) => {
            const found = figures.get(engineer.id);
            if (!found) throw new Error(`no coverage figures for engineer ${engineer.id}`);
            return found;
          });
          if (
            await saveTeam(
              trx,
              aggregateTeam(group, members, now, windowStart),
              refresh,
              now.toISOString(),
            )
          )
            written += 1;
        }
        await deleteTeams(
          trx,
          batch.filter((id) => !present.has(id)),
          refresh,
        );
        await raiseTeamsVersion(trx);
      });
    }
    return { teams: written, engineers: read };
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
    const done =
      teams.length > 0
        ? await recompute(teams, now, await nextRefresh(db))
        : { teams: 0, engineers: 0 };
    if (marks.length > 0) await clearDirtyMarks(db, marks);
    if (isFullRebuild || state.linesCheckedOn !== today)
      await updateCoverageState(db, { isBuilt: true, windowStart, linesCheckedOn: today });
    return { isFullRebuild, ...done };
  }

  /** The whole organisation's teams as last read, with the version read before them. */
  let everyone: { version: number; teams: readonly GroupAggregate[] } | null = null;
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

    /**
     * Every team in a scope, up to date as of now. The whole organisation's teams are kept
     * between requests while the teams' version is the one read with them (ADR 111); the version
     * is read first, so a write in between costs one more read, never a stale answer.
     */
    async listTeams(
      scope: { kind: 'everyone' } | { kind: 'subtree'; rootId: string },
    ): Promise<readonly GroupAggregate[]> {
      await this.refresh();
      if (scope.kind === 'subtree') return listTeams(db, scope, toIsoDate(clock.now()));
      const version = await findTeamsVersion(db);
      if (everyone?.version !== version) {
        const teams = await listTeams(db, scope, toIsoDate(clock.now()));
        // Shared by every request: frozen, so code that changed them in place would fail in tests.
        for (const team of teams) {
          Object.freeze(team.metrics);
          Object.freeze(team.months);
          Object.freeze(team);
        }
        everyone = { version, teams: Object.freeze(teams) };
      }
      return everyone.teams;
    },
  };
}

export type CoverageGroupsService = ReturnType<typeof createCoverageGroupsService>;
