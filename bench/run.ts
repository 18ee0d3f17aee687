import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../server/db/client.ts';
import { measureInitialJs } from '../scripts/check-bundle-size.ts';
import { parseArgs, peopleOfSize } from './args.ts';
import { timePageReady } from './browser.ts';
import type { PageTiming } from './browser.ts';
import {
  chooseActors,
  copyTemplate,
  dropCopy,
  engineVersion,
  ensureTemplate,
  removeActionItems,
} from './database.ts';
import { createRecorder, replayFloor } from './floor.ts';
import type { Capture } from './floor.ts';
import { percentiles, runLoad } from './load.ts';
import type { LoadResult, Scenario } from './load.ts';
import { machineDetails, saveReport } from './report.ts';
import type { EndpointFigures, RunFigures } from './report.ts';
import { BENCH_ACTION_ITEM_TEXT, buildScenarios, mixedLoad } from './scenarios.ts';
import { buildServerBundle, startSettled } from './server.ts';
import type { RunningServer } from './server.ts';

/**
 * `npm run bench [-- --size 1k|10k|100k] [--engine sqlite|postgres|both] [--seconds n]
 * [--workers n] [--skip-browser] [--skip-build] [--keep] [--generate-only] [--only a,b]`: builds the
 * web app, then for each engine loads a synthetic organisation, starts the real server on
 * loopback and measures it against floors taken in the same run. Without options: a quick run
 * (1k people, both engines, 2 s each). `--only` measures just the named scenarios (keys from
 * scenarios.ts, plus `mixed` and `browser`) and prints them without writing a report: for
 * profiling one thing with BENCH_SERVER_NODE_OPTIONS.
 */
const args = parseArgs(process.argv.slice(2));
const size = args.get('size') ?? '1k';
const people = peopleOfSize(size);
const engineArg = args.get('engine') ?? 'both';
const engines: Engine[] =
  engineArg === 'both'
    ? ['sqlite', 'postgres']
    : [engineArg === 'postgres' ? 'postgres' : 'sqlite'];
const seconds = Number(args.get('seconds') ?? (size === '1k' ? 2 : 5));
const seed = args.get('seed') ?? 'trajectory';
/** Server processes (WORKERS, ADR 099). */
const workers = Number(args.get('workers') ?? 1);
const only = args.has('only') ? new Set((args.get('only') ?? '').split(',')) : null;
const isIncluded = (key: string) => only === null || only.has(key);
const now = new Date();
// The organisation's "today" is midnight UTC, so a cached organisation lasts the day.
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const log = (line: string) => console.log(line);

