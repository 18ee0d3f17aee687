import { DASHBOARD_TEAMS_PER_PAGE } from '../shared/schemas/cadence.ts';
import type { Actors, Pair } from './database.ts';
import type { Connection, HttpRequest, Scenario } from './load.ts';

/**
 * What the benchmark asks the server to do, as a user would: each connection plays one pair
 * (an engineer and their manager) so concurrent requests belong to different people.
 */

export interface NamedScenario extends Scenario {
  key: string;
  /** Has a latency target against its raw-SQL floor (per-person and per-team pages). */
  hasFloorTarget: boolean;
  /** Writes (or reads that are audited): the floor is replayed and rolled back. */
  isWrite: boolean;
  /** The same request can be sent twice (saving notes needs the version the last save returned). */
  isRepeatable?: boolean;
}

const get = (path: string, cookie: string | null): HttpRequest => ({
  method: 'GET',
  path,
  headers: cookie ? { cookie } : {},
});

function pairOf(actors: Actors, connection: Connection): Pair {
  const pair = actors.pairs[connection.index % actors.pairs.length];
  if (!pair) throw new Error('no pairs');
  return pair;
}

/**
 * The shared notes the benchmark edits, handed out so that no two requests in flight edit the
 * same notes, each with the version its last save returned. A save therefore always carries the
 * current version, and a 409 would be a real lost-update guard firing, not the benchmark racing
 * itself. (autocannon resets a connection's context every time it cycles through its requests,
 * so the notes being saved are remembered in that context only from request to response.)
 */
function createNotesPool(actors: Actors) {
  const pool = actors.pairs.flatMap((pair) => pair.notes.map((notes) => ({ pair, ...notes })));
  const inFlight = new Set<string>();
  let cursor = 0;
  return {
    take() {
      for (let tried = 0; tried < pool.length; tried += 1) {
        const entry = pool[(cursor + tried) % pool.length];
        if (entry && !inFlight.has(entry.id)) {
          cursor = (cursor + tried + 1) % pool.length;
          inFlight.add(entry.id);
          return entry;
        }
      }
      throw new Error('more requests in flight than notes to edit');
    },
    release(id: string, version: number | undefined) {
      inFlight.delete(id);
      const entry = pool.find((e) => e.id === id);
      if (entry && version !== undefined) entry.version = version;
    },
  };
}

/** The text of every action item the benchmark creates, so they can be removed after. */
export const BENCH_ACTION_ITEM_TEXT = 'Book the follow-up review (benchmark)';

