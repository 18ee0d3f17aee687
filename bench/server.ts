import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../server/test/free-port.ts';
import { BENCH_SECRET_KEY } from './database.ts';

/** The real server in a child process on loopback, started as `npm start` starts it. */
export interface RunningServer {
  baseUrl: string;
  /** Milliseconds from spawning the process to the first successful probe request. */
  coldStartMs: number;
  /**
   * Waits until the server's start-up background passes (first reminder tick, coverage refresh)
   * are done; resolves with the milliseconds since spawning.
   */
  settle(): Promise<number>;
  /** Processor time the server has used so far (ms, its workers included); see cpuMsOf. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Just after the server's first reminder tick (server/main.ts). */
const FIRST_TICK_MS = 12_000;
const SETTLE_LIMIT_MS = 30 * 60_000;
/** Below this share of all processors' time in use, the machine counts as quiet. */
const QUIET_SHARE = 0.1;

/** Processor time so far, all cores together: in use, and in all. */
function busyOf(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * Processor time (user + system, ms) of a process and every process below it, from /proc: the
 * server's own cost per request, which a busy neighbour on a shared machine delays but does not
 * inflate the way it inflates wall-clock latency. 0 where there is no /proc.
 */
function cpuMsOf(rootPid: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const entry of entries) {
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces: the fields that follow start after its ")".
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        parent: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // the process ended while we looked
    }
  }
  const isBelowRoot = (pid: number): boolean => {
    for (let at: number | undefined = pid; at !== undefined && at > 1;) {
      if (at === rootPid) return true;
      at = stats.get(at)?.parent;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of stats) if (isBelowRoot(pid)) ticks += stat.ticks;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Starts the server on `databaseUrl` and polls `probe` (a path, with a cookie) every 5 ms until it
 * answers 200; the time that took is the cold start. Request logs go to /dev/null as in a quiet
 * production setup (pino still formats every line).
 */
export async function startServer(
  databaseUrl: string,
  probe: { path: string; cookie: string },
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // As `npm start` runs it: the bundled server (scripts/build-server.mjs).
  // BENCH_SERVER_NODE_OPTIONS passes flags to the server's node, for example
  // `--cpu-prof --cpu-prof-dir=data/bench/profiles` to see where its time goes.
  const nodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeOptions, path.resolve('dist', 'server.mjs')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: baseUrl,
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'trajectory-bench-')),
        SECRET_KEY: BENCH_SECRET_KEY,
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  for (;;) {
    if (exited !== null) throw new Error(`the server exited with ${exited}: ${stderr.trim()}`);
    if (performance.now() - started > 120_000)
      throw new Error('the server did not answer in 2 minutes');
    try {
      const response = await fetch(`${baseUrl}${probe.path}`, {
        headers: { cookie: probe.cookie },
      });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  const coldStartMs = performance.now() - started;
  return {
    baseUrl,
    coldStartMs,
    settle: async () => {
      // A server on a freshly generated organisation first queues the reminders of everyone and
      // checks every team's coverage; a server that restarts finds little of that to do. Measure
      // the steady state: past the first reminder tick (10 s after start), once the machine's
      // processors (this server, its database) have been nearly idle three seconds in a row.
      // Prompt answers from /api/health are no sign of it: another worker answers them (ADR 099),
      // PostgreSQL's passes wait on the database meanwhile, and at 100k people SQLite's passes
      // yield between batches (ADR 095), so health answered promptly for two seconds while they
      // still had minutes to go (ADR 107).
      await sleep(Math.max(0, FIRST_TICK_MS - (performance.now() - started)));
      let quietSeconds = 0;
      let busy = busyOf();
      let sampledAt = performance.now();
      while (quietSeconds < 3) {
        if (exited !== null) throw new Error(`the server exited with ${exited}: ${stderr.trim()}`);
        if (performance.now() - started > SETTLE_LIMIT_MS)
          throw new Error('the server was still busy with its start-up passes after 30 minutes');
        await sleep(250);
        if (performance.now() - sampledAt >= 1000) {
          const now = busyOf();
          const share = (now.busy - busy.busy) / Math.max(1, now.total - busy.total);
          quietSeconds = share < QUIET_SHARE ? quietSeconds + 1 : 0;
          busy = now;
          sampledAt = performance.now();
        }
      }
      return performance.now() - started;
    },
    cpuMs: () => (child.pid === undefined ? 0 : cpuMsOf(child.pid)),
    stop: async () => {
      if (exited !== null) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([done, sleep(10_000)]);
      if (exited === null) child.kill('SIGKILL');
    },
  };
}

/** Starts the server with `processes` workers and waits until its start-up passes are done. */
export async function startSettled(
  url: string,
  cookie: string,
  processes: number,
  log: (line: string) => void,
): Promise<{ server: RunningServer; settledMs: number }> {
  const server = await startServer(
    url,
    { path: '/api/home', cookie },
    { WORKERS: String(processes) },
  );
  log(`  cold start to the first successful request: ${server.coldStartMs.toFixed(0)} ms`);
  try {
    const settledMs = await server.settle();
    log(`  start-up background passes done after ${(settledMs / 1000).toFixed(1)} s`);
    return { server, settledMs };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Bundles the server as `npm start` does (scripts/build-server.mjs); exits if that fails. */
export function buildServerBundle(): void {
  const build = spawnSync(process.execPath, [path.resolve('scripts/build-server.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
