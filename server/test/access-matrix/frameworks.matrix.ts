import type { Agent } from '../harness.ts';
import { adminOnly, signedIn } from './matrix.ts';
import type { Ctx, MatrixRow } from './matrix.ts';
import { ok } from './world.ts';
import type { World } from './world.ts';

/*
 * Career frameworks (organisation content, not personal), placements (C1/HR data) and blind
 * ladder assessments (C3 once revealed; each unsubmitted side is its author's alone).
 */

/** Rates every criterion on one side, so that side can be submitted. */
async function rateAll(agent: Agent, id: string, items: { id: string }[]) {
  await ok(
    agent.put(`/api/assessments/${id}/ratings`, {
      ratings: items.map((item) => ({ itemId: item.id, rating: 'showing_signs', evidence: '' })),
    }),
  );
}

const assessment =
  (state: 'draft' | 'rated' | 'submitted' | 'revealed') =>
  async (w: World): Promise<Ctx> => {
    const started = await ok(
      w.agents.engineer.post<{ id: string; items: { id: string }[] }>(
        `/api/people/${w.people.engineer.id}/assessments`,
        { targetLevelId: w.ids.confirmedLevel },
      ),
    );
    const { id, items } = started.body;
    if (state !== 'draft') {
      await rateAll(w.agents.engineer, id, items);
      await rateAll(w.agents.manager, id, items);
    }
    if (state === 'submitted' || state === 'revealed')
      await ok(w.agents.engineer.post(`/api/assessments/${id}/submissions`));
    if (state === 'revealed') await ok(w.agents.manager.post(`/api/assessments/${id}/submissions`));
    return { a: id };
  };

/** The current version of a framework record, to send back as baseVersion (ADR 080). */
const versionOf =
  (kind: 'criteria' | 'competencies' | 'levels', idOf: (w: World) => string) =>
  async (w: World): Promise<Ctx> => {
    const detail = await ok(
      w.agents.admin.get<{
        criteria: { id: string; version: number }[];
        competencies: { id: string; version: number }[];
        tracks: { levels: { id: string; version: number }[] }[];
      }>(`/api/framework-versions/${w.ids.frameworkVersion}`),
    );
    const records =
      kind === 'levels' ? detail.body.tracks.flatMap((t) => t.levels) : detail.body[kind];
    return { v: String(records.find((r) => r.id === idOf(w))?.version ?? 0) };
  };

const tinyFramework = [
  'format: trajectory-framework/v1',
  'name: Tiny ladder',
  'competencies:',
  '  - key: craft',
  '    name: Craft',
  'tracks:',
  '  - key: ic',
  '    name: Individual contributor',
  '    levels:',
  '      - key: one',
  '        name: One',
  '        criteria:',
  '          craft:',
  '            - Writes tested code.',
  '',
].join('\n');

const person = (suffix: string) => (w: World) => ({
  path: `/api/people/${w.people.engineer.id}${suffix}`,
});
/** The engineer, everyone above them today, admins and the people team. */
const placementReaders = signedIn(404, {
  engineer: 200,
  manager: 200,
  leader: 200,
  admin: 200,
  peopleTeam: 200,
});
/** That assessments exist, with dates: the engineer, the chain above and admins. */
const assessmentListReaders = signedIn(404, {
  engineer: 200,
  manager: 200,
  leader: 200,
  admin: 200,
});
/** Opening one: the pair; leaders and admins know it exists (the list), so they get 403. */
const assessmentOpeners = signedIn(404, { engineer: 200, manager: 200, leader: 403, admin: 403 });
const assessmentPairRefused = signedIn(404, {
  engineer: 403,
  manager: 403,
  leader: 403,
  admin: 403,
});

