import type { Logger } from '../logger.ts';

/**
 * Graceful shutdown (ADR 083): on SIGTERM/SIGINT stop accepting connections, let in-flight
 * requests and background passes (outbox, reminders, session sweep) finish, close the database,
 * exit 0. A deadline bounds the wait; a second signal exits at once.
 */

export interface BackgroundWork {
  /** Runs a background pass unless shutting down; failures are logged, never thrown. */
  run(name: string, task: () => Promise<unknown>): void;
  /** Refuses new passes and waits for the running ones. */
  drain(): Promise<void>;
  /** Passes still running. */
  readonly pending: number;
}

export function createBackgroundWork(logger: Logger): BackgroundWork {
  const running = new Set<Promise<void>>();
  let isStopping = false;
  return {
    run(name, task) {
      if (isStopping) return;
      const pass: Promise<void> = Promise.resolve()
        .then(task)
        .then(
          () => undefined,
          (error: unknown) => logger.warn({ err: (error as Error).message }, `${name} failed`),
        )
        .finally(() => running.delete(pass));
      running.add(pass);
    },
    async drain() {
      isStopping = true;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get pending() {
      return running.size;
    },
  };
}

/** The part of node:http's Server that shutting down needs. */
export interface ClosableServer {
  close(callback?: (error?: Error) => void): unknown;
  closeIdleConnections?: () => void;
}

export interface ShutdownOptions {
  server: ClosableServer;
  logger: Logger;
  work: BackgroundWork;
  /** Timers to stop first (sweeps, ticks). */
  timers: ReturnType<typeof setTimeout>[];
  /** Called last, after requests and background work have finished (the database). */
  close: () => Promise<void>;
  /** How long in-flight work may take before the process exits anyway (exit 1). */
  timeoutMs: number;
  exit?: (code: number) => void;
  /** The signals that start a shutdown (a cluster worker answers only its primary's SIGTERM). */
  signals?: readonly NodeJS.Signals[];
}

/** Stops the process gracefully; returns a promise that settles when the process would exit. */
export function shutDownGracefully(signal: string, options: ShutdownOptions): Promise<number> {
  const { server, logger, work, timers, close, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  logger.info(
    { signal, timeoutMs },
    'shutting down: refusing new connections, finishing in-flight requests and background work',
  );
  for (const timer of timers) clearTimeout(timer);
  return new Promise<number>((resolve) => {
    const finish = (code: number) => {
      clearTimeout(deadline);
      clearInterval(idleSweep);
      resolve(code);
      exit(code);
    };
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown deadline passed with work still running; exiting');
      finish(1);
    }, timeoutMs);
    // Keep-alive connections that finish their request become idle: close them so close() returns.
    const idleSweep = setInterval(() => server.closeIdleConnections?.(), 100);
    server.close(() => {
      void work
        .drain()
        .then(close)
        .then(
          () => {
            logger.info('shut down cleanly');
            finish(0);
          },
          (error: unknown) => {
            logger.error({ err: (error as Error).message }, 'shutdown failed');
            finish(1);
          },
        );
    });
    server.closeIdleConnections?.();
  });
}

/** Wires SIGTERM and SIGINT to a graceful shutdown; a second signal exits immediately. */
export function installShutdownHandlers(options: ShutdownOptions): void {
  let isShuttingDown = false;
  const onSignal = (signal: string) => {
    if (isShuttingDown) {
      options.logger.warn({ signal }, 'second signal during shutdown: exiting now');
      (options.exit ?? process.exit)(1);
      return;
    }
    isShuttingDown = true;
    void shutDownGracefully(signal, options);
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT'])
    process.on(signal, () => onSignal(signal));
}
