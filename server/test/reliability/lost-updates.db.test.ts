import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/client.ts';
import { createLogger } from '../../logger.ts';
import {
  buildCast,
  completeConversation,
  createConversationHarness,
  scheduleConversation,
} from '../../modules/conversations/conversations.fixtures.ts';
import { Agent } from '../harness.ts';
import type { TestHarness } from '../harness.ts';

/**
 * Concurrent edits (issue 10 §2, security.md G11): writers on two app instances (two database
 * connections, as two servers would have) race to edit each record under a version precondition,
 * in orders chosen by fast-check's scheduler. After every race: every acknowledged edit is in the
 * final text, the version went up once per acknowledged edit, and a write without a precondition
 * was refused with 428. RACE_RUNS (interleavings per record) and RACE_SEED override the defaults.
 */
const RUNS = Number(process.env.RACE_RUNS ?? 100);
const SEED = Number(process.env.RACE_SEED ?? 31_031);
const WRITERS = 3;

interface Snapshot {
  value: string;
  version: number;
}

interface Target {
  name: string;
  read(agent: Agent): Promise<Snapshot>;
  /** A write from `base`; on 409, what the server says is current. */
  write(
    agent: Agent,
    value: string,
    baseVersion: number | undefined,
  ): Promise<{ status: number; current?: Snapshot }>;
  /** Which agent writes for writer `i` on instance `instance`. */
  writer(i: number, instance: 0 | 1): Agent;
}

/** Keeps texts short whatever their limit: the tail of what was read, then this writer's token. */
const append = (value: string, token: string) => `${value.slice(-40)}|${token}`;

