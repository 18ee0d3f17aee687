import { OBLIGATION_KINDS, summaryDueAt } from '../../../shared/cadence/cadence.ts';
import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import { MINIMUM_GROUP_SIZE } from '../../../shared/schemas/cadence.ts';
import { instantMs as ms } from '../../../shared/cadence/instants.ts';
import type {
  Coverage,
  CoverageGroup,
  HeatmapRow,
  Metrics,
  Ratio,
  TrendPoint,
} from '../../../shared/schemas/cadence.ts';
import { DAY_MS, MINUTE_MS } from '../../clock.ts';
import type { EngineerRow } from './cadence-history.repository.ts';
import type { EngineerSnapshot } from './cadence-snapshots.ts';
import { computeMetrics, computeMonth, lastMonths, ratio } from './coverage-metrics.ts';
import { OTHER_GROUP_KEY } from './coverage-report.ts';
import type { Group } from './coverage-report.ts';
import { suppressSmallGroups } from './minimum-group.ts';

/*
 * The coverage dashboard from per-team aggregates (ADR 091). Every figure buildCoverage computes
 * is a sum over engineers, so a team's sums can be stored, and any scope's dashboard is the sum of
 * its teams: the same numbers as computing it fresh, without reading every conversation.
 */

const MONTHS = 12;

/** One team (a manager's direct reports today) as the dashboard needs it. */
export interface GroupAggregate {
  key: string;
  managerName: string;
  label: string;
  /** The team's first engineer in the dashboard's order (name, then id), to order equal labels. */
  firstMember: { name: string; id: string };
  size: number;
  /** The team's Metrics, as `encodeMetrics` writes them: sums that add up across teams. */
  metrics: number[];
  /** Per month of the dashboard (oldest first): people, on cadence, quarterly, summaries on time / measured. */
  months: number[];
  windowStart: string;
  /** Until when (exclusive) these figures hold if nothing is written: the next due date, … */
  validUntil: string;
}

/** The first instant of the next calendar month (UTC): the latest any team's figures hold. */
const nextMonthMs = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);

/**
 * The first instant after `now` at which any figure of these engineers could change with no
 * write at all: an obligation falling overdue, a summary or commitment becoming late, a plan going
 * stale, an aspiration passing a year, a reporting line starting or ending, the next month.
 */
export function validUntilOf(
  members: readonly EngineerSnapshot[],
  policy: CadencePolicy,
  now: Date,
): string {
  const nowMs = now.getTime();
  let next = nextMonthMs(now);
  const consider = (at: number) => {
    if (at > nowMs && at < next) next = at;
  };
  for (const s of members) {
    for (const o of s.obligations) consider(ms(o.dueAt) + 1);
    for (const c of s.conversations) {
      consider(ms(c.startsAt) + c.durationMinutes * MINUTE_MS + 1);
      if (c.status !== 'completed' || !c.completedAt) continue;
      if (!c.firstSummarySentAt) consider(ms(summaryDueAt(c.completedAt, policy)) + 1);
      if (c.kind === 'where_to') consider(ms(c.completedAt) + policy.annualEveryDays * DAY_MS + 1);
    }
    for (const item of s.commitments) if (item.dueOn) consider(ms(item.dueOn) + DAY_MS);
    const contract = s.contract;
    const reference = contract?.lastReferencedAt ?? contract?.activeSince;
    if (contract?.status === 'active' && reference)
      consider(ms(reference) + policy.staleAfterDays * DAY_MS + 1);
    for (const line of s.lines) {
      consider(ms(line.startsOn));
      if (line.endsOn) consider(ms(line.endsOn));
    }
  }
  return new Date(next).toISOString();
}

/**
 * One engineer's part of their team's sums at `now`: the team's figures are the element-wise sum
 * of its members', and the team's `validUntil` the earliest of theirs.
 */
