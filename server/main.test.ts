import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Starts the real entry point and waits for it to give up; a healthy start would time out. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const stderrLines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  return { status: result.status, signal: result.signal, stderrLines };
}

describe('starting with a bad configuration', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'trajectory-main-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits non-zero with one line naming PORT when it is not a number', () => {
    const result = start({ PORT: 'abc', DATA_DIR: dataDir });
    expect(result.signal).toBeNull();
    expect(result.status).not.toBe(0);
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toMatch(/PORT/);
    expect(result.stderrLines[0]).toContain('abc');
  });

  it('exits non-zero with one line naming DATABASE_URL when it is malformed', () => {
    const result = start({ DATABASE_URL: 'mysql://localhost/x', DATA_DIR: dataDir });
    expect(result.status).not.toBe(0);
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toMatch(/DATABASE_URL/);
  });

  it('exits non-zero with one line naming DATABASE_URL when the database does not answer', () => {
    const result = start({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x',
      DATA_DIR: dataDir,
    });
    expect(result.signal).toBeNull();
    expect(result.status).not.toBe(0);
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toMatch(/DATABASE_URL/);
  });
}, 60_000);
