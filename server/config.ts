import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a positive whole number (got "${value}")`,
        });
        return z.NEVER;
      }
      return parsed;
    });

const envSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return 3000;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
        ctx.addIssue({
          code: 'custom',
          message: `PORT must be a port number from 0 to 65535 (got "${value}")`,
        });
        return z.NEVER;
      }
      return parsed;
    }),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (!value) return;
      if (/^postgres(ql)?:\/\//.test(value)) {
        try {
          new URL(value);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'DATABASE_URL is not a valid postgres:// URL' });
        }
        return;
      }
      if (value.startsWith('file:')) return;
      ctx.addIssue({
        code: 'custom',
        message: `DATABASE_URL must start with postgres://, postgresql:// or file: (got "${value.split(':')[0]}:…")`,
      });
    }),
  DATABASE_POOL_SIZE: positiveInt('DATABASE_POOL_SIZE', 10),
  WORKERS: positiveInt('WORKERS', 1),
  BASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (!value) return;
      if (!/^https?:\/\/[^/]+/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `BASE_URL must be an http(s) URL such as https://trajectory.example.com (got "${value}")`,
        });
      }
    }),
  SECRET_KEY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value && value.length < 32) {
        ctx.addIssue({ code: 'custom', message: 'SECRET_KEY must be at least 32 characters' });
      }
    }),
  SMTP_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value && !/^smtps?:\/\//.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'SMTP_URL must start with smtp:// or smtps://' });
      }
    }),
  MAIL_FROM: z.string().default('Trajectory <trajectory@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: positiveInt('SESSION_IDLE_MINUTES', 8 * 60),
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt('SHUTDOWN_TIMEOUT_SECONDS', 25),
  SESSION_MAX_HOURS: positiveInt('SESSION_MAX_HOURS', 7 * 24),
  SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE: positiveInt('SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE', 10),
  SIGN_IN_FAILURES_PER_ACCOUNT_PER_HOUR: positiveInt('SIGN_IN_FAILURES_PER_ACCOUNT_PER_HOUR', 20),
  TRUST_PROXY: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((value) => value === 'true'),
  OIDC_ISSUER: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value && !/^https?:\/\/[^/]+/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'OIDC_ISSUER must be an https:// URL' });
      }
    }),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_DISPLAY_NAME: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  databasePoolSize: number;
  baseUrl: string;
  secretKey: string;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Server processes on this machine, each on its own core (ADR 099); 1 runs no supervisor. */
  workers: number;
  /** How long a graceful shutdown may wait for in-flight work (docs/operations.md). */
  shutdownTimeoutSeconds: number;
  signInAttemptsPerIpPerMinute: number;
  signInFailuresPerAccountPerHour: number;
  trustProxy: boolean;
  /** OpenID Connect provider set by environment; null when it is configured in the admin UI. */
  oidc: { issuer: string; clientId: string; clientSecret: string; displayName: string } | null;
}

export class ConfigError extends Error {}

/** Reads and checks the environment; throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? '');
    const message = issue?.message ?? 'invalid configuration';
    throw new ConfigError(message.startsWith(variable) ? message : `${variable}: ${message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `DATA_DIR: cannot create the data directory ${dataDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL || `file:${path.join(dataDir, 'trajectory.db')}`,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    workers: e.WORKERS,
    baseUrl: (e.BASE_URL || `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    secretKey: e.SECRET_KEY || readOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL || null,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    signInAttemptsPerIpPerMinute: e.SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE,
    signInFailuresPerAccountPerHour: e.SIGN_IN_FAILURES_PER_ACCOUNT_PER_HOUR,
    trustProxy: e.TRUST_PROXY,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET ?? '',
            displayName: e.OIDC_DISPLAY_NAME || 'single sign-on',
          }
        : null,
  };
}

/**
 * A secret generated on first run and kept beside the data, readable by its owner only. Created
 * exclusively, so instances starting together on one data directory agree on it.
 */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  try {
    if (!existsSync(file)) {
      try {
        writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, {
          mode: 0o600,
          flag: 'wx',
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) {
      throw new ConfigError(
        `SECRET_KEY: the generated key in ${file} is shorter than 32 characters; delete the file to generate a new one, or set SECRET_KEY`,
      );
    }
    return secret;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `SECRET_KEY: not set, and ${file} cannot be read or created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}
