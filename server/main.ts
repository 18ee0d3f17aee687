import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { HOUR_MS, systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { engineOf, openDatabase } from './db/client.ts';
import type { Database } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail/mailer.ts';
import { createOutboxSweeper } from './modules/outbox/outbox.service.ts';

/** Process entry: read config → open database → migrate → listen. Exits 1 with one line on bad setup. */
function fail(message: string): never {
  console.error(`trajectory: ${message}`);
  process.exit(1);
}

let config;
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
  logger.info({ port: info.port, engine: database.engine }, 'listening');
  console.log(`Trajectory is running at ${config.baseUrl} (${database.engine})`);
});
server.on('error', (error) =>
  fail(`PORT: cannot listen on ${config.host}:${config.port} (${error.message})`),
);

const OUTBOX_INTERVAL_MS = 15_000;
const outbox = createOutboxSweeper({ database, mailer, clock: systemClock, logger });
const timers = [
  setInterval(() => {
    services.auth
      .sweepExpired()
      .catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'session sweep failed'),
      );
  }, HOUR_MS),
  setInterval(() => {
    if (!mailer.isConfigured) return;
    outbox
      .sweep()
      .catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'outbox sweep failed'),
      );
  }, OUTBOX_INTERVAL_MS),
];
for (const timer of timers) timer.unref();

/** Stops taking requests, lets in-flight requests and the outbox pass finish, then closes the database. */
function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  for (const timer of timers) clearInterval(timer);
  server.close(() => {
    void outbox
      .drain()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
