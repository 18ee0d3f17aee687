import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { freePort } from '../free-port.ts';

/**
 * The real server (`server/main.ts`) as a child process, for tests that kill it. It is bundled
 * once with esbuild (starting through tsx costs seconds of CPU each time); the bundle lives under
 * node_modules/.cache so its packages resolve, beside the one data file main.ts reads by URL.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'trajectory-reliability');

let bundled: Promise<string> | null = null;

/** Bundles server/main.ts (once per test process) and returns the file to run. */
export function bundleServer(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(CACHE, { recursive: true });
    const outfile = path.join(CACHE, `main-${process.pid}.mjs`);
    await build({
      entryPoints: [path.join(ROOT, 'server', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'error',
    });
    copyFileSync(
      path.join(ROOT, 'server', 'modules', 'frameworks', 'default-framework.yaml'),
      path.join(CACHE, 'default-framework.yaml'),
    );
    return outfile;
  })();
  return bundled;
}

export interface ChildServer {
  baseUrl: string;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  output: () => string;
}

/** Starts the server on `databaseUrl` and resolves once /api/health answers 200. */
export async function startChildServer(options: {
  databaseUrl: string;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<ChildServer> {
  const file = await bundleServer();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: '12',
      SECRET_KEY: 'reliability-test-secret-key-0123456789abcdef',
      LOG_LEVEL: 'warn',
      SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
      SIGN_IN_FAILURES_PER_ACCOUNT_PER_HOUR: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited while starting:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { baseUrl, process: child, exited, output: () => output };
}
