import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHarness } from '../../test/harness.ts';
import type { WhatMatters, WhatMattersList } from '../../../shared/schemas/what-matters.ts';
import {
  buildCast,
  createConversationHarness,
  createWhatMatters,
  validWhatMatters,
} from '../conversations/conversations.fixtures.ts';
import type { Cast } from '../conversations/conversations.fixtures.ts';

describe('What Matters', () => {
  let t: TestHarness;
  let cast: Cast;
  beforeAll(async () => {
    t = await createConversationHarness();
    cast = await buildCast(t);
  });
  afterAll(() => t.close());

  it('explains what is wrong, naming the field', async () => {
    const values = validWhatMatters.values;
    const short = await cast.agents.engineer.post('/api/what-matters', {
      values: values.map((v, i) => (i === 5 ? { ...v, points: 0 } : v)),
    });
    expect(short).toMatchObject({
      status: 400,
      body: {
        error: 'validation',
        field: 'values',
        message: 'values: points must add up to 100 (got 95)',
      },
    });
    const twice = await cast.agents.engineer.post('/api/what-matters', {
      values: values.map((v, i) => (i === 2 ? { ...v, rank: 2 } : v)),
    });
    expect(twice).toMatchObject({
      status: 400,
      body: { field: 'values.2.rank', message: 'values.2.rank: rank 2 is used twice' },
    });
    const fractional = await cast.agents.engineer.post('/api/what-matters', {
      values: values.map((v, i) => (i === 0 ? { ...v, points: 29.5 } : v)),
    });
    expect(fractional.body).toMatchObject({ field: 'values.0.points' });
    const five = await cast.agents.engineer.post('/api/what-matters', {
      values: values.slice(0, 5),
    });
    expect(five.body).toMatchObject({ field: 'values' });
  });

  it('keeps history with chart data, private until shared, and withdrawable', async () => {
    const first = await createWhatMatters(cast.agents.engineer);
    t.clock.advance(90 * 24 * 3600 * 1000);
    const second = await createWhatMatters(cast.agents.engineer, {
      values: validWhatMatters.values.map((v) =>
        v.value === 'learning'
          ? { ...v, points: 10 }
          : v.value === 'compensation'
            ? { ...v, points: 30 }
            : v,
      ),
    });
    const path = `/api/people/${cast.people.engineer.id}/what-matters`;
    const mine = await cast.agents.engineer.get<WhatMattersList>(path);
    expect(mine.body.items.map((i) => i.id).slice(0, 2)).toEqual([second.id, first.id]);
    const chart = mine.body.chart.slice(-2);
    expect(chart.map((p) => [p.learning, p.compensation])).toEqual([
      [30, 10],
      [10, 30],
    ]);

    expect((await cast.agents.manager.get<WhatMattersList>(path)).body.items).toEqual([]);
    const shared = await cast.agents.engineer.put<WhatMatters>(
      `/api/what-matters/${second.id}/share`,
      {},
    );
    expect(shared.body).toMatchObject({ isShared: true, abilities: { withdraw: true } });
    const managerView = await cast.agents.manager.get<WhatMattersList>(path);
    expect(managerView.body.items.map((i) => i.id)).toEqual([second.id]);
    expect((await cast.agents.manager.get(`/api/what-matters/${first.id}`)).status).toBe(404);

    await cast.agents.engineer.delete(`/api/what-matters/${second.id}/share`);
    expect((await cast.agents.manager.get(`/api/what-matters/${second.id}`)).status).toBe(404);
    expect((await cast.agents.manager.get<WhatMattersList>(path)).body.items).toEqual([]);
  });

  it('does not pass a share on to a new manager', async () => {
    const eng = await t.buildPerson({ managerId: cast.people.manager.id });
    const engAgent = await t.agentFor(eng);
    const exercise = await createWhatMatters(engAgent);
    await engAgent.put(`/api/what-matters/${exercise.id}/share`, {});
    const next = await t.buildPerson({ managerId: cast.people.leader.id });
    const nextAgent = await t.agentFor(next);
    await cast.agents.admin.post('/api/reporting-lines', {
      reportId: eng.id,
      managerId: next.id,
      startsOn: t.clock.now().toISOString().slice(0, 10),
    });
    expect((await nextAgent.get(`/api/what-matters/${exercise.id}`)).status).toBe(404);
    expect((await cast.agents.manager.get(`/api/what-matters/${exercise.id}`)).status).toBe(404);
    const reshared = await engAgent.put(`/api/what-matters/${exercise.id}/share`, {});
    expect(reshared.status).toBe(200);
    expect((await nextAgent.get(`/api/what-matters/${exercise.id}`)).status).toBe(200);
  });
});
