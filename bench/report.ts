import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PageTiming } from './browser.ts';
import type { LoadResult, Percentiles } from './load.ts';
import { MIXED_WEIGHTS } from './scenarios.ts';

/** Writes bench/results/<date>-<engine>-<size>.md and the index of the latest results. */

export const RESULTS_DIR = path.resolve('bench', 'results');

export interface EndpointFigures {
  key: string;
  name: string;
  hasFloorTarget: boolean;
  isWrite: boolean;
  status: number;
  bytes: number;
  queries: number;
  latency: Percentiles;
  throughput: LoadResult | null;
  floor: Percentiles;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  engineVersion: string;
  loadBefore: number[];
  loadAfter: number[];
  commit: string;
}

export interface RunFigures {
  date: string;
  engine: 'sqlite' | 'postgres';
  size: string;
  people: number;
  totalRows: number | null;
  generationSeconds: number | null;
  machine: Machine;
  secondsPerMeasurement: number;
  coldStartMs: number;
  /** From spawning until the start-up background passes were done (measurements begin then). */
  settledMs?: number;
  /** Server processes (`WORKERS`, ADR 099); runs with more than one are named `…-<n>workers`. */
  workers?: number;
  endpoints: EndpointFigures[];
  mixed: LoadResult;
  /** The same mix against one server process per core, when the run itself used one. */
  mixedOnEveryCore?: { workers: number; mixed: LoadResult } | null;
  browser: PageTiming | null;
  initialJsGzipKb: number | null;
}

export function machineDetails(engineVersion: string, loadBefore: number[]): Machine {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    // The reports this run has already written are not changes to the code measured.
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench/results'], {
      encoding: 'utf8',
    }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    engineVersion,
    loadBefore,
    loadAfter: os.loadavg(),
    commit,
  };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '–');
const cpu = (load: LoadResult | null) =>
  load?.serverCpuMs === undefined ? '–' : load.serverCpuMs.toFixed(2);
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
const verdict = (isMet: boolean | null) => (isMet === null ? '—' : isMet ? 'met' : 'not met');

/** The figures of an earlier run of the same engine at another size, if there is one. */
export function latestFigures(engine: string, size: string): RunFigures | null {
  if (!existsSync(RESULTS_DIR)) return null;
  const file = readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith(`-${engine}-${size}.md`))
    .sort()
    .at(-1);
  if (!file) return null;
  const text = readFileSync(path.join(RESULTS_DIR, file), 'utf8');
  const match = /```json\n([\s\S]*?)\n```\s*$/.exec(text);
  return match?.[1] ? (JSON.parse(match[1]) as RunFigures) : null;
}

/**
 * The mixed load's own floor: its requests' mean SQL floors, weighted as the mix draws them, plus
 * the server CPU of `/api/health` (the HTTP stack). One process that added nothing else to a
 * request would serve at most `ceiling` of them per second, one at a time. Null unless every
 * request of the mix was measured.
 */
export function mixFloor(run: RunFigures): { msPerRequest: number; ceiling: number } | null {
  const health = run.endpoints.find((e) => e.key === 'health')?.throughput?.serverCpuMs;
  if (health === undefined) return null;
  let weighted = 0;
  let total = 0;
  for (const [key, weight] of Object.entries(MIXED_WEIGHTS)) {
    const endpoint = run.endpoints.find((e) => e.key === key);
    if (!endpoint) return null;
    weighted += weight * endpoint.floor.mean;
    total += weight;
  }
  const msPerRequest = weighted / total + health;
  return { msPerRequest, ceiling: 1000 / msPerRequest };
}

/** The "Machine" list items every report starts with. */
export function machineLines(m: Machine): string[] {
  return [
    `- CPU: ${m.cpus} × ${m.cpuModel}`,
    `- Memory: ${m.memoryGb} GB`,
    `- Node.js ${m.node}; ${m.engineVersion}`,
    `- Load average before / after: ${m.loadBefore.map((l) => l.toFixed(2)).join(', ')} / ${m.loadAfter.map((l) => l.toFixed(2)).join(', ')} (the machine is shared; compare ratios, not absolute times)`,
    `- Code: ${m.commit}`,
  ];
}

