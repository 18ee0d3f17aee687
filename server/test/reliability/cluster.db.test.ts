import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, dropDatabase, openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/client.ts';
import { startChildServer } from './child-server.ts';
import type { ChildServer } from './child-server.ts';
import { RemoteAgent } from './http-client.ts';
import { seedAdmin } from './seed-admin.ts';

/**
 * `WORKERS=2` (ADR 099): a primary supervising two server processes on one port and one
 * database. Writes from both land, a worker that dies is replaced, SIGTERM stops them all with
 * exit 0, and workers do not outlive a primary killed with SIGKILL.
 */
const PASSWORD = 'cluster test passphrase that is long enough';
const WRITES = 40;

/** Processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children.sort((a, b) => a - b);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * GET on a connection of its own. A pooled keep-alive connection may still point at the worker
 * just killed, and a request on it fails with "other side closed" (CI saw this once).
 */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('several workers on one machine', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trajectory-cluster-'));
  const urls: string[] = [];
  const started: ChildServer[] = [];
  afterAll(async () => {
    for (const server of started) {
      const pid = server.process.pid;
      const workers = pid ? childrenOf(pid) : [];
      server.process.kill('SIGKILL');
      for (const worker of workers) if (isAlive(worker)) process.kill(worker, 'SIGKILL');
    }
    for (const url of urls) await dropDatabase(url);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ server: ChildServer; database: Database; primary: number }> {
    const url = await cloneDatabase(
      inject('templateUrl'),
      `trajectory_cluster_${randomBytes(5).toString('hex')}`,
    );
    urls.push(url);
    const database = await openDatabase(url, { poolSize: 2 });
    await seedAdmin(database, {
      organization: 'Cluster Org',
      email: 'admin@cluster.test',
      password: PASSWORD,
    });
    const server = await startChildServer({
      databaseUrl: url,
      dataDir,
      env: { WORKERS: '2', SHUTDOWN_TIMEOUT_SECONDS: '10' },
    });
    started.push(server);
    const primary = server.process.pid ?? 0;
    await until('both workers run', () => childrenOf(primary).length === 2);
    return { server, database, primary };
  }

  it('serves writes from both workers, replaces one that dies and stops all on SIGTERM', async () => {
    const { server, database, primary } = await start();
    const admin = new RemoteAgent(server.baseUrl);
    await admin.signIn('admin@cluster.test', PASSWORD);
    // Concurrent writes, spread over both processes by the primary: each one lands once.
    const answers = await Promise.all(
      Array.from({ length: WRITES }, (_, index) =>
        admin.request('POST', '/api/people', {
          name: `Worker test ${index}`,
          email: `worker-${index}@cluster.test`,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: WRITES }, () => 201));
    const rows = await database.db
      .selectFrom('people')
      .select('id')
      .where('email', 'like', 'worker-%@cluster.test')
      .execute();
    expect(rows).toHaveLength(WRITES);

    const [victim] = childrenOf(primary);
    process.kill(victim ?? 0, 'SIGKILL');
    await until(
      'a replacement worker runs',
      () => childrenOf(primary).length === 2 && !childrenOf(primary).includes(victim ?? 0),
    );
    // Each on a new connection: the server answers whichever worker the primary hands it to.
    for (let index = 0; index < 4; index += 1) {
      expect(await statusOnNewConnection(`${server.baseUrl}/api/health`)).toBe(200);
    }

    const workers = childrenOf(primary);
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await until('every worker has exited', () => workers.every((pid) => !isAlive(pid)));
    await database.close();
  }, 120_000);

  it('workers shut down when their primary is killed', async () => {
    const { server, database, primary } = await start();
    const workers = childrenOf(primary);
    server.process.kill('SIGKILL');
    await server.exited;
    await until('the orphaned workers have exited', () => workers.every((pid) => !isAlive(pid)));
    await database.close();
  }, 120_000);
});
