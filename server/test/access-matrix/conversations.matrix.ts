import { pairOnly, pairWritesMetadataVisible, signedIn, adminOnly } from './matrix.ts';
import type { Ctx, MatrixRow } from './matrix.ts';
import { draftVersionOf, ok, schedule, sendSummaryAs } from './world.ts';
import type { World } from './world.ts';

/*
 * Career conversations and what hangs off them. Unless a row says otherwise the conversation is
 * the current pair's (manager and engineer), proposed by the manager. The former manager's rows
 * use the conversation they held during their tenure (ADR 032: C2 stays with the old pair).
 */

const scheduled = async (w: World): Promise<Ctx> => ({
  c: await schedule(w.agents.manager, w.people.engineer.id),
});
const completed = async (w: World): Promise<Ctx> => {
  const ctx = await scheduled(w);
  await ok(w.agents.manager.post(`/api/conversations/${ctx.c}/completion`));
  return ctx;
};
const summarySent = async (w: World): Promise<Ctx> => {
  const ctx = await completed(w);
  await sendSummaryAs(w.agents.manager, ctx.c ?? '');
  return ctx;
};
const withDraftAnswer = async (w: World): Promise<Ctx> => {
  const ctx = await scheduled(w);
  await ok(
    w.agents.engineer.put(`/api/conversations/${ctx.c}/prep/answers/p1`, { answer: 'Tired.' }),
  );
  return ctx;
};
const withActionItem = async (w: World): Promise<Ctx> => {
  const ctx = await scheduled(w);
  const item = await ok(
    w.agents.manager.post<{ id: string }>(`/api/conversations/${ctx.c}/action-items`, {
      owner: 'manager',
      text: 'Find a stretch project',
    }),
  );
  return { ...ctx, item: item.body.id };
};
const validValues = {
  values: [
    { value: 'learning', rank: 1, points: 30, note: '' },
    { value: 'impact', rank: 2, points: 25, note: '' },
    { value: 'culture', rank: 3, points: 20, note: '' },
    { value: 'work_life_balance', rank: 4, points: 10, note: '' },
    { value: 'compensation', rank: 5, points: 10, note: '' },
    { value: 'promotion', rank: 6, points: 5, note: '' },
  ],
};
const whatMatters =
  (isShared: boolean) =>
  async (w: World): Promise<Ctx> => {
    const created = await ok(
      w.agents.engineer.post<{ id: string }>('/api/what-matters', validValues),
    );
    if (isShared) await ok(w.agents.engineer.put(`/api/what-matters/${created.body.id}/share`, {}));
    return { wm: created.body.id };
  };
const c =
  (suffix = '') =>
  (_w: World, ctx: Ctx) => ({ path: `/api/conversations/${ctx.c}${suffix}` });
const former =
  (suffix = '') =>
  (w: World) => ({
    path: `/api/conversations/${w.ids.formerConversation}${suffix}`,
  });
/** The old pair reads its tenure; the new manager sees the meeting's metadata only. */
const formerRecordRead = signedIn(404, { engineer: 200, formerManager: 200 });

const validBank = {
  engineerPrompts: [
    { key: 'a', text: 'What went well?' },
    { key: 'b', text: 'What was hard?' },
    { key: 'c', text: 'What next?' },
  ],
  managerGuide: [{ key: 'all', title: 'Everything', minutes: 30, prompts: ['Listen first.'] }],
};

