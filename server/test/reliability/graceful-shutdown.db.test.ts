import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, dropDatabase, openDatabase } from '../../db/client.ts';
import { startChildServer } from './child-server.ts';
import type { ChildServer } from './child-server.ts';
import { RemoteAgent } from './http-client.ts';
import { seedAdmin } from './seed-admin.ts';

/**
 * Graceful shutdown (issue 10 §4): SIGTERM while a write is in flight. The server stops taking
 * connections at once, finishes the write, closes the database and exits 0.
 */
const PASSWORD = 'shutdown test passphrase that is long enough';

/**
 * A request that is in flight at the HTTP level: headers and half the body sent, the rest only
 * when `finish` is called (a slow client). The server's event loop stays free meanwhile.
 */
function slowRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): { finish: () => void; answer: Promise<{ status: number; body: unknown }> } {
  const payload = Buffer.from(JSON.stringify(body));
  const url = new URL(path, baseUrl);
  let finish: () => void = () => undefined;
  const answer = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': payload.length,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }),
        );
      },
    );
    req.on('error', reject);
    req.write(payload.subarray(0, 10));
    finish = () => req.end(payload.subarray(10));
  });
  return { finish: () => finish(), answer };
}

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trajectory-shutdown-'));
  let url = '';
  let child: ChildServer | null = null;
  afterAll(async () => {
    child?.process.kill('SIGKILL');
    if (url) await dropDatabase(url);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new connections and exits 0 on SIGTERM', async () => {
    url = await cloneDatabase(
      inject('templateUrl'),
      `trajectory_stop_${randomBytes(5).toString('hex')}`,
    );
    const database = await openDatabase(url, { poolSize: 2 });
    await seedAdmin(database, {
      organization: 'Shutdown Org',
      email: 'admin@shutdown.test',
      password: PASSWORD,
    });

    child = await startChildServer({
      databaseUrl: url,
      dataDir,
      env: { SHUTDOWN_TIMEOUT_SECONDS: '20' },
    });
    const admin = new RemoteAgent(child.baseUrl);
    await admin.signIn('admin@shutdown.test', PASSWORD);

    const inFlight = slowRequest(child.baseUrl, '/api/people', admin.headers(), {
      name: 'Written during shutdown',
      email: 'late@shutdown.test',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopping = child;
    stopping.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // No new connections once shutdown has begun; the process waits for the request in flight.
    await expect(fetch(`${stopping.baseUrl}/api/health`)).rejects.toThrow();
    expect(stopping.process.exitCode).toBeNull();

    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(201);
    expect(await stopping.exited).toBe(0);
    child = null;
    const saved = await database.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'late@shutdown.test')
      .executeTakeFirst();
    expect(saved?.id).toBe((answer.body as { id: string }).id);
    await database.close();
  }, 120_000);
});
