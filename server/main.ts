import cluster from 'node:cluster';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { followPrimary, runsBackgroundPasses, superviseWorkers } from './cluster.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { engineOf, openDatabase } from './db/client.ts';
import type { Database } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail/mailer.ts';
import { createOutboxSweeper } from './modules/outbox/outbox.service.ts';
import { createBackgroundWork, installShutdownHandlers } from './http/shutdown.ts';
import { systemActor } from './policies/actor.ts';

/**
 * Process entry: read config → open database → migrate → listen. Exits 1 with one line on bad
 * setup. With WORKERS > 1 the first process migrates, then supervises that many workers, each of
 * which runs everything below from the top (their migration finds nothing to do; ADR 099).
 */
function fail(message: string): never {
  console.error(`trajectory: ${message}`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = createLogger(config.logLevel);
let database: Database;
try {
  database = await openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  await database.ping();
} catch (error) {
  fail(
    `DATABASE_URL: cannot open the ${engineOf(config.databaseUrl)} database (${(error as Error).message})`,
  );
}
try {
  await migrateToLatest(database);
} catch (error) {
  fail(`database migration failed: ${(error as Error).message}`);
}

if (config.workers > 1 && cluster.isPrimary) {
  await database.close();
  superviseWorkers({
    count: config.workers,
    logger,
    timeoutMs: (config.shutdownTimeoutSeconds + 5) * 1000,
  });
  console.log(`Trajectory is starting ${config.workers} workers at ${config.baseUrl}`);
} else {
  serveHere();
}

/** One server process: the app, its background passes and a graceful shutdown. */
function serveHere(): void {
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
  if (!mailer.isConfigured) {
    logger.warn(
      'SMTP_URL is not set: invitation and reset links are shown to the admin and written to this log instead of emailed',
    );
  }
  const { app, services } = createApp({
    config,
    database,
    clock: systemClock,
    logger,
    mailer,
    webRoot: path.resolve(import.meta.dirname, '..', 'dist', 'web'),
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, engine: database.engine, pid: process.pid }, 'listening');
    if (runsBackgroundPasses())
      console.log(`Trajectory is running at ${config.baseUrl} (${database.engine})`);
  });
  server.on('error', (error) =>
    fail(`PORT: cannot listen on ${config.host}:${config.port} (${error.message})`),
  );

  const OUTBOX_INTERVAL_MS = 15_000;
  /** Reminders are derived from the cadence engine and queued with unique keys; every instance may tick. */
  const REMINDER_INTERVAL_MS = 5 * MINUTE_MS;
  // Background passes run through `work`, so a shutdown waits for any pass in progress.
  const work = createBackgroundWork(logger);
  const tickReminders = () => work.run('reminder tick', () => services.reminders.tick());
  const COVERAGE_REFRESH_MS = 30_000;
  const refreshCoverage = () =>
    work.run('coverage refresh', () => services.coverageGroups.refresh());
  // Deletes what the admin-set retention periods say has expired (ADR 075); idempotent on every instance.
  const runRetention = () =>
    work.run('retention pass', () => services.retention.runPass(systemActor));
  const outbox = createOutboxSweeper({ database, mailer, clock: systemClock, logger });
  // In a cluster one worker runs them all (ADR 099); each is safe on several instances anyway.
  const timers = !runsBackgroundPasses()
    ? []
    : [
        setInterval(() => work.run('session sweep', () => services.auth.sweepExpired()), HOUR_MS),
        setInterval(() => {
          if (mailer.isConfigured) work.run('outbox sweep', () => outbox.sweep());
        }, OUTBOX_INTERVAL_MS),
        setInterval(tickReminders, REMINDER_INTERVAL_MS),
        setTimeout(tickReminders, 10_000),
        // Keeps the materialised coverage dashboard current, so dashboard reads find little to do.
        setInterval(refreshCoverage, COVERAGE_REFRESH_MS),
        setTimeout(refreshCoverage, 1_000),
        setInterval(runRetention, DAY_MS),
        setTimeout(runRetention, 5 * MINUTE_MS),
      ];
  for (const timer of timers) timer.unref();

  // SIGTERM/SIGINT: stop taking connections, let in-flight requests and background passes
  // (outbox, reminders, session sweep) finish, then close the database (docs/operations.md).
  // A cluster worker stops when its primary says so (SIGTERM) or is gone; Ctrl-C in a terminal
  // reaches every process of the group, and the primary passes it on as SIGTERM.
  followPrimary();
  if (cluster.isWorker) process.on('SIGINT', () => undefined);
  installShutdownHandlers({
    signals: cluster.isWorker ? ['SIGTERM'] : ['SIGTERM', 'SIGINT'],
    server,
    logger,
    work,
    timers,
    close: async () => {
      await outbox.drain();
      await database.close();
    },
    timeoutMs: config.shutdownTimeoutSeconds * 1000,
  });
}
