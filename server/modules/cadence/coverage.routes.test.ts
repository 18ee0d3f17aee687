import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, toIsoDate } from '../../clock.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { Agent, TestHarness, TestPerson } from '../../test/harness.ts';
import type {
  Coverage,
  CoverageGroup,
  CoverageGroupPeople,
  Metrics,
} from '../../../shared/schemas/cadence.ts';
import type { ConversationKind } from '../../../shared/schemas/conversations.ts';
import {
  CANARY,
  insertActiveContract,
  insertCommitment,
  insertHeldConversation,
} from './cadence.fixtures.ts';
import type { CommitmentSpec, HeldSpec } from './cadence.fixtures.ts';

/*
 * A seeded organisation, and the dashboard's numbers checked against a computation written here
 * from the seed itself (dates and the policy's numbers), not through the app's code.
 *
 *   leader ── m1 (6 reports), m2 (5), m3 (3), m5 (2)       m4 (5 reports, top level)
 */

interface EngineerSpec {
  key: string;
  managerKey: string;
  sinceDaysAgo: number;
  held: HeldSpec[];
  commitments: CommitmentSpec[];
  contract: {
    activeDaysAgo: number;
    referencedDaysAgo: number;
    checkInDaysAgo: number | null;
  } | null;
}

/** A small deterministic generator, so the seed is varied but the same on every run. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

function makeSpecs(): EngineerSpec[] {
  const g = generator(20260302);
  const teams: Record<string, number> = { m1: 6, m2: 5, m3: 3, m5: 2, m4: 5 };
  const specs: EngineerSpec[] = [];
  const build = (key: string, managerKey: string, sinceDaysAgo: number): EngineerSpec => {
    const held: HeldSpec[] = [];
    const summary = () => g.pick([2, 20, 30, 72, null]);
    // Nothing in the seed happens after "now": a summary or answer that would is left out.
    const withResponse = (base: Omit<HeldSpec, 'responseAfterHours' | 'response'>): HeldSpec => {
      const hoursAgo = base.daysAgo * 24;
      const summaryAfterHours =
        base.summaryAfterHours !== null && base.summaryAfterHours < hoursAgo
          ? base.summaryAfterHours
          : null;
      const responseAfterHours =
        summaryAfterHours !== null && g.chance(0.6) ? g.pick([5, 100, 300]) : null;
      return {
        ...base,
        summaryAfterHours,
        responseAfterHours:
          responseAfterHours !== null &&
          summaryAfterHours !== null &&
          summaryAfterHours + responseAfterHours < hoursAgo
            ? responseAfterHours
            : null,
        response: g.chance(0.8) ? 'acknowledged' : 'amendment_requested',
      };
    };
    const maxAgo = sinceDaysAgo - 1;
    if (maxAgo >= 1 && g.chance(0.75)) {
      const initialAgo = Math.max(1, maxAgo - g.pick([3, 10, 20, 40]));
      held.push(
        withResponse({ kind: 'initial', daysAgo: initialAgo, summaryAfterHours: summary() }),
      );
      for (const kind of [
        'quarterly',
        'close_gap',
        'where_to',
        'quarterly',
        'event',
      ] as ConversationKind[]) {
        if (!g.chance(0.55)) continue;
        const daysAgo = g.pick([1, 3, 15, 45, 80, 100, 150, 200, 380, 500]);
        if (daysAgo < initialAgo)
          held.push(withResponse({ kind, daysAgo, summaryAfterHours: summary() }));
      }
    }
    const commitments: CommitmentSpec[] = [];
    for (let i = 0; i < 3; i += 1)
      if (g.chance(0.6))
        commitments.push({
          owner: g.chance(0.7) ? 'manager' : 'engineer',
          dueDaysAgo: g.pick([-10, 0, 5, 30, 120, 400]),
          doneDaysAfterDue: g.pick([null, -3, 0, 4]),
        });
    const contract = g.chance(0.4)
      ? {
          activeDaysAgo: g.pick([20, 100, 200]),
          referencedDaysAgo: g.pick([5, 30, 61, 90]),
          checkInDaysAgo: g.pick([null, 3, 40]),
        }
      : null;
    return { key, managerKey, sinceDaysAgo, held, commitments, contract };
  };
  for (const manager of ['m1', 'm2', 'm3', 'm5'])
    specs.push(build(manager, 'leader', g.pick([150, 400, 800])));
  for (const [manager, size] of Object.entries(teams))
    for (let i = 1; i <= size; i += 1)
      specs.push(build(`${manager}-e${i}`, manager, g.pick([5, 12, 20, 60, 100, 200, 400, 800])));
  // One veteran whose aspirations were talked about once, long ago ("we talked about it once").
  const veteran = specs.find((s) => s.sinceDaysAgo === 800 && s.held.length > 0);
  if (veteran) {
    veteran.held = veteran.held.filter((h) => h.kind !== 'where_to');
    veteran.held.push({
      kind: 'where_to',
      daysAgo: 450,
      summaryAfterHours: 2,
      responseAfterHours: 5,
    });
  }
  return specs;
}

/* ---------- the independent computation (DESIGN §3's numbers, read from the seed) ---------- */

