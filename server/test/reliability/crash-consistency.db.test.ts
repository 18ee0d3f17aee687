import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, dropDatabase, openDatabase } from '../../db/client.ts';
import { upsertCredentials } from '../../modules/auth/auth.repository.ts';
import { hashPassword } from '../../modules/auth/passwords.ts';
import { insertOrganization } from '../../modules/organization/organization.repository.ts';
import { insertPerson } from '../../modules/people/people.repository.ts';
import { changeManager } from '../../modules/people/people.service.ts';
import { validWhatMatters } from '../../modules/conversations/conversations.fixtures.ts';
import { startChildServer } from './child-server.ts';
import type { ChildServer } from './child-server.ts';
import { emptyLedger, inspect } from './crash-ledger.ts';
import type { Ledger } from './crash-ledger.ts';
import { RemoteAgent } from './http-client.ts';

/**
 * Crash consistency (issue 10 §1, security.md G10): the real server in a child process, ten
 * concurrent writers doing multi-row writes, `kill -9` at a random moment, restart, and then:
 * every acknowledged write is there, no transaction is half-applied, the integrity check passes
 * and the audit chain verifies. CRASH_CYCLES (default 20) and CRASH_SEED override the defaults;
 * `npm run soak` runs more cycles.
 */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? 7_140_2026);
const PASSWORD = 'crash test passphrase that is long enough';
const ENGINEERS = 6;

/** mulberry32: a small seeded generator, so kill moments repeat for a given seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Cast {
  adminEmail: string;
  managerEmail: string;
  managerId: string;
  engineers: { id: string; email: string }[];
}

/** The organisation, written straight into the database before the first start. */
async function seedCast(url: string): Promise<Cast> {
  const database = await openDatabase(url, { poolSize: 2 });
  const now = new Date().toISOString();
  const hash = await hashPassword(PASSWORD);
  const person = async (label: string, isAdmin = false) => {
    const id = randomUUID();
    const email = `${label}-${id.slice(0, 6)}@crash.test`;
    await insertPerson(database.db, {
      id,
      email,
      name: label,
      title: 'Engineer',
      team: 'Crash',
      timezone: 'UTC',
      start_date: null,
      is_admin: isAdmin,
      is_people_team: false,
      is_active: true,
      deactivated_at: null,
      created_at: now,
      updated_at: now,
    });
    await upsertCredentials(database.db, id, hash, now);
    return { id, email };
  };
  await insertOrganization(database.db, 'Crash Org', now);
  const admin = await person('admin', true);
  const manager = await person('manager');
  const engineers = [];
  for (let i = 0; i < ENGINEERS; i += 1) {
    const engineer = await person(`engineer${i}`);
    await changeManager(database.db, {
      reportId: engineer.id,
      managerId: manager.id,
      startsOn: now.slice(0, 10),
      createdBy: null,
      createdAt: now,
    });
    engineers.push(engineer);
  }
  await database.close();
  return { adminEmail: admin.email, managerEmail: manager.email, managerId: manager.id, engineers };
}

