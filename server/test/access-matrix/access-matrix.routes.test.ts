import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../harness.ts';
import { cadenceRows } from './cadence.matrix.ts';
import { contractRows } from './contracts.matrix.ts';
import { conversationRows } from './conversations.matrix.ts';
import { frameworkRows } from './frameworks.matrix.ts';
import type { MatrixRow, Outcomes } from './matrix.ts';
import { authRows, peopleRows } from './people.matrix.ts';
import { privacyRows } from './privacy.matrix.ts';
import { buildWorld, cloneAgent, subjects } from './world.ts';
import type { Subject, World } from './world.ts';

/**
 * The role matrix (issue 7, security.md §9): for every operation of the OpenAPI document, every
 * subject and the states that matter, the declared status must be the one the API answers.
 * An operation without a row fails, and so does a row naming an operation that no longer exists.
 */
const tables: Record<string, MatrixRow[]> = {
  'sign-in and accounts': authRows,
  'people and organisation': peopleRows,
  conversations: conversationRows,
  'frameworks, placements and assessments': frameworkRows,
  // Before contracts: their rows add engineers under the manager, which would grow the groups.
  'cadence, dashboards, reminders and calendar feeds': cadenceRows,
  'development contracts': contractRows,
  'audit trail and export': privacyRows,
};

/** A mutating cell gets its own records when it is expected to succeed. */
const isWrite = (operation: string) => !operation.startsWith('GET ');

async function agentFor(
  w: World,
  subject: Subject,
  row: MatrixRow,
  ctx: Record<string, string>,
): Promise<Agent> {
  // A row about a newly made engineer (contracts) signs that engineer in as the `engineer` subject.
  if (subject === 'engineer' && ctx.engineerCookie) {
    const agent = new Agent(w.t.app);
    agent.cookie = ctx.engineerCookie;
    agent.csrfToken = ctx.engineerCsrf ?? null;
    return agent;
  }
  if (!row.isSessionConsumed || subject === 'anonymous') return cloneAgent(w.t, w.agents[subject]);
  const session = await w.t.services.auth.openSessionFor(w.people[subject].id);
  const agent = new Agent(w.t.app);
  agent.cookie = `trajectory_session=${session.token}`;
  agent.csrfToken = session.csrfToken;
  return agent;
}

async function observe(
  w: World,
  row: MatrixRow,
): Promise<{ outcomes: Outcomes; problems: string[] }> {
  const outcomes = {} as Outcomes;
  const problems: string[] = [];
  const method = row.operation.split(' ')[0] ?? 'GET';
  let shared: Record<string, string> | null = null;
  // Refused subjects first, on one shared set of records; each expected success gets fresh ones.
  const order = [...subjects].sort(
    (a, b) => Number(row.expect[a] < 400) - Number(row.expect[b] < 400),
  );
  for (const subject of order) {
    const isFresh = isWrite(row.operation) && row.expect[subject] < 400;
    const ctx = isFresh
      ? ((await row.setup?.(w)) ?? {})
      : (shared ??= (await row.setup?.(w)) ?? {});
    const { path, body } = row.request(w, ctx);
    const agent = await agentFor(w, subject, row, ctx);
    const response = await agent.request(
      method,
      path,
      method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}),
    );
    outcomes[subject] = response.status;
    if (response.status !== row.expect[subject])
      problems.push(
        `${subject}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
      );
    else if (
      response.status >= 400 &&
      !(response.body && typeof response.body === 'object' && 'error' in response.body)
    )
      problems.push(`${subject}: ${response.status} without an error body`);
  }
  return { outcomes, problems };
}

describe('role matrix: every operation × every subject × the states that matter', () => {
  let w: World;
  let documented: string[] = [];
  let cells = 0;
  const started = performance.now();

  beforeAll(async () => {
    w = await buildWorld();
    const doc = await w.agents.admin.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    documented = Object.entries(doc.body.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }, 120_000);
  afterAll(async () => {
    const rows = Object.values(tables).flat().length;
    console.warn(
      `role matrix (${w.t.database.engine}): ${cells} cells checked — ${documented.length} operations, ${rows} rows (operation × state), ${subjects.length} subjects — in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await w.t.close();
  });

  it('declares a row for every operation in the OpenAPI document, and no row for a missing one', () => {
    const declared = new Set(
      Object.values(tables)
        .flat()
        .map((row) => row.operation),
    );
    const missing = documented.filter((operation) => !declared.has(operation));
    const stale = [...declared].filter((operation) => !documented.includes(operation));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  for (const [table, rows] of Object.entries(tables)) {
    describe(table, () => {
      for (const row of rows) {
        it(`${row.operation}${row.state ? ` (${row.state})` : ''}`, async () => {
          const { outcomes, problems } = await observe(w, row);
          cells += subjects.length;
          expect({ outcomes, problems }).toEqual({ outcomes: row.expect, problems: [] });
        });
      }
    });
  }
});