const POLICY = {
  initial: 14,
  quarterly: 91,
  annual: 365,
  summaryHours: 24,
  ack: 7,
  planCheck: 30,
  stale: 60,
};

function evaluate(spec: EngineerSpec, nowMs: number, atMs: number) {
  const todayMs = Date.parse(`${toIsoDate(new Date(nowMs))}T00:00:00Z`);
  const sinceMs = todayMs - spec.sinceDaysAgo * DAY_MS;
  const completed = (h: HeldSpec) => nowMs - h.daysAgo * DAY_MS;
  const held = spec.held
    .filter((h) => completed(h) <= atMs)
    .sort((a, b) => completed(a) - completed(b));
  const initialDue = sinceMs + POLICY.initial * DAY_MS;
  const initial = held.find((h) => h.kind === 'initial');
  const reviews = held.filter((h) => h.kind === 'quarterly' || h.kind === 'close_gap');
  const lastReview = reviews.at(-1) ?? initial;
  const quarterlyDue =
    (lastReview ? completed(lastReview) : initialDue) + POLICY.quarterly * DAY_MS;
  const lastFull = held.filter((h) => h.kind === 'close_gap').at(-1);
  const annualDue = lastFull
    ? completed(lastFull) + POLICY.annual * DAY_MS
    : initialDue + POLICY.quarterly * DAY_MS;
  const initialLate = !initial && atMs > initialDue;
  const quarterlyLate = atMs > quarterlyDue;
  const annualLate = atMs > annualDue;
  const summaryLate = held.some(
    (h) => h.summaryAfterHours === null && atMs > completed(h) + POLICY.summaryHours * HOUR_MS,
  );
  const ackLate = held.some(
    (h) =>
      h.summaryAfterHours !== null &&
      (h.responseAfterHours === null || h.responseAfterHours === undefined) &&
      atMs > completed(h) + h.summaryAfterHours * HOUR_MS + POLICY.ack * DAY_MS,
  );
  const c = spec.contract;
  const planLate =
    c !== null &&
    atMs >
      Math.max(
        nowMs - c.activeDaysAgo * DAY_MS,
        c.checkInDaysAgo === null ? 0 : nowMs - c.checkInDaysAgo * DAY_MS,
      ) +
        POLICY.planCheck * DAY_MS;
  return {
    isCounted: sinceMs <= Date.parse(`${toIsoDate(new Date(atMs))}T00:00:00Z`),
    sinceMs,
    initialDue,
    initial,
    completed,
    onCadence: !initialLate && !quarterlyLate && !annualLate,
    quarterly: !quarterlyLate,
    annual: !annualLate,
    overdue: initialLate || quarterlyLate || annualLate || summaryLate || ackLate || planLate,
  };
}