describe('no lost update under raced edits (two instances on PostgreSQL)', () => {
  let t: TestHarness;
  let second: Database;
  let targets: Target[] = [];
  const interleavings: Record<string, number> = {};

  beforeAll(async () => {
    t = await createConversationHarness();
    const cast = await buildCast(t);
    const { people, agents } = cast;
    // Two instances on one database, each with its own connection(s) and app (as two servers).
    // On SQLite both apps share the connection: a second connection in the same process would
    // block the one event loop in its busy wait (SQLite runs one instance; PostgreSQL scales out).
    second =
      t.database.engine === 'postgres' ? await openDatabase(t.url, { poolSize: 4 }) : t.database;
    const instance = (database: Database) =>
      createApp({
        config: t.config,
        database,
        clock: t.clock,
        logger: createLogger(process.env.RACE_LOG === '1' ? 'error' : 'silent'),
        mailer: { isConfigured: true, send: async () => undefined },
        webRoot: null,
        isDecisionRequired: true,
      }).app;
    const apps = [instance(t.database), instance(second)] as const;
    const on = (app: (typeof apps)[number], agent: Agent) => {
      const twin = new Agent(app);
      twin.cookie = agent.cookie;
      twin.csrfToken = agent.csrfToken;
      return twin;
    };
    const pair = (a: Agent) => [on(apps[0], a), on(apps[1], a)] as const;
    const admins = [
      pair(agents.admin),
      pair(await t.agentFor(people.admin)),
      pair(await t.agentFor(people.admin)),
    ];
    const managers = [
      pair(agents.manager),
      pair(await t.agentFor(people.manager)),
      pair(await t.agentFor(people.manager)),
    ];
    const engineer = pair(agents.engineer);

    const notesConversation = await scheduleConversation(agents.manager, people.engineer.id);
    const summaryConversation = await scheduleConversation(agents.manager, people.engineer.id, {
      startsAt: '2026-03-03T10:00:00Z',
    });
    await completeConversation(agents.manager, summaryConversation.id);
    const versionId = (await agents.admin.get<{ activeVersionId: string }>('/api/frameworks')).body
      .activeVersionId;
    const detail = await agents.admin.get<{ criteria: { id: string }[] }>(
      `/api/framework-versions/${versionId}`,
    );
    const criterionId = detail.body.criteria[0]?.id ?? '';

    const status = (r: { status: number }) => r.status;
    targets = [
      {
        name: 'shared notes',
        read: async (a) => {
          const r = await a.get<{ text: string; version: number }>(
            `/api/conversations/${notesConversation.id}/shared-notes`,
          );
          return { value: r.body.text, version: r.body.version };
        },
        write: async (a, value, baseVersion) => {
          const r = await a.put<{ current?: { text: string; version: number } }>(
            `/api/conversations/${notesConversation.id}/shared-notes`,
            { text: value, ...(baseVersion === undefined ? {} : { version: baseVersion }) },
          );
          const c = r.body.current;
          return {
            status: status(r),
            ...(c && { current: { value: c.text, version: c.version } }),
          };
        },
        // The pair edit the notes: manager and engineer, on both instances.
        writer: (i, instance) => (i === 0 ? engineer : (managers[i] ?? engineer))[instance],
      },
      {
        name: 'summary draft',
        read: async (a) => {
          const r = await a.get<{ draft: { goals: string }; draftVersion: number }>(
            `/api/conversations/${summaryConversation.id}/summary`,
          );
          return { value: r.body.draft.goals, version: r.body.draftVersion };
        },
        write: async (a, value, baseVersion) => {
          const r = await a.put<{ current?: { draft: { goals: string }; version: number } }>(
            `/api/conversations/${summaryConversation.id}/summary/draft`,
            { goals: value, ...(baseVersion === undefined ? {} : { baseVersion }) },
          );
          const c = r.body.current;
          return {
            status: status(r),
            ...(c && { current: { value: c.draft.goals, version: c.version } }),
          };
        },
        // One manager, three tabs.
        writer: (i, instance) => (managers[i] ?? engineer)[instance],
      },
      {
        name: 'framework criterion',
        read: async (a) => {
          const r = await a.get<{ criteria: { id: string; text: string; version: number }[] }>(
            `/api/framework-versions/${versionId}`,
          );
          const c = r.body.criteria.find((x) => x.id === criterionId);
          return { value: c?.text ?? '', version: c?.version ?? -1 };
        },
        write: async (a, value, baseVersion) => {
          const r = await a.patch<{ current?: { text: string; version: number } }>(
            `/api/framework-criteria/${criterionId}`,
            {
              text: value,
              ...(baseVersion === undefined ? {} : { baseVersion }),
            },
          );
          const c = r.body.current;
          return {
            status: status(r),
            ...(c && { current: { value: c.text, version: c.version } }),
          };
        },
        writer: (i, instance) => (admins[i] ?? engineer)[instance],
      },
      {
        name: 'organisation',
        read: async (a) => {
          const r = await a.get<{ name: string; version: number }>('/api/organization');
          return { value: r.body.name, version: r.body.version };
        },
        write: async (a, value, baseVersion) => {
          const r = await a.patch<{ current?: { name: string; version: number } }>(
            '/api/organization',
            {
              name: value,
              ...(baseVersion === undefined ? {} : { baseVersion }),
            },
          );
          const c = r.body.current;
          return {
            status: status(r),
            ...(c && { current: { value: c.name, version: c.version } }),
          };
        },
        writer: (i, instance) => (admins[i] ?? engineer)[instance],
      },
      {
        name: 'single sign-on settings',
        read: async (a) => {
          const r = await a.get<{ displayName: string; version: number }>('/api/sso/settings');
          return { value: r.body.displayName, version: r.body.version };
        },
        write: async (a, value, baseVersion) => {
          const r = await a.put<{ current?: { displayName: string; version: number } }>(
            '/api/sso/settings',
            {
              issuer: '',
              clientId: '',
              displayName: value,
              isJitEnabled: false,
              isPasswordSignInAdminsOnly: false,
              ...(baseVersion === undefined ? {} : { baseVersion }),
            },
          );
          const c = r.body.current;
          return {
            status: status(r),
            ...(c && { current: { value: c.displayName, version: c.version } }),
          };
        },
        writer: (i, instance) => (admins[i] ?? engineer)[instance],
      },
    ];
  });
  afterAll(async () => {
    if (second !== t.database) await second.close();
    await t.close();
    console.warn(
      `race (${process.env.TEST_DB_ENGINE}): seed ${SEED}, ${WRITERS} writers over two instances; interleavings per record ${JSON.stringify(interleavings)}`,
    );
  });

  it('refuses a write without a version precondition (428) on every record', async () => {
    for (const target of targets) {
      const before = await target.read(target.writer(0, 0));
      const refused = await target.write(target.writer(0, 1), `${before.value}|blind`, undefined);
      expect(refused.status, target.name).toBe(428);
      expect((await target.read(target.writer(0, 0))).version, target.name).toBe(before.version);
    }
  });

  it(`loses no acknowledged edit in ${RUNS} scheduled races per record`, async () => {
    for (const [index, target] of targets.entries()) {
      let runs = 0;
      let acknowledged = 0;
      let refused = 0;
      // One read per race: each race starts from where the last one ended.
      let start = await target.read(target.writer(0, 0));
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: WRITERS, maxLength: WRITERS }),
          async (s, instances) => {
            runs += 1;
            const succeeded: string[] = [];
            const writer = async (i: number) => {
              const agent = target.writer(i, instances[i] ?? 0);
              const token = `r${runs}w${i}`;
              let base: Snapshot = start;
              // Each writer tries until its edit lands, merging into whatever is current.
              for (let attempt = 0; attempt < WRITERS + 1; attempt += 1) {
                await s.schedule(Promise.resolve(`${token}#${attempt}`));
                const result = await target.write(agent, append(base.value, token), base.version);
                if (result.status === 200) {
                  succeeded.push(token);
                  acknowledged += 1;
                  return;
                }
                if (result.status !== 409 || !result.current)
                  throw new Error(`${target.name}: ${result.status}`);
                refused += 1;
                base = result.current;
              }
            };
            await s.waitFor(Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i))));
            const end = await target.read(target.writer(0, 0));
            // Each acknowledged edit raised the version by one and is in the final text.
            expect(end.version - start.version, `${target.name} ${s.report()}`).toBe(
              succeeded.length,
            );
            for (const token of succeeded)
              expect(end.value, `${target.name}: ${token} lost`).toContain(token);
            start = end;
          },
        ),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
      interleavings[target.name] = runs;
      expect(acknowledged).toBe(RUNS * WRITERS);
      expect(refused).toBeGreaterThan(0);
    }
  }, 600_000);
});