if (!args.has('skip-build') && !args.has('generate-only')) {
  log('building the web app…');
  const build = spawnSync(
    process.execPath,
    [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!args.has('generate-only')) buildServerBundle();
const initialJsGzipKb = args.has('generate-only')
  ? 0
  : measureInitialJs(path.resolve('dist', 'web')).gzipBytes / 1024;

/** A load at `connections` for the run's seconds, with the server's processor time per response. */
async function runLoadOnServer(
  server: RunningServer,
  connections: number,
  mix: readonly Scenario[],
  duration = seconds,
): Promise<LoadResult> {
  const cpuBefore = server.cpuMs();
  const result = await runLoad({ baseUrl: server.baseUrl, connections, seconds: duration, mix });
  return { ...result, serverCpuMs: (server.cpuMs() - cpuBefore) / Math.max(1, result.requests) };
}

/**
 * The mixed load for twice the run's seconds, then the action items it created are removed, so
 * that a later measurement starts from the same organisation.
 */
async function measureMixed(
  server: RunningServer,
  scenarios: ReturnType<typeof buildScenarios>,
  url: string,
): Promise<LoadResult> {
  const mixed = await runLoadOnServer(server, 16, mixedLoad(scenarios), seconds * 2);
  log(
    `  mixed load: ${mixed.perSecond.toFixed(0)} req/s, ${(mixed.serverCpuMs ?? 0).toFixed(2)} ms server CPU each, ${mixed.errors} errors ${JSON.stringify(mixed.errorStatuses)}`,
  );
  await removeActionItems(url, BENCH_ACTION_ITEM_TEXT);
  return mixed;
}

/**
 * The mix again on a fresh server with one process per core (ADR 107). Fresh processes start with
 * empty caches (prepared statements, kept cadence facts), where the one-process figure came after
 * every other measurement, so they are warmed with the same mix first.
 */
async function measureMixedOnEveryCore(
  url: string,
  cookie: string,
  scenarios: ReturnType<typeof buildScenarios>,
  cores: number,
): Promise<LoadResult> {
  log(`  starting ${cores} server processes (WORKERS=${cores}) for the mix on every core…`);
  const { server } = await startSettled(url, cookie, cores, log);
  try {
    await runLoad({ baseUrl: server.baseUrl, connections: 16, seconds, mix: mixedLoad(scenarios) });
    await removeActionItems(url, BENCH_ACTION_ITEM_TEXT);
    return await measureMixed(server, scenarios, url);
  } finally {
    await server.stop();
  }
}

/** Latency, throughput and floor of one request. */
async function measure(
  server: RunningServer,
  recorder: Awaited<ReturnType<typeof createRecorder>>,
  url: string,
  scenario: ReturnType<typeof buildScenarios>[string],
  pairCount: number,
): Promise<EndpointFigures> {
  const baseUrl = server.baseUrl;
  // At concurrency 1 autocannon starts every request with a fresh context, so the latency run
  // plays the pairs in turn (connection 0, 1, 2, …). The floor replays the SQL of those same
  // requests in the same turn, so both sides describe the same people. A write that cannot be
  // sent twice is recorded once.
  const turns = scenario.isRepeatable === false ? 1 : pairCount;
  const captures = new Map<string, Capture>();
  for (let index = 0; index < turns; index += 1) {
    const request = scenario.next({ index, state: {} });
    const key = JSON.stringify(request);
    if (captures.has(key)) continue;
    // The first request may find background work due (a dashboard refresh): record the second.
    if (scenario.isRepeatable !== false) await recorder.capture(request);
    const capture = await recorder.capture(request);
    if (capture.status < 200 || capture.status >= 300)
      throw new Error(`${scenario.name} answered ${capture.status}`);
    captures.set(key, capture);
  }
  const recorded = [...captures.values()];
  const [capture] = recorded;
  if (!capture) throw new Error(`${scenario.name}: nothing recorded`);
  const warm = await runLoad({ baseUrl, connections: 1, amount: 5, mix: [scenario] });
  const isSlow = warm.latency.mean * 20 > seconds * 1000;
  // Requests of seconds are sampled a few times only, or a run would take hours.
  const slowAmount = warm.latency.mean > 2000 ? 5 : 20;
  // Server and floor take turns in short rounds, so a burst of load from elsewhere on this shared
  // machine falls on both rather than on one of them.
  const rounds = isSlow ? 1 : 4;
  const serverSamples: number[] = [];
  const floorSamples: number[] = [];
  let latencyErrors = 0;
  const floorIterations = Math.max(
    20,
    Math.min(500, Math.round((seconds * 1000) / Math.max(0.5, warm.latency.mean))),
  );
  for (let round = 0; round < rounds; round += 1) {
    const part = await runLoad({
      baseUrl,
      connections: 1,
      ...(isSlow ? { amount: slowAmount } : { seconds: seconds / rounds }),
      mix: [scenario],
    });
    serverSamples.push(...part.samples);
    latencyErrors += part.errors;
    floorSamples.push(
      ...(await replayFloor(
        url,
        recorded.map((r) => r.queries),
        // Whole turns, so every request is replayed as often as the others.
        Math.ceil((isSlow ? slowAmount : floorIterations / rounds) / recorded.length) *
          recorded.length,
      )),
    );
  }
  const latency = { latency: percentiles(serverSamples), errors: latencyErrors };
  const floor = percentiles(floorSamples);
  // Sixteen concurrent requests that each take seconds would measure memory, not throughput.
  const throughput =
    warm.latency.mean > 1000 ? null : await runLoadOnServer(server, 16, [scenario]);
  const errors = latency.errors + (throughput?.errors ?? 0);
  log(
    `  ${scenario.name}: p95 ${latency.latency.p95.toFixed(2)} ms (floor ${floor.p95.toFixed(2)} ms, ${capture.queries.length} queries), ${throughput ? `${throughput.perSecond.toFixed(0)} req/s, ${(throughput.serverCpuMs ?? 0).toFixed(2)} ms server CPU each` : 'throughput skipped'}${errors ? `, ${errors} errors ${JSON.stringify(throughput?.errorStatuses ?? {})}` : ''}`,
  );
  return {
    key: scenario.key,
    name: scenario.name,
    hasFloorTarget: scenario.hasFloorTarget,
    isWrite: scenario.isWrite,
    status: capture.status,
    bytes: capture.bytes,
    queries: capture.queries.length,
    latency: latency.latency,
    throughput,
    floor,
  };
}

async function benchEngine(engine: Engine): Promise<void> {
  const loadBefore = os.loadavg();
  const template = await ensureTemplate(engine, people, seed, today, log);
  const url = await copyTemplate(
    template.url,
    `trajectory_bench_run_${engine}_${size}`.toLowerCase(),
  );
  try {
    const actors = await chooseActors(url, 16, now);
    const first = actors.pairs[0];
    if (!first) throw new Error('no pair to act as');
    log(`${engine}, ${size}: starting the server…`);
    const { server, settledMs } = await startSettled(url, first.engineerCookie, workers, log);
    const recorder = await createRecorder(url);
    const scenarios = buildScenarios(actors);
    const endpoints: EndpointFigures[] = [];
    let browser: PageTiming | null = null;
    let mixed;
    try {
      for (const scenario of Object.values(scenarios)) {
        if (!isIncluded(scenario.key)) continue;
        endpoints.push(await measure(server, recorder, url, scenario, actors.pairs.length));
        if (scenario.key === 'createActionItem')
          log(
            `  removed the ${await removeActionItems(url, BENCH_ACTION_ITEM_TEXT)} action items it created`,
          );
      }
      if (isIncluded('mixed')) mixed = await measureMixed(server, scenarios, url);
      if (!args.has('skip-browser') && isIncluded('browser')) {
        browser = await timePageReady({
          baseUrl: server.baseUrl,
          cookie: actors.peopleTeam.cookie,
          path: '/coverage',
          screenshotPath: path.resolve('data', 'bench', `coverage-${engine}-${size}.png`),
          // Usable: the teams table has its rows (the charts above it are drawn by then).
          isReady: async (page) => {
            await page
              .getByRole('table', { name: 'Teams' })
              .getByRole('row')
              .nth(1)
              .waitFor({ timeout: 180_000 });
          },
        });
        log(
          `  dashboard usable in Chromium: ${browser.firstMs.toFixed(0)} ms first, ${browser.warmMs.toFixed(0)} ms warm`,
        );
      }
    } finally {
      await recorder.close();
      await server.stop();
    }
    // The machine's every core: one server process per core (ADR 107), as it would be deployed.
    const cores = os.cpus().length;
    const mixedOnEveryCore: RunFigures['mixedOnEveryCore'] =
      mixed && workers === 1 && cores > 1
        ? {
            workers: cores,
            mixed: await measureMixedOnEveryCore(url, first.engineerCookie, scenarios, cores),
          }
        : null;
    if (only !== null || !mixed) {
      log('  partial run (--only): no report written');
      return;
    }
    const run: RunFigures = {
      date: now.toISOString().slice(0, 10),
      engine,
      size,
      people,
      totalRows: template.generated?.totalRows ?? null,
      generationSeconds: template.generated?.seconds.total ?? null,
      machine: machineDetails(await engineVersion(url), loadBefore),
      secondsPerMeasurement: seconds,
      coldStartMs: server.coldStartMs,
      settledMs,
      workers,
      endpoints,
      mixed,
      mixedOnEveryCore,
      browser,
      initialJsGzipKb,
    };
    log(`  report: ${path.relative(process.cwd(), saveReport(run))}`);
  } finally {
    if (!args.has('keep')) await dropCopy(url);
  }
}

if (args.has('generate-only')) {
  for (const engine of engines) await ensureTemplate(engine, people, seed, today, log);
} else for (const engine of engines) await benchEngine(engine);