function expectedMetrics(specs: readonly EngineerSpec[], nowMs: number, windowStart: string) {
  const windowMs = Date.parse(`${windowStart}T00:00:00Z`);
  const today = toIsoDate(new Date(nowMs));
  const r = { onCadence: 0, quarterly: 0, annual: 0, overdue: 0, initialOn: 0, initialN: 0 };
  const s = { onTime: 0, n: 0, acked: 0, sent: 0, kept: 0, due: 0, active: 0, stale: 0, asp: 0 };
  for (const spec of specs) {
    const e = evaluate(spec, nowMs, nowMs);
    if (e.onCadence) r.onCadence += 1;
    if (e.quarterly) r.quarterly += 1;
    if (e.annual) r.annual += 1;
    if (e.overdue) r.overdue += 1;
    if (e.sinceMs >= windowMs) {
      if (e.initial) {
        r.initialN += 1;
        if (e.completed(e.initial) <= e.initialDue) r.initialOn += 1;
      } else if (nowMs > e.initialDue) r.initialN += 1;
    }
    for (const h of spec.held) {
      const done = e.completed(h);
      if (done >= windowMs) {
        if (h.summaryAfterHours !== null) {
          s.n += 1;
          if (h.summaryAfterHours <= POLICY.summaryHours) s.onTime += 1;
        } else if (nowMs > done + POLICY.summaryHours * HOUR_MS) s.n += 1;
      }
      if (h.summaryAfterHours !== null && done + h.summaryAfterHours * HOUR_MS >= windowMs) {
        s.sent += 1;
        if (h.responseAfterHours != null && h.response === 'acknowledged') s.acked += 1;
      }
    }
    for (const item of spec.commitments) {
      if (item.owner !== 'manager') continue;
      const dueOn = toIsoDate(new Date(nowMs - item.dueDaysAgo * DAY_MS));
      if (dueOn < windowStart || dueOn >= today) continue;
      s.due += 1;
      if (item.doneDaysAfterDue !== null && item.doneDaysAfterDue <= 0) s.kept += 1;
    }
    if (spec.contract) {
      s.active += 1;
      if (spec.contract.referencedDaysAgo > POLICY.stale) s.stale += 1;
    }
    const whereTo = spec.held.filter((h) => h.kind === 'where_to');
    if (whereTo.length === 1 && (whereTo[0]?.daysAgo ?? 0) > POLICY.annual) s.asp += 1;
  }
  const ratio = (n: number, d: number) => ({ numerator: n, denominator: d });
  return {
    people: specs.length,
    onCadence: ratio(r.onCadence, specs.length),
    quarterly: ratio(r.quarterly, specs.length),
    annual: ratio(r.annual, specs.length),
    initialOnTime: ratio(r.initialOn, r.initialN),
    overduePeople: r.overdue,
    summariesOnTime: ratio(s.onTime, s.n),
    acknowledged: ratio(s.acked, s.sent),
    commitmentsKept: ratio(s.kept, s.due),
    activePlans: s.active,
    stalePlans: s.stale,
    aspirationsNotRevisited: s.asp,
  };
}

function comparable(m: Metrics) {
  const ratio = (x: { numerator: number; denominator: number }) => ({
    numerator: x.numerator,
    denominator: x.denominator,
  });
  return {
    people: m.people,
    onCadence: ratio(m.onCadence),
    quarterly: ratio(m.quarterly),
    annual: ratio(m.annual),
    initialOnTime: ratio(m.initialOnTime),
    overduePeople: m.overduePeople,
    summariesOnTime: ratio(m.summariesOnTime),
    acknowledged: ratio(m.acknowledged),
    commitmentsKept: ratio(m.commitmentsKept),
    activePlans: m.activePlans,
    stalePlans: m.stalePlans,
    aspirationsNotRevisited: m.aspirationsNotRevisited,
  };
}