export function buildScenarios(actors: Actors): Record<string, NamedScenario> {
  let written = 0;
  const notesPool = createNotesPool(actors);
  const scenarios: NamedScenario[] = [
    {
      key: 'health',
      name: '/api/health (HTTP floor)',
      hasFloorTarget: false,
      isWrite: false,
      next: () => get('/api/health', null),
    },
    {
      key: 'engineerHome',
      name: 'Engineer home (GET /api/home)',
      hasFloorTarget: true,
      isWrite: false,
      next: (c) => get('/api/home', pairOf(actors, c).engineerCookie),
    },
    {
      key: 'managerTeam',
      name: 'Manager team view (GET /api/team)',
      hasFloorTarget: true,
      isWrite: false,
      next: (c) => get('/api/team', pairOf(actors, c).managerCookie),
    },
    {
      key: 'timeline',
      name: 'Person timeline, own (GET /api/people/:id/timeline)',
      hasFloorTarget: true,
      isWrite: false,
      next: (c) => {
        const pair = pairOf(actors, c);
        return get(`/api/people/${pair.engineerId}/timeline`, pair.engineerCookie);
      },
    },
    {
      key: 'timelineByManager',
      name: 'Person timeline, by the manager (audited read)',
      hasFloorTarget: false,
      isWrite: true,
      next: (c) => {
        const pair = pairOf(actors, c);
        return get(`/api/people/${pair.engineerId}/timeline`, pair.managerCookie);
      },
    },
    {
      key: 'conversation',
      name: 'Conversation page (GET /api/conversations/:id)',
      hasFloorTarget: true,
      isWrite: false,
      next: (c) => {
        const pair = pairOf(actors, c);
        return get(`/api/conversations/${pair.conversationId}`, pair.engineerCookie);
      },
    },
    {
      key: 'managerHome',
      name: 'Manager home (GET /api/home)',
      hasFloorTarget: true,
      isWrite: false,
      next: (c) => get('/api/home', pairOf(actors, c).managerCookie),
    },
    {
      key: 'leaderHome',
      name: 'Head of organisation home (GET /api/home)',
      hasFloorTarget: false,
      isWrite: false,
      next: () => get('/api/home', actors.head.cookie),
    },
    {
      key: 'coverage',
      name: 'Coverage dashboard, whole organisation (GET /api/coverage, first page of teams)',
      hasFloorTarget: false,
      isWrite: false,
      // What the dashboard asks for when it opens: totals, trend and the first page of teams.
      next: () =>
        get(`/api/coverage?offset=0&limit=${DASHBOARD_TEAMS_PER_PAGE}`, actors.peopleTeam.cookie),
    },
    {
      key: 'coverageAllTeams',
      name: 'Coverage, every team in one answer (GET /api/coverage, up to 1,000 teams)',
      hasFloorTarget: false,
      isWrite: false,
      next: () => get('/api/coverage', actors.peopleTeam.cookie),
    },
    {
      key: 'saveNotes',
      name: 'Save shared notes (PUT /api/conversations/:id/shared-notes)',
      hasFloorTarget: false,
      isWrite: true,
      isRepeatable: false,
      next: (c) => {
        const notes = notesPool.take();
        c.state.notesId = notes.id;
        written += 1;
        return {
          method: 'PUT',
          path: `/api/conversations/${notes.id}/shared-notes`,
          headers: {
            cookie: notes.pair.managerCookie,
            'x-csrf-token': notes.pair.managerCsrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            text: `Notes saved by the benchmark, edit ${written}. We talked about the next project and agreed to meet again in a month.`,
            version: notes.version,
          }),
        };
      },
      onResponse: (status, body, c) => {
        const id = c.state.notesId;
        if (typeof id !== 'string') return;
        delete c.state.notesId;
        let version: number | undefined;
        if (status === 200 || status === 409) {
          const parsed = JSON.parse(body) as { version?: number; current?: { version?: number } };
          version = parsed.version ?? parsed.current?.version;
        }
        notesPool.release(id, version);
      },
    },
    {
      key: 'createActionItem',
      name: 'Create an action item (POST /api/conversations/:id/action-items)',
      hasFloorTarget: false,
      isWrite: true,
      next: (c) => {
        const pair = pairOf(actors, c);
        return {
          method: 'POST',
          path: `/api/conversations/${pair.conversationId}/action-items`,
          headers: {
            cookie: pair.managerCookie,
            'x-csrf-token': pair.managerCsrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            owner: 'manager',
            text: BENCH_ACTION_ITEM_TEXT,
            dueOn: null,
          }),
        };
      },
    },
  ];
  return Object.fromEntries(scenarios.map((s) => [s.key, s]));
}

/**
 * The mixed load: mostly reading one's own pages, some writing; the organisation-wide dashboard
 * is left out (a leader opens it now and then) and measured on its own.
 */
export const MIXED_WEIGHTS: Readonly<Record<string, number>> = {
  engineerHome: 6,
  conversation: 4,
  timeline: 3,
  managerTeam: 2,
  managerHome: 2,
  saveNotes: 2,
  createActionItem: 1,
};

export function mixedLoad(scenarios: Record<string, NamedScenario>): NamedScenario[] {
  const mix: NamedScenario[] = [];
  const weights = Object.entries(MIXED_WEIGHTS);
  const most = Math.max(...weights.map(([, w]) => w));
  // Interleave so each connection meets every kind of request early on.
  for (let round = 0; round < most; round += 1)
    for (const [key, weight] of weights) {
      const scenario = scenarios[key];
      if (scenario && round < weight) mix.push(scenario);
    }
  return mix;
}
