import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SECRET = 'a-secret-key-that-is-at-least-32-characters';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'trajectory-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir, ...env });

  const errorOf = (env: Record<string, string>): ConfigError => {
    try {
      load(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('has working defaults', () => {
    const config = load({ SECRET_KEY: SECRET });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: dir,
      databaseUrl: `file:${path.join(dir, 'trajectory.db')}`,
      databasePoolSize: 10,
      workers: 1,
      baseUrl: 'http://localhost:3000',
      secretKey: SECRET,
      smtpUrl: null,
      logLevel: 'info',
      sessionIdleMinutes: 480,
      sessionMaxHours: 168,
      signInAttemptsPerIpPerMinute: 10,
      signInFailuresPerAccountPerHour: 20,
      trustProxy: false,
    });
  });

  it('reads every variable it is given', () => {
    const config = load({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/trajectory',
      DATABASE_POOL_SIZE: '4',
      WORKERS: '2',
      BASE_URL: 'https://trajectory.example.com/',
      SECRET_KEY: SECRET,
      SMTP_URL: 'smtps://user:pass@mail.example.com',
      LOG_LEVEL: 'warn',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '12',
      SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE: '5',
      SIGN_IN_FAILURES_PER_ACCOUNT_PER_HOUR: '7',
      TRUST_PROXY: 'true',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app:secret@db.internal:5432/trajectory',
      databasePoolSize: 4,
      workers: 2,
      baseUrl: 'https://trajectory.example.com',
      smtpUrl: 'smtps://user:pass@mail.example.com',
      logLevel: 'warn',
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      signInAttemptsPerIpPerMinute: 5,
      signInFailuresPerAccountPerHour: 7,
      trustProxy: true,
    });
  });

  it('treats empty variables as unset', () => {
    const config = load({ PORT: '', DATABASE_URL: '', BASE_URL: '', SECRET_KEY: '', SMTP_URL: '' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toMatch(/^file:/);
    expect(config.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(config.smtpUrl).toBeNull();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://root@localhost/db'],
    ['DATABASE_URL', 'postgres://db.internal:99999/x'],
    ['DATABASE_URL', 'trajectory.db'],
    ['DATABASE_POOL_SIZE', '0'],
    ['BASE_URL', 'trajectory.example.com'],
    ['SECRET_KEY', 'too-short'],
    ['SMTP_URL', 'mail.example.com:25'],
    ['LOG_LEVEL', 'verbose'],
    ['SESSION_IDLE_MINUTES', 'forever'],
    ['SESSION_MAX_HOURS', '-1'],
    ['SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE', 'ten'],
    ['TRUST_PROXY', 'yes'],
  ])('names %s when it is %j, in one line', (variable, value) => {
    const error = errorOf({ [variable]: value });
    expect(error.message.startsWith(`${variable}`)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('does not echo a malformed database URL that may hold a password', () => {
    const error = errorOf({ DATABASE_URL: 'mysql://root:hunter2hunter2@localhost/db' });
    expect(error.message).not.toContain('hunter2');
  });

  it('generates a secret key once and keeps it in the data directory', () => {
    const first = load({});
    const second = load({});
    expect(first.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(second.secretKey).toBe(first.secretKey);
    const file = path.join(dir, 'secret.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secretKey);
    expect(statSync(file).mode & 0o077).toBe(0);
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'trajectory-config-'));
    try {
      expect(loadConfig({ DATA_DIR: elsewhere }).secretKey).not.toBe(first.secretKey);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('prefers SECRET_KEY to the generated one', () => {
    load({});
    expect(load({ SECRET_KEY: SECRET }).secretKey).toBe(SECRET);
  });

  it('refuses a kept secret that was truncated', () => {
    writeFileSync(path.join(dir, 'secret.key'), 'short\n');
    expect(errorOf({}).message).toMatch(/^SECRET_KEY: .*secret\.key/);
  });

  it('names DATA_DIR when the data directory cannot be created', () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    expect(errorOf({ DATA_DIR: path.join(file, 'data') }).message).toMatch(/^DATA_DIR: /);
  });

  it.skipIf(process.getuid?.() === 0)(
    'names SECRET_KEY when the data directory is read-only and no key is set',
    () => {
      chmodSync(dir, 0o500);
      try {
        expect(errorOf({}).message).toMatch(/^SECRET_KEY: /);
      } finally {
        chmodSync(dir, 0o700);
      }
    },
  );
});