export interface EngineerFigures {
  /** `encodeMetrics` of this engineer alone. */
  metrics: Int32Array;
  /** Per month of the dashboard, as in `GroupAggregate.months`. */
  months: Int32Array;
  /** `validUntilOf` this engineer alone, in epoch milliseconds. */
  validUntilMs: number;
}

/** What an engineer adds to their team's figures, by the functions the fresh dashboard uses. */
export function figuresOf(
  snapshot: EngineerSnapshot,
  policy: CadencePolicy,
  now: Date,
  windowStart: string,
): EngineerFigures {
  const members = [snapshot];
  return {
    metrics: Int32Array.from(encodeMetrics(computeMetrics(members, policy, now, windowStart))),
    months: Int32Array.from(
      lastMonths(now, MONTHS).flatMap((month) => {
        const figures = computeMonth(members, policy, now, month);
        return [
          figures.people.length,
          figures.onCadence,
          figures.quarterly,
          figures.summariesOnTime.numerator,
          figures.summariesOnTime.denominator,
        ];
      }),
    ),
    validUntilMs: ms(validUntilOf(members, policy, now)),
  };
}

/** A team's sums from its members' figures (`figures[i]` is `group.members[i]`'s). */
export function aggregateTeam(
  group: Group<{ engineer: EngineerRow }>,
  figures: readonly EngineerFigures[],
  now: Date,
  windowStart: string,
): GroupAggregate {
  const [first] = group.members;
  let validUntilMs = nextMonthMs(now);
  for (const f of figures) validUntilMs = Math.min(validUntilMs, f.validUntilMs);
  return {
    key: group.key,
    managerName: group.manager?.name ?? '',
    label: group.label,
    firstMember: { name: first?.engineer.name ?? '', id: first?.engineer.id ?? '' },
    size: group.members.length,
    metrics: sumEncoded(
      figures.map((f) => f.metrics),
      METRICS_LENGTH,
    ),
    months: sumEncoded(
      figures.map((f) => f.months),
      MONTHS * MONTH_FIELDS,
    ),
    windowStart,
    validUntil: new Date(validUntilMs).toISOString(),
  };
}

/*
 * Metrics as a flat list of counts (ratios as numerator, denominator): small to store, and the
 * metrics of several teams together are the element-wise sum.
 */
const RATIOS = [
  'onCadence',
  'quarterly',
  'annual',
  'initialOnTime',
  'summariesOnTime',
  'acknowledged',
  'commitmentsKept',
] as const;
const COUNTS = [
  'people',
  'overduePeople',
  'activePlans',
  'stalePlans',
  'aspirationsNotRevisited',
] as const;
const METRICS_LENGTH = RATIOS.length * 2 + COUNTS.length + OBLIGATION_KINDS.length;
const MONTH_FIELDS = 5;

export function encodeMetrics(m: Metrics): number[] {
  return [
    ...RATIOS.flatMap((key) => [m[key].numerator, m[key].denominator]),
    ...COUNTS.map((key) => m[key]),
    ...OBLIGATION_KINDS.map((kind) => m.overdueByKind[kind] ?? 0),
  ];
}

export function decodeMetrics(values: readonly number[]): Metrics {
  const at = (index: number) => values[index] ?? 0;
  const counts = RATIOS.length * 2;
  const kinds = counts + COUNTS.length;
  const m = {
    overdueByKind: Object.fromEntries(
      OBLIGATION_KINDS.map((kind, i) => [kind, at(kinds + i)]),
    ) as Metrics['overdueByKind'],
  } as Metrics;
  for (const [i, key] of RATIOS.entries()) m[key] = ratio(at(2 * i), at(2 * i + 1));
  for (const [i, key] of COUNTS.entries()) m[key] = at(counts + i);
  return m;
}

/** Element-wise sum of encoded figures (metrics or months). */
export function sumEncoded(all: readonly ArrayLike<number>[], length: number): number[] {
  const total = new Array<number>(length).fill(0);
  for (const values of all)
    for (let i = 0; i < length; i += 1) total[i] = (total[i] ?? 0) + (values[i] ?? 0);
  return total;
}