describe('crash consistency: kill -9 under concurrent writes', () => {
  const engine = process.env.TEST_DB_ENGINE ?? 'sqlite';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trajectory-crash-'));
  let url = '';
  let child: ChildServer | null = null;
  afterAll(async () => {
    child?.process.kill('SIGKILL');
    if (url) await dropDatabase(url);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write and whole transactions through ${CYCLES} crashes`, async () => {
    url = await cloneDatabase(
      inject('templateUrl'),
      `trajectory_crash_${randomBytes(5).toString('hex')}`,
    );
    const cast = await seedCast(url);
    const random = seededRandom(SEED);
    const ledger: Ledger = emptyLedger();
    const emailPrefix = `crash-${randomBytes(3).toString('hex')}-`;
    const conversationIds = new Set<string>();
    const started = performance.now();

    child = await startChildServer({ databaseUrl: url, dataDir });
    const signIn = async (email: string) => {
      const agent = new RemoteAgent(child?.baseUrl ?? '');
      await agent.signIn(email, PASSWORD);
      return agent;
    };
    const admins = [
      await signIn(cast.adminEmail),
      await signIn(cast.adminEmail),
      await signIn(cast.adminEmail),
    ];
    let manager = await signIn(cast.managerEmail);
    let engineers = await Promise.all(cast.engineers.map((e) => signIn(e.email)));
    const notesPair = await manager.request<{ id: string }>('POST', '/api/conversations', {
      engineerId: cast.engineers[0]?.id,
      kind: 'quarterly',
      startsAt: '2026-06-01T10:00:00Z',
      place: 'Room 1',
    });
    expect(notesPair.status).toBe(201);
    const notesId = notesPair.body.id;
    conversationIds.add(notesId);

    let inFlightAtKills = 0;
    let writesSent = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      let isStopped = false;
      const inFlight = new Set<number>();
      let sequence = 0;
      let answers = 0;
      /** Runs `op` until the server dies; an answer (2xx or not) is an acknowledgement either way. */
      const loop = async (op: (n: number) => Promise<void>) => {
        for (let n = 0; !isStopped; n += 1) {
          const ticket = (sequence += 1);
          inFlight.add(ticket);
          writesSent += 1;
          try {
            await op(n);
            answers += 1;
          } catch {
            return; // the server is gone: this request's outcome is unknown
          } finally {
            if (!isStopped) inFlight.delete(ticket);
          }
        }
      };
      const notesWriter = (agent: RemoteAgent, who: string) => {
        let version = ledger.notes.get(notesId)?.version ?? 0;
        return loop(async (n) => {
          const text = `${who} ${cycle}.${n}`;
          const reply = await agent.request<{ version: number; current?: { version: number } }>(
            'PUT',
            `/api/conversations/${notesId}/shared-notes`,
            { text, version },
          );
          if (reply.status === 200) {
            version = reply.body.version;
            const known = ledger.notes.get(notesId);
            if (!known || known.version < version) ledger.notes.set(notesId, { version, text });
          } else if (reply.status === 409 && reply.body.current)
            version = reply.body.current.version;
        });
      };
      const writers = [
        ...admins.map((agent, w) =>
          loop(async (n) => {
            const email = `${emailPrefix}${cycle}-${w}-${n}@crash.test`;
            const reply = await agent.request<{ id: string }>('POST', '/api/people', {
              name: `Crash ${cycle}.${w}.${n}`,
              email,
              managerId: cast.managerId,
            });
            if (reply.status === 201) ledger.people.set(reply.body.id, email);
          }),
        ),
        ...engineers.slice(1, 4).map((agent) =>
          loop(async () => {
            const reply = await agent.request<{ id: string }>(
              'POST',
              '/api/what-matters',
              validWhatMatters,
            );
            if (reply.status === 201) ledger.exercises.add(reply.body.id);
          }),
        ),
        ...engineers.slice(4, 6).map((_agent, w) =>
          loop(async (n) => {
            const reply = await manager.request<{ id: string }>('POST', '/api/conversations', {
              engineerId: cast.engineers[4 + w]?.id,
              kind: 'event',
              startsAt: `2026-0${1 + (n % 9)}-1${w}T09:00:00Z`,
              place: `Crash ${cycle}.${n}`,
            });
            if (reply.status === 201) {
              ledger.conversations.add(reply.body.id);
              conversationIds.add(reply.body.id);
            }
          }),
        ),
        notesWriter(manager, 'manager'),
        notesWriter(engineers[0] as RemoteAgent, 'engineer'),
      ];
      // Let the writers get going (a fresh process is slow at first), then kill at a random moment.
      const warm = Date.now() + 5_000;
      while (answers < 12 && Date.now() < warm) await new Promise((r) => setTimeout(r, 10));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
      const victim = child;
      isStopped = true;
      victim.process.kill('SIGKILL');
      inFlightAtKills += inFlight.size;
      expect(await victim.exited).toBe('SIGKILL');
      await Promise.all(writers);

      // Restart on the same database (migrations run again at start), then look.
      child = await startChildServer({ databaseUrl: url, dataDir });
      const baseUrl = child.baseUrl;
      for (const [i, agent] of admins.entries()) admins[i] = agent.rebase(baseUrl);
      manager = manager.rebase(baseUrl);
      engineers = engineers.map((agent) => agent.rebase(baseUrl));
      const database = await openDatabase(url, { poolSize: 2 });
      try {
        const result = await inspect(database, ledger, { emailPrefix, conversationIds });
        expect(result.problems, `cycle ${cycle} (CRASH_SEED=${SEED})`).toEqual([]);
        if (cycle === CYCLES) {
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          console.warn(
            `crash (${engine}): seed ${SEED}, ${CYCLES} kill -9 cycles with 10 writers in ${seconds} s; ` +
              `${writesSent} writes sent, ${result.acknowledged} acknowledged, ${result.found} found after restart, ` +
              `${inFlightAtKills} in flight at the kills (${result.committedUnacknowledged} of those committed); ` +
              `integrity ${result.integrity}; audit chain intact over ${result.auditEvents} events`,
          );
          expect(result.found).toBe(result.acknowledged);
        }
      } finally {
        await database.close();
      }
    }

    // After the last crash: a graceful stop (SIGTERM) ends with exit code 0.
    const last = child;
    last.process.kill('SIGTERM');
    expect(await last.exited).toBe(0);
    child = null;
  }, 600_000);
});