/** No number over fewer than 5 people reaches anyone but that group's direct manager. */
function expectMinimumGroupRule(coverage: Coverage, viewerId: string) {
  const min = coverage.minimumGroupSize;
  const managesAll = coverage.groups.every((g) => g.isHidden || g.manager?.id === viewerId);
  for (const g of coverage.groups) {
    if (g.isHidden) {
      expect(g.metrics).toBeNull();
      expect(g.people).toBeNull();
      continue;
    }
    if (g.manager?.id !== viewerId) expect(g.people ?? 0).toBeGreaterThanOrEqual(min);
  }
  const hiddenWithOthersShown = coverage.groups.filter((g) => g.isHidden && !g.isPooled);
  const pool = coverage.groups.find((g) => g.isPooled);
  if (hiddenWithOthersShown.length > 0 && coverage.totals)
    expect(pool?.people ?? 0).toBeGreaterThanOrEqual(min);
  if (coverage.totals && !managesAll) expect(coverage.totals.people).toBeGreaterThanOrEqual(min);
  for (const row of coverage.heatmap.rows)
    for (const cell of row.cells)
      if (cell.people !== null && row.key !== viewerId)
        expect(cell.people).toBeGreaterThanOrEqual(min);
  for (const point of coverage.trend)
    if (point.people !== null && !managesAll) expect(point.people).toBeGreaterThanOrEqual(min);
}

