import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import { MINIMUM_GROUP_SIZE } from '../../../shared/schemas/cadence.ts';
import type {
  Coverage,
  CoverageGroup,
  HeatmapRow,
  Metrics,
  TrendPoint,
} from '../../../shared/schemas/cadence.ts';
import { computeMetrics, computeMonth, lastMonths } from './coverage-metrics.ts';
import type { EngineerRow } from './cadence-history.repository.ts';
import type { EngineerSnapshot } from './cadence-snapshots.ts';
import { suppressSmallGroups } from './minimum-group.ts';

/*
 * Assembles the coverage dashboard from snapshots: groups (one per direct manager), the minimum
 * group size rule, the 12-month trend and the team × month heatmap. Pure; the service loads and
 * authorizes.
 */

export const OTHER_GROUP_KEY = 'other';
const MONTHS = 12;

/** A team: a manager's direct reports today (snapshots, or anything that carries the engineer). */
export interface Group<M extends Member = EngineerSnapshot> {
  key: string;
  label: string;
  manager: { id: string; name: string } | null;
  members: M[];
}

interface Member {
  engineer: EngineerRow;
}

/** The team name most of the group shares, for a label a leader recognises. */
function commonTeam(members: readonly Member[]): string | null {
  const counts = new Map<string, number>();
  for (const m of members)
    if (m.engineer.team) counts.set(m.engineer.team, (counts.get(m.engineer.team) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best && best[1] * 2 > members.length ? best[0] : null;
}

/** One group per direct manager, by label. */
export function groupByManager<M extends Member>(members: readonly M[]): Group<M>[] {
  const groups = new Map<string, Group<M>>();
  for (const s of members) {
    const key = s.engineer.managerId;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        label: '',
        manager: { id: key, name: s.engineer.managerName },
        members: [],
      };
      groups.set(key, group);
    }
    group.members.push(s);
  }
  for (const group of groups.values()) {
    const team = commonTeam(group.members);
    const managerName = group.manager?.name ?? '';
    group.label = team ? `${team} · ${managerName}` : `${managerName}’s team`;
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export interface CoverageInput {
  snapshots: readonly EngineerSnapshot[];
  viewerId: string;
  policy: CadencePolicy;
  now: Date;
  windowStart: string;
}

/** The first day of the month `MONTHS - 1` months back: the dashboard's window for rates. */
export function windowStartOf(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (MONTHS - 1), 1))
    .toISOString()
    .slice(0, 10);
}

/** Which groups are hidden now, and whether the total is, for this viewer. */
export function currentSuppression(groups: readonly Group[], viewerId: string) {
  const isViewerDirectManagerOfAll = groups.every((g) => g.key === viewerId);
  const suppression = suppressSmallGroups(
    groups.map((g) => ({ key: g.key, size: g.members.length, isViewersOwn: g.key === viewerId })),
    MINIMUM_GROUP_SIZE,
    { isViewerDirectManagerOfAll },
  );
  const isPoolShown = !suppression.isTotalHidden && suppression.hiddenSize >= MINIMUM_GROUP_SIZE;
  return { ...suppression, isViewerDirectManagerOfAll, isPoolShown };
}

/** The members of the groups pooled under "other" (those hidden on their own). */
export function pooledMembers(groups: readonly Group[], hidden: ReadonlySet<string>) {
  return groups.filter((g) => hidden.has(g.key)).flatMap((g) => g.members);
}

type Report = Omit<Coverage, 'scope' | 'generatedAt'>;

export function buildCoverage(input: CoverageInput): Report {
  const { snapshots, viewerId, policy, now, windowStart } = input;
  const groups = groupByManager(snapshots);
  const current = currentSuppression(groups, viewerId);
  const metricsOf = (members: readonly EngineerSnapshot[]): Metrics =>
    computeMetrics(members, policy, now, windowStart);

  const rows: CoverageGroup[] = groups.map((g) => {
    const isHidden = current.hidden.has(g.key) || (current.isTotalHidden && g.key !== viewerId);
    return {
      key: g.key,
      label: g.label,
      manager: g.manager,
      people: isHidden ? null : g.members.length,
      isHidden,
      isPooled: false,
      metrics: isHidden ? null : metricsOf(g.members),
    };
  });
  const pool = pooledMembers(groups, current.hidden);
  if (current.isPoolShown)
    rows.push({
      key: OTHER_GROUP_KEY,
      label: 'Smaller teams together',
      manager: null,
      people: pool.length,
      isHidden: false,
      isPooled: true,
      metrics: metricsOf(pool),
    });

  // Heatmap rows: the groups shown now, and the pool when it is shown; everyone else still takes
  // part in each month's suppression so that no month's total gives a hidden group away.
  const shownGroups = groups.filter((g) => !rows.find((r) => r.key === g.key)?.isHidden);
  const rowUnits = [
    ...shownGroups.map((g) => ({ key: g.key, label: g.label, members: g.members, isShown: true })),
    {
      key: OTHER_GROUP_KEY,
      label: 'Smaller teams together',
      members: snapshots.filter((s) => !shownGroups.some((g) => g.key === s.engineer.managerId)),
      isShown: current.isPoolShown,
    },
  ].filter((u) => u.members.length > 0);

  const months = lastMonths(now, MONTHS);
  const heatmapRows: HeatmapRow[] = rowUnits
    .filter((u) => u.isShown)
    .map((u) => ({ key: u.key, label: u.label, cells: [] }));
  const trend: TrendPoint[] = [];
  for (const month of months) {
    const figures = rowUnits.map((u) => ({
      unit: u,
      month: computeMonth(u.members, policy, now, month),
    }));
    const monthly = suppressSmallGroups(
      figures.map((f) => ({
        key: f.unit.key,
        size: f.month.people.length,
        isViewersOwn: f.unit.key === viewerId,
        isAlwaysHidden: !f.unit.isShown,
      })),
      MINIMUM_GROUP_SIZE,
      { isViewerDirectManagerOfAll: current.isViewerDirectManagerOfAll },
    );
    for (const f of figures) {
      const row = heatmapRows.find((r) => r.key === f.unit.key);
      if (!row) continue;
      const size = f.month.people.length;
      const isHidden = monthly.hidden.has(f.unit.key) || size === 0;
      row.cells.push({
        month: month.key,
        people: isHidden ? null : size,
        onCadence: isHidden ? null : f.month.onCadence / size,
        isHidden: monthly.hidden.has(f.unit.key),
      });
    }
    const total = computeMonth(snapshots, policy, now, month);
    const size = total.people.length;
    const isTotalHidden = monthly.isTotalHidden || size === 0;
    trend.push({
      month: month.key,
      people: isTotalHidden ? null : size,
      onCadence: isTotalHidden ? null : total.onCadence / size,
      quarterly: isTotalHidden ? null : total.quarterly / size,
      summariesOnTime: isTotalHidden ? null : total.summariesOnTime.value,
    });
  }

  return {
    windowStart,
    minimumGroupSize: MINIMUM_GROUP_SIZE,
    isHidden: current.isTotalHidden,
    totals: current.isTotalHidden || snapshots.length === 0 ? null : metricsOf(snapshots),
    groups: rows,
    groupsTotal: rows.length,
    trend,
    heatmap: { months: months.map((m) => m.key), rows: heatmapRows },
  };
}