/** Markdown report with every figure and each target's verdict. */
export function renderReport(run: RunFigures): string {
  const m = run.machine;
  const lines: string[] = [];
  const health = run.endpoints.find((e) => e.key === 'health');
  const healthP95 = health?.latency.p95 ?? NaN;
  const at10k = run.size === '100k' ? latestFigures(run.engine, '10k') : null;
  lines.push(
    `# Benchmark: ${run.engine}, ${run.size} (${run.people.toLocaleString('en-GB')} people)`,
    '',
    `Run on ${run.date}. Produced by \`npm run bench -- --engine ${run.engine} --size ${run.size}\`; see [docs/performance.md](../../docs/performance.md) for what is measured and why.`,
    '',
    '## Machine',
    '',
    ...machineLines(m),
    `- Data: ${run.totalRows === null ? 'organisation from the cache' : `${run.totalRows.toLocaleString('en-GB')} rows generated in ${run.generationSeconds} s`}`,
    `- ${run.secondsPerMeasurement} s per latency and per throughput measurement`,
    `- Server processes: ${run.workers ?? 1} (\`WORKERS\`, ADR 099)`,
    ...(run.settledMs === undefined
      ? []
      : [
          `- Measured in the steady state: the server's start-up background passes (first reminder tick over everyone, coverage refresh) were done ${(run.settledMs / 1000).toFixed(1)} s after it started`,
        ]),
    '',
    '## Requests',
    '',
    'Latency at concurrency 1 (ms); throughput at concurrency 16 (requests/s). The floor is the SQL of the same requests (each pair’s in turn, as the latency run sends them) run directly through the driver in-process (rolled back after each round). Server CPU is the processor time the server process used per response during the throughput run (from /proc, 10 ms ticks): a busy neighbour delays it but does not inflate it.',
    '',
    '| Request | Queries | p50 | p95 | p99 | Floor p95 | p95 ÷ floor | p95 ÷ (floor + health) | Req/s at 16 | Server CPU per request (ms) | Errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const e of run.endpoints) {
    const floorRatio = ratio(e.latency.p95, e.floor.p95);
    const withHttp = ratio(e.latency.p95, e.floor.p95 + healthP95);
    lines.push(
      `| ${e.name} | ${e.queries} | ${ms(e.latency.p50)} | ${ms(e.latency.p95)} | ${ms(e.latency.p99)} | ${e.key === 'health' ? '–' : ms(e.floor.p95)} | ${e.key === 'health' ? '–' : floorRatio.toFixed(2)} | ${e.key === 'health' ? '–' : withHttp.toFixed(2)} | ${e.throughput ? e.throughput.perSecond.toFixed(0) : 'skipped (too slow)'} | ${cpu(e.throughput)} | ${e.throughput?.errors ?? 0} |`,
    );
  }
  const mixedTarget = run.engine === 'sqlite' ? 1000 : 700;
  const floorOfMix = mixFloor(run);
  const spread = run.mixedOnEveryCore ?? null;
  // The target is for the machine: with one process per core when the run measured that too.
  const mixedForTarget = spread?.mixed ?? run.mixed;
  const processes = (n: number) => `${n} server process${n === 1 ? '' : 'es'}`;
  lines.push(
    '',
    `Mixed read/write load at concurrency 16 (engineer and manager homes, conversation pages, timelines, team views, saving notes, creating action items), ${processes(run.workers ?? 1)}: **${run.mixed.perSecond.toFixed(0)} requests/s**, ${run.mixed.errors} errors, p95 ${ms(run.mixed.latency.p95)} ms, server CPU ${cpu(run.mixed)} ms per request.`,
    ...(spread
      ? [
          '',
          `The same mix with ${processes(spread.workers)}, one per core (\`WORKERS=${spread.workers}\`, ADR 099), started afresh on the same database: **${spread.mixed.perSecond.toFixed(0)} requests/s**, ${spread.mixed.errors} errors, p95 ${ms(spread.mixed.latency.p95)} ms, server CPU ${cpu(spread.mixed)} ms per request (all processes together; on PostgreSQL the database server's own work is not in it).`,
        ]
      : []),
    ...(floorOfMix
      ? [
          '',
          `The mix's own floor: ${ms(floorOfMix.msPerRequest)} ms per request (its requests' mean SQL floors, weighted as the mix draws them, plus the server CPU of \`/api/health\`). A process that added nothing to its SQL and HTTP would serve at most ${floorOfMix.ceiling.toFixed(0)} requests/s one at a time; the mixed load reached ${ratio(run.mixed.perSecond, floorOfMix.ceiling).toFixed(2)} × that.`,
        ]
      : []),
    '',
    '## Targets',
    '',
    '| Target | Measured | Verdict |',
    '|---|---|---|',
  );
  for (const e of run.endpoints.filter((x) => x.hasFloorTarget)) {
    const r = ratio(e.latency.p95, e.floor.p95);
    lines.push(
      `| ${e.name}: p95 ≤ 1.5 × raw-SQL floor | ${r.toFixed(2)} × | ${verdict(r <= 1.5)} |`,
    );
    if (at10k) {
      const before = at10k.endpoints.find((x) => x.key === e.key);
      if (before) {
        const growth = ratio(e.latency.p95, before.latency.p95);
        lines.push(
          `| ${e.name}: 100k ÷ 10k p95 ≤ 1.2 | ${ms(e.latency.p95)} ÷ ${ms(before.latency.p95)} = ${growth.toFixed(2)} | ${verdict(growth <= 1.2)} |`,
        );
      }
    }
  }
  const coverage = run.endpoints.find((e) => e.key === 'coverage');
  if (coverage && run.size === '100k') {
    lines.push(
      `| Coverage dashboard at 100k: p95 ≤ 250 ms | ${ms(coverage.latency.p95)} ms | ${verdict(coverage.latency.p95 <= 250)} |`,
    );
    const before = at10k?.endpoints.find((x) => x.key === 'coverage');
    if (before)
      lines.push(
        `| Coverage dashboard: 100k ≤ 10 × 10k | ${ratio(coverage.latency.p95, before.latency.p95).toFixed(2)} × | ${verdict(coverage.latency.p95 <= 10 * before.latency.p95)} |`,
      );
  } else if (coverage)
    lines.push(
      `| Coverage dashboard p95 (target applies at 100k: ≤ 250 ms) | ${ms(coverage.latency.p95)} ms | — |`,
    );
  lines.push(
    `| Mixed load ≥ ${mixedTarget} requests/s on this machine, zero errors | ${spread ? `${processes(spread.workers)}: ${spread.mixed.perSecond.toFixed(0)} requests/s, ${spread.mixed.errors} errors (${processes(run.workers ?? 1)}: ${run.mixed.perSecond.toFixed(0)})` : `${run.mixed.perSecond.toFixed(0)} requests/s, ${run.mixed.errors} errors`} | ${verdict(mixedForTarget.perSecond >= mixedTarget && mixedForTarget.errors === 0 && run.mixed.errors === 0)} |`,
    `| Cold start to first successful request ≤ 2 s${run.size === '10k' ? '' : ' (target applies at 10k)'} | ${ms(run.coldStartMs)} ms | ${run.size === '10k' ? verdict(run.coldStartMs <= 2000) : '—'} |`,
  );
  if (run.initialJsGzipKb !== null)
    lines.push(
      `| Initial JavaScript ≤ 200 KB gzipped | ${run.initialJsGzipKb.toFixed(1)} KB | ${verdict(run.initialJsGzipKb <= 200)} |`,
    );
  if (run.browser)
    lines.push(
      `| Dashboard usable in Chromium (measured${run.size === '10k' ? '' : '; reported at 10k'}) | first visit ${ms(run.browser.firstMs)} ms, warm ${ms(run.browser.warmMs)} ms | — |`,
    );
  lines.push(
    '',
    '## Raw figures',
    '',
    '```json',
    JSON.stringify(run, (key, value: unknown) => (key === 'samples' ? undefined : value), 2),
    '```',
    '',
  );
  return lines.join('\n');
}