/** The metrics of several teams together (every metric is a sum over engineers). */
export function sumMetrics(groups: readonly GroupAggregate[]): Metrics {
  return decodeMetrics(
    sumEncoded(
      groups.map((g) => g.metrics),
      METRICS_LENGTH,
    ),
  );
}

interface MonthFigures {
  people: number;
  onCadence: number;
  quarterly: number;
  summariesOnTime: Ratio;
}

function monthOf(values: readonly number[], index: number): MonthFigures {
  const base = index * MONTH_FIELDS;
  return {
    people: values[base] ?? 0,
    onCadence: values[base + 1] ?? 0,
    quarterly: values[base + 2] ?? 0,
    summariesOnTime: ratio(values[base + 3] ?? 0, values[base + 4] ?? 0),
  };
}

/** Teams in the dashboard's order: by label, equal labels by their first engineer. */
export function sortGroups(groups: readonly GroupAggregate[]): GroupAggregate[] {
  return [...groups].sort(
    (a, b) =>
      a.label.localeCompare(b.label) ||
      a.firstMember.name.localeCompare(b.firstMember.name) ||
      a.firstMember.id.localeCompare(b.firstMember.id),
  );
}

/** What every viewer's dashboard shares for one list of teams: their order and their sums. */
interface SharedFigures {
  sorted: readonly GroupAggregate[];
  months: readonly number[];
  metrics: readonly number[];
  people: number;
}

/**
 * Worked out once per list of teams: the service keeps the organisation's list between requests
 * (ADR 111), so every viewer's dashboard after the first starts from these.
 */
const sharedByList = new WeakMap<readonly GroupAggregate[], SharedFigures>();

function sharedFiguresOf(groups: readonly GroupAggregate[]): SharedFigures {
  let shared = sharedByList.get(groups);
  if (!shared) {
    shared = {
      sorted: sortGroups(groups),
      months: sumEncoded(
        groups.map((g) => g.months),
        MONTHS * MONTH_FIELDS,
      ),
      metrics: sumEncoded(
        groups.map((g) => g.metrics),
        METRICS_LENGTH,
      ),
      people: groups.reduce((sum, g) => sum + g.size, 0),
    };
    sharedByList.set(groups, shared);
  }
  return shared;
}

/** Which teams are hidden for this viewer now (the minimum group size), as buildCoverage decides. */
export function suppressionOf(groups: readonly GroupAggregate[], viewerId: string) {
  const isViewerDirectManagerOfAll = groups.every((g) => g.key === viewerId);
  const suppression = suppressSmallGroups(
    groups.map((g) => ({ key: g.key, size: g.size, isViewersOwn: g.key === viewerId })),
    MINIMUM_GROUP_SIZE,
    { isViewerDirectManagerOfAll },
  );
  const isPoolShown = !suppression.isTotalHidden && suppression.hiddenSize >= MINIMUM_GROUP_SIZE;
  return { ...suppression, isViewerDirectManagerOfAll, isPoolShown };
}

type Report = Omit<Coverage, 'scope' | 'generatedAt'>;

/**
 * The dashboard of a scope from its teams' aggregates: what buildCoverage gives, from sums, in
 * time linear in the number of teams. `page` selects the team rows (and their heatmap rows);
 * totals and the trend cover every team.
 */