describe('coverage dashboard on a seeded organisation', () => {
  let t: TestHarness;
  const specs = makeSpecs();
  const people = new Map<string, TestPerson>();
  const agents = new Map<string, Agent>();
  let anonymous: Agent;

  beforeAll(async () => {
    t = await createTestHarness();
    await t.buildOrganization('Seeded Org');
    const today = toIsoDate(t.clock.now());
    const dateAgo = (days: number) =>
      toIsoDate(new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS));
    for (const key of ['leader', 'm4']) people.set(key, await t.buildPerson({ name: `P ${key}` }));
    people.set('admin', await t.buildPerson({ name: 'Ada Admin', isAdmin: true }));
    people.set('people', await t.buildPerson({ name: 'Pat People', isPeopleTeam: true }));
    for (const spec of specs) {
      const manager = people.get(spec.managerKey);
      if (!manager) throw new Error(`seed order: ${spec.managerKey} before ${spec.key}`);
      people.set(
        spec.key,
        await t.buildPerson({
          name: `P ${spec.key}`,
          team: spec.managerKey === 'leader' ? 'Leads' : `Team ${spec.managerKey}`,
          managerId: manager.id,
          managerSince: dateAgo(spec.sinceDaysAgo),
        }),
      );
    }
    // Someone who left: never counted.
    await t.buildPerson({
      name: 'Gone Person',
      managerId: people.get('m1')?.id,
      managerSince: dateAgo(300),
      isActive: false,
    });
    for (const spec of specs) {
      const engineer = people.get(spec.key);
      const manager = people.get(spec.managerKey);
      if (!engineer || !manager) continue;
      const pair = { engineerId: engineer.id, managerId: manager.id };
      for (const held of spec.held) await insertHeldConversation(t, pair, held);
      for (const item of spec.commitments) await insertCommitment(t, pair, item);
      if (spec.contract) await insertActiveContract(t, engineer.id, spec.contract);
    }
    for (const [key, person] of people) agents.set(key, await t.agentFor(person));
    anonymous = t.agent();
  });
  afterAll(() => t.close());

  const agent = (key: string) => {
    const a = agents.get(key);
    if (!a) throw new Error(key);
    return a;
  };
  const id = (key: string) => people.get(key)?.id ?? '';
  const specsUnder = (managerKeys: readonly string[]) =>
    specs.filter((s) => managerKeys.includes(s.managerKey));
  const subtreeOfLeader = ['leader', 'm1', 'm2', 'm3', 'm5'];

  it('answers 401 to the anonymous and 403 to someone with no reports', async () => {
    expect((await anonymous.get('/api/coverage')).status).toBe(401);
    expect((await agent('m1-e1').get('/api/coverage')).status).toBe(403);
    expect((await agent('m1-e1').get(`/api/coverage/groups/${id('m1')}/people`)).status).toBe(403);
  });

  it('gives admins and the people team everyone, with numbers equal to the seed’s', async () => {
    for (const role of ['admin', 'people']) {
      const { status, body } = await agent(role).get<Coverage>('/api/coverage');
      expect(status).toBe(200);
      expect(body.scope.kind).toBe('organisation');
      expect(body.totals).not.toBeNull();
      const expected = expectedMetrics(specs, t.clock.now().getTime(), body.windowStart);
      expect(comparable(body.totals as Metrics)).toEqual(expected);
      // Visible teams: m1, m2, m4; the leader's direct reports (4), m3 (3) and m5 (2) only together.
      const visible = body.groups.filter((g) => !g.isHidden && !g.isPooled);
      expect(visible.map((g) => g.manager?.id).sort()).toEqual(
        [id('m1'), id('m2'), id('m4')].sort(),
      );
      for (const g of visible) {
        const key = [...people.entries()].find(([, p]) => p.id === g.manager?.id)?.[0] ?? '';
        expect(comparable(g.metrics as Metrics)).toEqual(
          expectedMetrics(specsUnder([key]), t.clock.now().getTime(), body.windowStart),
        );
      }
      const pool = body.groups.find((g) => g.isPooled) as CoverageGroup;
      expect(pool.people).toBe(9);
      expect(comparable(pool.metrics as Metrics)).toEqual(
        expectedMetrics(
          specsUnder(['leader', 'm3', 'm5']),
          t.clock.now().getTime(),
          body.windowStart,
        ),
      );
      expectMinimumGroupRule(body, id(role));
    }
  });

  it('replays past months through the engine: the trend equals the seed at each month’s end', async () => {
    const { body } = await agent('admin').get<Coverage>('/api/coverage');
    const nowMs = t.clock.now().getTime();
    expect(body.trend).toHaveLength(12);
    expect(body.trend.at(-1)?.onCadence).toBeCloseTo(body.totals?.onCadence.value ?? -1, 10);
    for (const point of body.trend) {
      const [year, month] = point.month.split('-').map(Number) as [number, number];
      const atMs = Math.min(Date.UTC(year, month, 1) - 1, nowMs);
      const counted = specs.map((s) => evaluate(s, nowMs, atMs)).filter((e) => e.isCounted);
      if (counted.length < 5) {
        expect(point.people).toBeNull();
        continue;
      }
      expect(point.people).toBe(counted.length);
      expect(point.onCadence).toBeCloseTo(
        counted.filter((e) => e.onCadence).length / counted.length,
        10,
      );
      expect(point.quarterly).toBeCloseTo(
        counted.filter((e) => e.quarterly).length / counted.length,
        10,
      );
    }
  });

  it('gives a leader their subtree only, hiding the teams under 5 people', async () => {
    const { status, body } = await agent('leader').get<Coverage>('/api/coverage');
    expect(status).toBe(200);
    expect(body.scope.kind).toBe('subtree');
    expect(comparable(body.totals as Metrics)).toEqual(
      expectedMetrics(specsUnder(subtreeOfLeader), t.clock.now().getTime(), body.windowStart),
    );
    const byManager = (key: string) => body.groups.find((g) => g.manager?.id === id(key));
    expect(byManager('m4')).toBeUndefined();
    expect(byManager('m3')?.isHidden).toBe(true);
    expect(byManager('m5')?.isHidden).toBe(true);
    expect(byManager('m1')?.isHidden).toBe(false);
    // The leader is the direct manager of the four managers: that group of 4 is theirs to see.
    expect(byManager('leader')?.isHidden).toBe(false);
    expect(byManager('leader')?.people).toBe(4);
    expect(body.groups.find((g) => g.isPooled)?.people).toBe(5);
    expectMinimumGroupRule(body, id('leader'));
  });

  it('lets a manager of 3 see their own team, and hides it from everyone above', async () => {
    const own = await agent('m3').get<Coverage>('/api/coverage');
    expect(own.status).toBe(200);
    expect(own.body.isHidden).toBe(false);
    expect(own.body.totals?.people).toBe(3);
    expect(comparable(own.body.totals as Metrics)).toEqual(
      expectedMetrics(specsUnder(['m3']), t.clock.now().getTime(), own.body.windowStart),
    );
    expectMinimumGroupRule(own.body, id('m3'));

    for (const role of ['leader', 'admin', 'people']) {
      const narrowed = await agent(role).get<Coverage>(`/api/coverage?managerId=${id('m3')}`);
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.isHidden).toBe(true);
      expect(narrowed.body.totals).toBeNull();
      expect(narrowed.body.trend.every((p) => p.people === null)).toBe(true);
      expect(narrowed.body.heatmap.rows).toEqual([]);
      expectMinimumGroupRule(narrowed.body, id(role));
      const people3 = await agent(role).get(`/api/coverage/groups/${id('m3')}/people`);
      expect(people3.status).toBe(403);
    }
  });

  it('keeps each manager inside their own subtree (404 outside it)', async () => {
    expect((await agent('m1').get(`/api/coverage?managerId=${id('m3')}`)).status).toBe(404);
    expect((await agent('m1').get(`/api/coverage/groups/${id('m3')}/people`)).status).toBe(404);
    expect((await agent('leader').get(`/api/coverage?managerId=${id('m4')}`)).status).toBe(404);
    expect((await agent('m4').get(`/api/coverage/groups/${id('m1')}/people`)).status).toBe(404);
    const m1 = await agent('m1').get<Coverage>('/api/coverage');
    expect(m1.body.groups.map((g) => g.manager?.id)).toEqual([id('m1')]);
    expect(comparable(m1.body.totals as Metrics)).toEqual(
      expectedMetrics(specsUnder(['m1']), t.clock.now().getTime(), m1.body.windowStart),
    );
  });

  it('drills down to names, dates and statuses of a visible group, and of the pool', async () => {
    const { status, body } = await agent('leader').get<CoverageGroupPeople>(
      `/api/coverage/groups/${id('m1')}/people`,
    );
    expect(status).toBe(200);
    expect(body.people.map((p) => p.person.name).sort()).toEqual(
      specsUnder(['m1'])
        .map((s) => `P ${s.key}`)
        .sort(),
    );
    const nowMs = t.clock.now().getTime();
    for (const p of body.people) {
      const spec = specs.find((s) => `P ${s.key}` === p.person.name) as EngineerSpec;
      expect(p.isOnCadence).toBe(evaluate(spec, nowMs, nowMs).onCadence);
    }
    const pool = await agent('leader').get<CoverageGroupPeople>(
      '/api/coverage/groups/other/people',
    );
    expect(pool.status).toBe(200);
    expect(pool.body.people).toHaveLength(5);
    // m1 has 6 people: no pool exists in m1's own view.
    expect((await agent('m1').get('/api/coverage/groups/other/people')).status).toBe(404);
  });

  it('never carries content: no summary, note, agenda, place or commitment text, for any role', async () => {
    for (const role of ['admin', 'people', 'leader', 'm1', 'm3', 'm4']) {
      const coverage = await agent(role).get('/api/coverage');
      expect(JSON.stringify(coverage.body)).not.toContain(CANARY);
      const self = await agent(role).get(`/api/coverage/groups/${id(role)}/people`);
      expect(JSON.stringify(self.body)).not.toContain(CANARY);
    }
    const pool = await agent('admin').get('/api/coverage/groups/other/people');
    expect(JSON.stringify(pool.body)).not.toContain(CANARY);
  });

  it('shows the team × month heatmap only for groups shown, one cell per month', async () => {
    const { body } = await agent('admin').get<Coverage>('/api/coverage');
    expect(body.heatmap.months).toHaveLength(12);
    expect(body.heatmap.months.at(-1)).toBe(toIsoDate(t.clock.now()).slice(0, 7));
    const keys = body.heatmap.rows.map((r) => r.key).sort();
    expect(keys).toEqual([id('m1'), id('m2'), id('m4'), 'other'].sort());
    for (const row of body.heatmap.rows) expect(row.cells).toHaveLength(12);
    const m1Row = body.heatmap.rows.find((r) => r.key === id('m1'));
    const m1Now = body.groups.find((g) => g.key === id('m1'));
    expect(m1Row?.cells.at(-1)?.onCadence).toBeCloseTo(m1Now?.metrics?.onCadence.value ?? -1, 10);
  });
});