export const conversationRows: MatrixRow[] = [
  {
    operation: 'GET /api/conversation-kinds',
    request: () => ({ path: '/api/conversation-kinds' }),
    expect: signedIn(200),
  },
  {
    operation: 'GET /api/listening-guide',
    request: () => ({ path: '/api/listening-guide' }),
    expect: signedIn(200),
  },
  {
    operation: 'GET /api/question-banks/{kind}',
    request: () => ({ path: '/api/question-banks/quarterly' }),
    expect: signedIn(200),
  },
  {
    operation: 'POST /api/question-banks/{kind}/versions',
    request: () => ({ path: '/api/question-banks/event/versions', body: validBank }),
    expect: adminOnly(201),
  },
  {
    operation: 'GET /api/conversations',
    request: () => ({ path: '/api/conversations' }),
    expect: signedIn(200),
  },
  {
    operation: 'POST /api/conversations',
    request: (w) => ({
      path: '/api/conversations',
      body: { engineerId: w.people.engineer.id, kind: 'initial', startsAt: '2026-03-12T10:00:00Z' },
    }),
    // The person is visible to all (C0); only they and their current manager schedule.
    expect: signedIn(403, { engineer: 201, manager: 201 }),
  },
  {
    operation: 'GET /api/conversations/{id}',
    state: 'scheduled, current pair',
    setup: scheduled,
    request: c(),
    expect: signedIn(404, {
      engineer: 200,
      manager: 200,
      leader: 200,
      admin: 200,
      peopleTeam: 200,
    }),
  },
  {
    operation: 'GET /api/conversations/{id}',
    state: 'held by the former manager',
    request: former(),
    // Metadata (C1) follows today's chain, so the new manager sees that it happened; C2 does not.
    expect: signedIn(404, {
      engineer: 200,
      formerManager: 200,
      manager: 200,
      leader: 200,
      admin: 200,
      peopleTeam: 200,
    }),
  },
  {
    operation: 'PATCH /api/conversations/{id}',
    state: 'scheduled',
    setup: scheduled,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}`,
      body: { startsAt: '2026-03-11T15:00:00Z', reason: 'Clash with an incident review' },
    }),
    expect: pairWritesMetadataVisible(200, 200),
  },
  {
    operation: 'POST /api/conversations/{id}/confirmation',
    state: 'proposed by the manager',
    setup: scheduled,
    request: c('/confirmation'),
    expect: pairWritesMetadataVisible(200, 403),
  },
  {
    operation: 'POST /api/conversations/{id}/cancellation',
    setup: scheduled,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/cancellation`,
      body: { reason: 'Off sick' },
    }),
    expect: pairWritesMetadataVisible(200, 200),
  },
  {
    operation: 'POST /api/conversations/{id}/completion',
    setup: scheduled,
    request: c('/completion'),
    expect: pairWritesMetadataVisible(200, 200),
  },
  {
    operation: 'POST /api/conversations/{id}/completion',
    state: 'held by the former manager (already completed, pair ended)',
    request: former('/completion'),
    expect: signedIn(404, {
      engineer: 403,
      formerManager: 403,
      manager: 403,
      leader: 403,
      admin: 403,
      peopleTeam: 403,
    }),
  },
  {
    operation: 'GET /api/conversations/{id}/prep',
    state: 'draft answer (private)',
    setup: withDraftAnswer,
    request: c('/prep'),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'PUT /api/conversations/{id}/prep/answers/{key}',
    setup: scheduled,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/prep/answers/p2`,
      body: { answer: 'Busy.' },
    }),
    expect: pairOnly(200, 403),
  },
  {
    operation: 'POST /api/conversations/{id}/prep/shares',
    state: 'draft answer',
    setup: withDraftAnswer,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/prep/shares`,
      body: { all: true },
    }),
    expect: pairOnly(200, 403),
  },
  {
    operation: 'GET /api/conversations/{id}/manager-prep',
    setup: scheduled,
    request: c('/manager-prep'),
    expect: pairOnly(404, 200),
  },
  {
    operation: 'PATCH /api/conversations/{id}/manager-prep',
    setup: scheduled,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/manager-prep`,
      body: { hasReviewedWork: true },
    }),
    expect: pairOnly(404, 200),
  },
  {
    operation: 'GET /api/conversations/{id}/guide',
    setup: scheduled,
    request: c('/guide'),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'GET /api/conversations/{id}/shared-notes',
    setup: scheduled,
    request: c('/shared-notes'),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'GET /api/conversations/{id}/shared-notes',
    state: 'held by the former manager',
    request: former('/shared-notes'),
    expect: formerRecordRead,
  },
  {
    operation: 'PUT /api/conversations/{id}/shared-notes',
    setup: scheduled,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/shared-notes`,
      body: { text: 'Notes', version: 0 },
    }),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'PUT /api/conversations/{id}/shared-notes',
    state: 'held by the former manager: read-only now',
    request: (w) => ({
      path: `/api/conversations/${w.ids.formerConversation}/shared-notes`,
      body: { text: 'Rewriting history', version: 0 },
    }),
    expect: signedIn(404, { engineer: 403, formerManager: 403 }),
  },
  {
    operation: 'GET /api/conversations/{id}/private-note',
    setup: scheduled,
    request: c('/private-note'),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'PUT /api/conversations/{id}/private-note',
    setup: scheduled,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/private-note`,
      body: { body: 'Mine.' },
    }),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'GET /api/people/{id}/private-note',
    request: (w) => ({ path: `/api/people/${w.people.engineer.id}/private-note` }),
    expect: pairOnly(404, 200),
  },
  {
    operation: 'PUT /api/people/{id}/private-note',
    request: (w) => ({
      path: `/api/people/${w.people.engineer.id}/private-note`,
      body: { body: 'About Eli.' },
    }),
    expect: pairOnly(404, 200),
  },
  {
    operation: 'GET /api/conversations/{id}/summary',
    setup: summarySent,
    request: c('/summary'),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'GET /api/conversations/{id}/summary',
    state: 'held by the former manager',
    request: former('/summary'),
    expect: formerRecordRead,
  },
  {
    operation: 'PUT /api/conversations/{id}/summary/draft',
    state: 'completed, not sent',
    setup: async (w) => {
      const ctx = await completed(w);
      return { ...ctx, v: String(await draftVersionOf(w.agents.manager, ctx.c ?? '')) };
    },
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/summary/draft`,
      body: { goals: 'Ship it.', baseVersion: Number(ctx.v) },
    }),
    expect: pairOnly(403, 200),
  },
  {
    operation: 'POST /api/conversations/{id}/summary/versions',
    state: 'completed, draft saved',
    setup: async (w) => {
      const ctx = await completed(w);
      await ok(
        w.agents.manager.put(`/api/conversations/${ctx.c}/summary/draft`, {
          goals: 'Ship it.',
          baseVersion: await draftVersionOf(w.agents.manager, ctx.c ?? ''),
        }),
      );
      return ctx;
    },
    request: c('/summary/versions'),
    expect: pairOnly(403, 201),
  },
  {
    operation: 'POST /api/conversations/{id}/summary/responses',
    state: 'summary sent',
    setup: summarySent,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/summary/responses`,
      body: { kind: 'acknowledged' },
    }),
    expect: pairOnly(201, 403),
  },
  {
    operation: 'GET /api/action-items',
    request: () => ({ path: '/api/action-items' }),
    expect: signedIn(200),
  },
  {
    operation: 'POST /api/conversations/{id}/action-items',
    setup: scheduled,
    request: (_w, ctx) => ({
      path: `/api/conversations/${ctx.c}/action-items`,
      body: { owner: 'engineer', text: 'Write the design doc' },
    }),
    expect: pairOnly(201, 201),
  },
  {
    operation: 'GET /api/action-items/{id}',
    setup: withActionItem,
    request: (_w, ctx) => ({ path: `/api/action-items/${ctx.item}` }),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'GET /api/action-items/{id}',
    state: 'agreed with the former manager',
    request: (w) => ({ path: `/api/action-items/${w.ids.formerActionItem}` }),
    expect: formerRecordRead,
  },
  {
    operation: 'PATCH /api/action-items/{id}',
    setup: withActionItem,
    request: (_w, ctx) => ({ path: `/api/action-items/${ctx.item}`, body: { isDone: true } }),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'PATCH /api/action-items/{id}',
    state: 'agreed with the former manager: read-only now',
    request: (w) => ({
      path: `/api/action-items/${w.ids.formerActionItem}`,
      body: { isDone: true },
    }),
    expect: signedIn(404, { engineer: 403, formerManager: 403 }),
  },
  {
    operation: 'GET /api/people/{id}/what-matters',
    request: (w) => ({ path: `/api/people/${w.people.engineer.id}/what-matters` }),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'POST /api/what-matters',
    state: 'for oneself',
    request: () => ({ path: '/api/what-matters', body: validValues }),
    expect: signedIn(201),
  },
  {
    operation: 'GET /api/what-matters/{id}',
    state: 'private',
    setup: whatMatters(false),
    request: (_w, ctx) => ({ path: `/api/what-matters/${ctx.wm}` }),
    expect: pairOnly(200, 404),
  },
  {
    operation: 'GET /api/what-matters/{id}',
    state: 'shared',
    setup: whatMatters(true),
    request: (_w, ctx) => ({ path: `/api/what-matters/${ctx.wm}` }),
    expect: pairOnly(200, 200),
  },
  {
    operation: 'PUT /api/what-matters/{id}/share',
    state: 'private',
    setup: whatMatters(false),
    request: (_w, ctx) => ({ path: `/api/what-matters/${ctx.wm}/share`, body: {} }),
    expect: pairOnly(200, 404),
  },
  {
    operation: 'DELETE /api/what-matters/{id}/share',
    state: 'shared',
    setup: whatMatters(true),
    request: (_w, ctx) => ({ path: `/api/what-matters/${ctx.wm}/share` }),
    expect: pairOnly(200, 403),
  },
  {
    operation: 'GET /api/people/{id}/timeline',
    request: (w) => ({ path: `/api/people/${w.people.engineer.id}/timeline` }),
    expect: pairOnly(200, 200),
  },
];
