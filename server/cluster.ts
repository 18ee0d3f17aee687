import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import type { Logger } from './logger.ts';

/**
 * Several server processes on one machine (`WORKERS`, ADR 099). Node runs JavaScript on one core
 * per process, and better-sqlite3 runs every query on that same thread, so one process uses one
 * core however many the machine has. The primary only supervises: the workers share the port
 * (the primary hands connections round-robin), each opens its own database connection, and all
 * of them are instances on one database as several machines would be (reminders, the outbox and
 * the audit chain are already safe for that). One worker, the first, runs the background passes,
 * so a machine does not do the same pass twice at once.
 */

/** Set on the worker that runs the background passes. */
const BACKGROUND_ENV = 'TRAJECTORY_RUNS_BACKGROUND';
/** A worker that dies sooner than this after starting counts as a crash loop. */
const CRASH_LOOP_MS = 10_000;
const MAX_QUICK_CRASHES = 5;

/** Whether this process should run the background passes (a single process always does). */
export function runsBackgroundPasses(): boolean {
  return !cluster.isWorker || process.env[BACKGROUND_ENV] === '1';
}

/**
 * In a worker: when the primary is gone (killed without a chance to stop its workers), shut down
 * gracefully through the same path as SIGTERM rather than linger unsupervised.
 */
export function followPrimary(): void {
  if (!cluster.isWorker) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

/**
 * Forks `count` workers and keeps them running: a worker that exits unexpectedly is replaced
 * (in the same role), unless workers keep dying right after starting. SIGTERM or SIGINT is passed
 * on to every worker; the primary exits once they have all exited (0 when each of them stopped
 * cleanly), or after `timeoutMs` with 1.
 */
export function superviseWorkers(options: {
  count: number;
  logger: Logger;
  timeoutMs: number;
  exit?: (code: number) => void;
}): void {
  const { count, logger, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const roles = new Map<Worker, { runsBackground: boolean; startedAt: number }>();
  let isStopping = false;
  let quickCrashes = 0;
  let failedExits = 0;

  const fork = (runsBackground: boolean) => {
    const worker = cluster.fork({ [BACKGROUND_ENV]: runsBackground ? '1' : '0' });
    roles.set(worker, { runsBackground, startedAt: Date.now() });
  };

  cluster.on('exit', (worker, code, signal) => {
    const role = roles.get(worker);
    roles.delete(worker);
    if (isStopping) {
      // A worker still starting has no handler yet, and SIGTERM ends it at once: nothing was lost.
      const isClean = code === 0 || (code === null && signal === 'SIGTERM');
      if (!isClean) failedExits += 1;
      if (roles.size === 0) exit(failedExits === 0 ? 0 : 1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'a worker exited; starting another');
    if (role && Date.now() - role.startedAt < CRASH_LOOP_MS) quickCrashes += 1;
    if (quickCrashes >= MAX_QUICK_CRASHES) {
      logger.fatal({ quickCrashes }, 'workers keep exiting right after they start; stopping');
      stop('crash loop');
      return;
    }
    fork(role?.runsBackground ?? false);
  });

  const stop = (reason: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ reason, workers: roles.size }, 'stopping the workers');
    if (roles.size === 0) exit(failedExits === 0 ? 0 : 1);
    for (const worker of roles.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'workers did not stop in time; killing them');
      for (const worker of roles.keys()) worker.process.kill('SIGKILL');
      exit(1);
    }, timeoutMs).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal));

  for (let index = 0; index < count; index += 1) fork(index === 0);
}
