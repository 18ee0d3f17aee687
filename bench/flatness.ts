import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../server/db/client.ts';
import { parseArgs, peopleOfSize } from './args.ts';
import { chooseActors, copyTemplate, dropCopy, engineVersion, ensureTemplate } from './database.ts';
import { percentiles, runLoad } from './load.ts';
import type { Percentiles } from './load.ts';
import { machineDetails, machineLines, refreshResultsIndex, RESULTS_DIR } from './report.ts';
import { buildScenarios } from './scenarios.ts';
import type { NamedScenario } from './scenarios.ts';
import { buildServerBundle, startSettled } from './server.ts';
import type { RunningServer } from './server.ts';

/**
 * `npm run bench:flatness [-- --engine sqlite|postgres] [--seconds n] [--rounds n]`: the flatness
 * target (per-person and per-team pages, p95 at 100k over 10k ≤ 1.2) measured with a 10k and a
 * 100k organisation served at the same time, the latency runs at concurrency 1 taking turns
 * between them in short rounds, every page in every round (ADR 112). Separate runs of the two
 * sizes on this shared machine differed by up to 1.8 × at 10k alone; in turns, load from
 * elsewhere falls on both sizes alike.
 * `/api/health` is measured the same way as a control: its ratio shows what is left of the noise.
 * Writes bench/results/<date>-<engine>-flatness.md.
 */
const args = parseArgs(process.argv.slice(2));
const engine: Engine = args.get('engine') === 'postgres' ? 'postgres' : 'sqlite';
/**
 * Seconds of latency run per page and size, split over the rounds. With the defaults the rounds
 * span about ten minutes (580 s on 2026-12-07), two of the reminder tick's five-minute periods.
 */
const seconds = Number(args.get('seconds') ?? 30);
const rounds = Number(args.get('rounds') ?? 24);
const seed = args.get('seed') ?? 'trajectory';
const SIZES = ['10k', '100k'] as const;
const TARGET = 1.2;
const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const log = (line: string) => console.log(line);

interface Side {
  size: (typeof SIZES)[number];
  url: string;
  server: RunningServer | null;
  /** An engineer's session, for the server's first request. */
  cookie: string;
  scenarios: Record<string, NamedScenario>;
}

interface PageFigures {
  name: string;
  latency: Record<(typeof SIZES)[number], Percentiles>;
  /** The server's processor time per response during the latency rounds (ms). */
  cpuMs: Record<(typeof SIZES)[number], number>;
  /**
   * The other server's processor time while this size was measured, as a share of the time: its
   * background passes are load from elsewhere for the one measured, and this says how much.
   */
  otherBusy: Record<(typeof SIZES)[number], number>;
  growth: number;
  isControl: boolean;
}

interface Totals {
  samples: number[];
  cpuMs: number;
  requests: number;
  otherMs: number;
  wallMs: number;
}

/**
 * Every page at concurrency 1 on both sides, in rounds: each round measures each page once on
 * each side, the side that goes first alternating. A page's rounds are spread over the whole
 * run, so a pass that comes every few minutes (the reminder tick) falls on every page alike
 * instead of on whichever page was being measured when it came (ADR 112, amended).
 */
async function measurePages(
  sides: readonly Side[],
  keys: readonly string[],
): Promise<{ pages: PageFigures[]; spanSeconds: number }> {
  const totals = keys.map((key) => ({
    key,
    bySide: new Map<Side, Totals>(
      sides.map((side) => [side, { samples: [], cpuMs: 0, requests: 0, otherMs: 0, wallMs: 0 }]),
    ),
  }));
  for (const key of keys)
    for (const side of sides)
      await runLoad({
        baseUrl: serverOf(side).baseUrl,
        connections: 1,
        amount: 50,
        mix: [scenarioOf(side, key)],
      });
  const runStartedAt = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const { key, bySide } of totals)
      for (const side of order) {
        const server = serverOf(side);
        const other = serverOf(sides.find((x) => x !== side) ?? side);
        const cpuBefore = server.cpuMs();
        const otherBefore = other.cpuMs();
        const startedAt = performance.now();
        const part = await runLoad({
          baseUrl: server.baseUrl,
          connections: 1,
          seconds: seconds / rounds,
          mix: [scenarioOf(side, key)],
        });
        if (part.errors > 0)
          throw new Error(`${key} on ${side.size}: ${JSON.stringify(part.errorStatuses)}`);
        const total = bySide.get(side);
        if (!total) throw new Error(`no totals for ${key} on ${side.size}`);
        total.samples.push(...part.samples);
        total.cpuMs += server.cpuMs() - cpuBefore;
        total.requests += part.requests;
        total.otherMs += other.cpuMs() - otherBefore;
        total.wallMs += performance.now() - startedAt;
      }
  }
  return {
    pages: totals.map(({ key, bySide }) => figuresOf(sides, key, bySide)),
    spanSeconds: (performance.now() - runStartedAt) / 1000,
  };
}