/** Saves the report and refreshes bench/results/README.md (the latest run per engine and size). */
export function saveReport(run: RunFigures): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const workers = (run.workers ?? 1) > 1 ? `-${run.workers}workers` : '';
  const file = path.join(RESULTS_DIR, `${run.date}-${run.engine}-${run.size}${workers}.md`);
  writeFileSync(file, renderReport(run));
  refreshResultsIndex();
  return file;
}

/** Rewrites bench/results/README.md: the latest report of each kind (engine and size, flatness). */
export function refreshResultsIndex(): void {
  const latest = new Map<string, string>();
  for (const f of readdirSync(RESULTS_DIR)
    .filter((x) => /^\d{4}-\d{2}-\d{2}-.*\.md$/.test(x))
    .sort())
    latest.set(f.slice(11, -3), f);
  const index = [
    '# Benchmark results',
    '',
    'The latest run of `npm run bench` for each engine and organisation size. Older runs stay in this folder, named `<date>-<engine>-<size>.md`. What is measured and the targets: [docs/performance.md](../../docs/performance.md).',
    '',
    ...[...latest.entries()].sort().map(([key, f]) => `- [${key}](${f})`),
    '',
  ];
  writeFileSync(path.join(RESULTS_DIR, 'README.md'), index.join('\n'));
}