export function assembleCoverage(input: {
  groups: readonly GroupAggregate[];
  viewerId: string;
  now: Date;
  windowStart: string;
  page?: { offset: number; limit: number };
}): Report {
  const { viewerId, now, windowStart } = input;
  const shared = sharedFiguresOf(input.groups);
  const groups = shared.sorted;
  const current = suppressionOf(groups, viewerId);
  const isRowHidden = (g: GroupAggregate) =>
    current.hidden.has(g.key) || (current.isTotalHidden && g.key !== viewerId);
  const pool = groups.filter((g) => current.hidden.has(g.key));
  const rowCount = groups.length + (current.isPoolShown ? 1 : 0);
  const from = input.page?.offset ?? 0;
  const to = Math.min(rowCount, from + (input.page?.limit ?? rowCount));
  const rows: CoverageGroup[] = [];
  for (let i = from; i < to; i += 1) {
    const g = groups[i];
    if (g) {
      const isHidden = isRowHidden(g);
      rows.push({
        key: g.key,
        label: g.label,
        manager: { id: g.key, name: g.managerName },
        people: isHidden ? null : g.size,
        isHidden,
        isPooled: false,
        metrics: isHidden ? null : decodeMetrics(g.metrics),
      });
    } else
      rows.push({
        key: OTHER_GROUP_KEY,
        label: 'Smaller teams together',
        manager: null,
        people: pool.reduce((sum, p) => sum + p.size, 0),
        isHidden: false,
        isPooled: true,
        metrics: sumMetrics(pool),
      });
  }

  const shown = groups.filter((g) => !isRowHidden(g));
  const shownKeys = new Set(shown.map((g) => g.key));
  const monthsLength = MONTHS * MONTH_FIELDS;
  const units = [
    ...shown.map((g) => ({ key: g.key, label: g.label, months: g.months, isShown: true })),
    {
      key: OTHER_GROUP_KEY,
      label: 'Smaller teams together',
      months: sumEncoded(
        groups.filter((g) => !shownKeys.has(g.key)).map((g) => g.months),
        monthsLength,
      ),
      isShown: current.isPoolShown,
      isEmpty: groups.every((g) => shownKeys.has(g.key)),
    },
  ].filter((u) => !('isEmpty' in u && u.isEmpty));
  const onPage = new Set(rows.map((r) => r.key));
  const heatmapRows = new Map<string, HeatmapRow>();
  for (const u of units)
    if (u.isShown && onPage.has(u.key))
      heatmapRows.set(u.key, { key: u.key, label: u.label, cells: [] });
  const total = shared.months;

  const months = lastMonths(now, MONTHS);
  const onPageUnits = units.filter((u) => heatmapRows.has(u.key));
  const trend: TrendPoint[] = [];
  for (const [index, month] of months.entries()) {
    // The minimum group size needs every unit's head count; the full figures only the page's rows.
    const monthly = suppressSmallGroups(
      units.map((u) => ({
        key: u.key,
        size: u.months[index * MONTH_FIELDS] ?? 0,
        isViewersOwn: u.key === viewerId,
        isAlwaysHidden: !u.isShown,
      })),
      MINIMUM_GROUP_SIZE,
      { isViewerDirectManagerOfAll: current.isViewerDirectManagerOfAll },
    );
    for (const u of onPageUnits) {
      const row = heatmapRows.get(u.key);
      if (!row) continue;
      const figures = monthOf(u.months, index);
      const size = figures.people;
      const isHidden = monthly.hidden.has(u.key) || size === 0;
      row.cells.push({
        month: month.key,
        people: isHidden ? null : size,
        onCadence: isHidden ? null : figures.onCadence / size,
        isHidden: monthly.hidden.has(u.key),
      });
    }
    const all = monthOf(total, index);
    const isTotalHidden = monthly.isTotalHidden || all.people === 0;
    trend.push({
      month: month.key,
      people: isTotalHidden ? null : all.people,
      onCadence: isTotalHidden ? null : all.onCadence / all.people,
      quarterly: isTotalHidden ? null : all.quarterly / all.people,
      summariesOnTime: isTotalHidden ? null : all.summariesOnTime.value,
    });
  }
  const { people } = shared;
  return {
    windowStart,
    minimumGroupSize: MINIMUM_GROUP_SIZE,
    isHidden: current.isTotalHidden,
    totals: current.isTotalHidden || people === 0 ? null : decodeMetrics(shared.metrics),
    groups: rows,
    groupsTotal: rowCount,
    trend,
    heatmap: { months: months.map((m) => m.key), rows: [...heatmapRows.values()] },
  };
}