function figuresOf(sides: readonly Side[], key: string, bySide: Map<Side, Totals>): PageFigures {
  const [small, large] = sides;
  if (!small || !large) throw new Error('two sizes are needed');
  const totalOf = (side: Side): Totals => {
    const total = bySide.get(side);
    if (!total) throw new Error(`no totals for ${side.size}`);
    return total;
  };
  const latencyOf = (side: Side) => percentiles(totalOf(side).samples);
  const cpuOf = (side: Side) => totalOf(side).cpuMs / Math.max(1, totalOf(side).requests);
  const otherBusyOf = (side: Side) => totalOf(side).otherMs / Math.max(1, totalOf(side).wallMs);
  const scenario = scenarioOf(small, key);
  const figures: PageFigures = {
    name: scenario.name,
    latency: { '10k': latencyOf(small), '100k': latencyOf(large) },
    cpuMs: { '10k': cpuOf(small), '100k': cpuOf(large) },
    otherBusy: { '10k': otherBusyOf(small), '100k': otherBusyOf(large) },
    growth: latencyOf(large).p95 / latencyOf(small).p95,
    isControl: !scenario.hasFloorTarget,
  };
  log(
    `  ${figures.name}: p95 ${figures.latency['10k'].p95.toFixed(2)} ms at 10k, ${figures.latency['100k'].p95.toFixed(2)} ms at 100k: ${figures.growth.toFixed(2)} ×`,
  );
  return figures;
}

function serverOf(side: Side): RunningServer {
  if (!side.server) throw new Error(`the ${side.size} server is not running`);
  return side.server;
}

function scenarioOf(side: Side, key: string): NamedScenario {
  const scenario = side.scenarios[key];
  if (!scenario) throw new Error(`no scenario ${key}`);
  return scenario;
}

function renderFlatness(
  pages: readonly PageFigures[],
  spanSeconds: number,
  machine: ReturnType<typeof machineDetails>,
) {
  const ms = (value: number) => value.toFixed(2);
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  return [
    `# Flatness: ${engine}, 10k and 100k served at once`,
    '',
    `Run on ${now.toISOString().slice(0, 10)}. Produced by \`npm run bench:flatness -- --engine ${engine}\`; see [docs/performance.md](../../docs/performance.md) and ADR 112.`,
    '',
    '## Machine',
    '',
    ...machineLines(machine),
    `- Extra Node.js options of both servers (BENCH_SERVER_NODE_OPTIONS): ${process.env.BENCH_SERVER_NODE_OPTIONS || 'none'}`,
    `- Both servers ran from their start-up passes' end to the last measurement; each page was measured at concurrency 1 for ${seconds} s per size, in ${rounds} rounds that took turns between the sizes; every round measured every page, and the rounds spanned ${spanSeconds.toFixed(0)} s (the reminder tick comes every 300 s)`,
    '',
    '## Per-person and per-team pages',
    '',
    '| Page | 10k p50 | 10k p95 | 100k p50 | 100k p95 | 100k ÷ 10k p95 | Target ≤ 1.2 | Server CPU per request, 10k / 100k (ms) | The other server busy, while 10k / 100k measured |',
    '|---|---|---|---|---|---|---|---|---|',
    ...pages.map(
      (p) =>
        `| ${p.name}${p.isControl ? ' (control)' : ''} | ${ms(p.latency['10k'].p50)} | ${ms(p.latency['10k'].p95)} | ${ms(p.latency['100k'].p50)} | ${ms(p.latency['100k'].p95)} | ${p.growth.toFixed(2)} | ${p.isControl ? '—' : p.growth <= TARGET ? 'met' : 'not met'} | ${ms(p.cpuMs['10k'])} / ${ms(p.cpuMs['100k'])} | ${percent(p.otherBusy['10k'])} / ${percent(p.otherBusy['100k'])} |`,
    ),
    '',
    '```json',
    JSON.stringify({ engine, seconds, rounds, spanSeconds, machine, pages }, null, 2),
    '```',
    '',
  ].join('\n');
}

buildServerBundle();
const loadBefore = os.loadavg();
const sides: Side[] = [];
try {
  for (const size of SIZES) {
    const template = await ensureTemplate(engine, peopleOfSize(size), seed, today, log);
    const url = await copyTemplate(template.url, `trajectory_bench_flat_${engine}_${size}`);
    const actors = await chooseActors(url, 16, now);
    const cookie = actors.pairs[0]?.engineerCookie;
    if (!cookie) throw new Error('no pair to act as');
    sides.push({ size, url, server: null, cookie, scenarios: buildScenarios(actors) });
  }
  // The larger organisation first: its start-up passes take minutes, and the machine must be
  // quiet before the other server's are judged done.
  for (const side of [...sides].reverse()) {
    log(`${engine}, ${side.size}: starting the server…`);
    side.server = (await startSettled(side.url, side.cookie, 1, log)).server;
  }
  const keys = [
    'health',
    ...Object.values(sides[0]?.scenarios ?? {})
      .filter((s) => s.hasFloorTarget)
      .map((s) => s.key),
  ];
  const { pages, spanSeconds } = await measurePages(sides, keys);
  const machine = machineDetails(await engineVersion(sides[0]?.url ?? ''), loadBefore);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${now.toISOString().slice(0, 10)}-${engine}-flatness.md`);
  writeFileSync(file, renderFlatness(pages, spanSeconds, machine));
  refreshResultsIndex();
  log(`report: ${path.relative(process.cwd(), file)}`);
} finally {
  for (const side of sides) {
    await side.server?.stop();
    await dropCopy(side.url);
  }
}