export const frameworkRows: MatrixRow[] = [
  {
    operation: 'GET /api/frameworks',
    request: () => ({ path: '/api/frameworks' }),
    expect: signedIn(200),
  },
  {
    operation: 'GET /api/framework-versions/{id}',
    request: (w) => ({ path: `/api/framework-versions/${w.ids.frameworkVersion}` }),
    expect: signedIn(200),
  },
  {
    operation: 'GET /api/framework-versions/{id}/export',
    request: (w) => ({ path: `/api/framework-versions/${w.ids.frameworkVersion}/export` }),
    expect: signedIn(200),
  },
  {
    operation: 'POST /api/framework-versions/{id}/activations',
    state: 'already active',
    request: (w) => ({
      path: `/api/framework-versions/${w.ids.frameworkVersion}/activations`,
      body: {},
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'PATCH /api/framework-criteria/{id}',
    setup: versionOf('criteria', (w) => w.ids.criterion),
    request: (w, ctx) => ({
      path: `/api/framework-criteria/${w.ids.criterion}`,
      body: { text: 'Ships small changes safely.', baseVersion: Number(ctx.v) },
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'PATCH /api/framework-competencies/{id}',
    setup: versionOf('competencies', (w) => w.ids.competency),
    request: (w, ctx) => ({
      path: `/api/framework-competencies/${w.ids.competency}`,
      body: { description: 'How we build.', baseVersion: Number(ctx.v) },
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'PATCH /api/framework-levels/{id}',
    setup: versionOf('levels', (w) => w.ids.juniorLevel),
    request: (w, ctx) => ({
      path: `/api/framework-levels/${w.ids.juniorLevel}`,
      body: { summary: 'Learning the ropes.', baseVersion: Number(ctx.v) },
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'POST /api/framework-imports',
    state: 'preview',
    request: () => ({
      path: '/api/framework-imports',
      body: {
        format: 'native',
        mode: 'preview',
        files: [{ name: 'tiny.yaml', content: tinyFramework }],
      },
    }),
    expect: adminOnly(200),
  },
  {
    operation: 'GET /api/people/{id}/placements',
    request: person('/placements'),
    expect: placementReaders,
  },
  {
    operation: 'POST /api/people/{id}/placements',
    request: (w) => ({
      path: `/api/people/${w.people.engineer.id}/placements`,
      body: { levelId: w.ids.juniorLevel, effectiveOn: '2026-01-01' },
    }),
    // Admins and the current manager place; the others who can see placements are refused.
    expect: signedIn(404, {
      manager: 201,
      admin: 201,
      engineer: 403,
      leader: 403,
      peopleTeam: 403,
    }),
  },
  {
    operation: 'GET /api/people/{id}/gap-analysis',
    request: person('/gap-analysis'),
    expect: signedIn(404, { engineer: 200, manager: 200 }),
  },
  {
    operation: 'GET /api/people/{id}/assessments',
    request: person('/assessments'),
    expect: assessmentListReaders,
  },
  {
    operation: 'POST /api/people/{id}/assessments',
    request: (w) => ({
      path: `/api/people/${w.people.engineer.id}/assessments`,
      body: { targetLevelId: w.ids.confirmedLevel },
    }),
    expect: signedIn(404, { engineer: 201, manager: 201, leader: 403, admin: 403 }),
  },
  {
    operation: 'GET /api/assessments/{id}',
    state: 'draft',
    setup: assessment('draft'),
    request: (_w, ctx) => ({ path: `/api/assessments/${ctx.a}` }),
    expect: assessmentOpeners,
  },
  {
    operation: 'GET /api/assessments/{id}',
    state: 'submitted by the engineer',
    setup: assessment('submitted'),
    request: (_w, ctx) => ({ path: `/api/assessments/${ctx.a}` }),
    expect: assessmentOpeners,
  },
  {
    operation: 'GET /api/assessments/{id}',
    state: 'revealed',
    setup: assessment('revealed'),
    request: (_w, ctx) => ({ path: `/api/assessments/${ctx.a}` }),
    expect: assessmentOpeners,
  },
  {
    operation: 'PUT /api/assessments/{id}/ratings',
    state: 'draft',
    setup: assessment('draft'),
    request: (_w, ctx) => ({ path: `/api/assessments/${ctx.a}/ratings`, body: { ratings: [] } }),
    expect: assessmentOpeners,
  },
  {
    operation: 'PUT /api/assessments/{id}/ratings',
    state: 'revealed: nobody rates any more',
    setup: assessment('revealed'),
    request: (_w, ctx) => ({ path: `/api/assessments/${ctx.a}/ratings`, body: { ratings: [] } }),
    expect: assessmentPairRefused,
  },
  {
    operation: 'POST /api/assessments/{id}/submissions',
    state: 'both sides rated',
    setup: assessment('rated'),
    request: (_w, ctx) => ({ path: `/api/assessments/${ctx.a}/submissions` }),
    expect: assessmentOpeners,
  },
  {
    operation: 'POST /api/assessments/{id}/submissions',
    state: 'revealed',
    setup: assessment('revealed'),
    request: (_w, ctx) => ({ path: `/api/assessments/${ctx.a}/submissions` }),
    expect: assessmentPairRefused,
  },
];
