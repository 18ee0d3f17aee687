import { changeManager } from '../../modules/people/people.service.ts';
import { signedIn } from './matrix.ts';
import type { Ctx, MatrixRow } from './matrix.ts';
import { HANDOVER_ON, TODAY, ok, schedule } from './world.ts';
import type { World } from './world.ts';
import { Agent } from '../harness.ts';

/*
 * Development contracts (C3): the engineer and their manager today read and change them; leaders
 * above, the people team and admins see that one exists (403 on its content); a former manager
 * loses access on the day the reporting line changes. One contract per engineer at a time, so each
 * row's engineer is a new one with the same history as the world's: the former manager until
 * HANDOVER_ON, the manager since. Their session stands in for the `engineer` subject.
 */

const contractBody = {
  developmentGoal: 'Lead the design of a cross-team service from proposal to launch.',
  managerCommitment: 'Assign the billing redesign as a stretch project.',
  engineerCommitment: 'Write the design proposal by April and run two design reviews.',
  evidenceOfSuccess: 'The proposal is accepted and two teams build on the service.',
  reviewCadence: 'quarterly',
  nextReviewOn: '2026-06-01',
  caveat: 'A promotion depends on a budget that is not decided here.',
  isCaveatNoneKnown: false,
  notHere: '',
  transitionSupport: '',
  goals: [
    {
      description: 'Write the billing design proposal',
      successCriteria: 'Accepted by the architecture group',
      supportNeeded: 'Review time',
      dueOn: '2026-04-30',
    },
    {
      description: 'Run two design reviews',
      successCriteria: 'Both reviews held with written outcomes',
      supportNeeded: 'An invitation to the architecture group',
      dueOn: '2026-05-31',
    },
  ],
  changeNote: '',
};

/** A new engineer with the world's history; `managerId` overrides who they report to today. */
async function newEngineer(w: World, options: { isStillWithFormer?: boolean } = {}) {
  const person = await w.t.buildPerson({
    name: 'Eve Engineer',
    managerId: w.people.formerManager.id,
    managerSince: '2025-06-01',
  });
  if (!options.isStillWithFormer)
    await changeManager(w.t.db, {
      reportId: person.id,
      managerId: w.people.manager.id,
      startsOn: HANDOVER_ON,
      createdBy: null,
      createdAt: TODAY,
    });
  const session = await w.t.services.auth.openSessionFor(person.id);
  const agent = new Agent(w.t.app);
  agent.cookie = `trajectory_session=${session.token}`;
  agent.csrfToken = session.csrfToken;
  return {
    person,
    agent,
    ctx: { engineer: person.id, engineerCookie: agent.cookie, engineerCsrf: session.csrfToken },
  };
}

async function contractWith(
  manager: Agent,
  engineer: Agent,
  engineerId: string,
  isActive: boolean,
) {
  const created = await ok(
    manager.post<{ id: string; version: number }>(
      `/api/people/${engineerId}/contracts`,
      contractBody,
    ),
  );
  if (isActive) {
    await ok(
      engineer.post(`/api/contracts/${created.body.id}/agreements`, {
        version: created.body.version,
      }),
    );
    await ok(
      manager.post(`/api/contracts/${created.body.id}/agreements`, {
        version: created.body.version,
      }),
    );
  }
  return created.body.id;
}

const draft = async (w: World): Promise<Ctx> => {
  const e = await newEngineer(w);
  return { ...e.ctx, contract: await contractWith(w.agents.manager, e.agent, e.person.id, false) };
};
const active = async (w: World): Promise<Ctx> => {
  const e = await newEngineer(w);
  return { ...e.ctx, contract: await contractWith(w.agents.manager, e.agent, e.person.id, true) };
};

/** Agreed with the former manager, who promised something, then handed over today, note released. */
const handedOver = async (w: World): Promise<Ctx> => {
  const e = await newEngineer(w, { isStillWithFormer: true });
  const contract = await contractWith(w.agents.formerManager, e.agent, e.person.id, true);
  const promised = await ok(
    w.agents.formerManager.post<{ commitments: { id: string }[] }>(
      `/api/contracts/${contract}/commitments`,
      {
        owner: 'manager',
        text: 'Book the architecture course',
        dueOn: '2026-04-15',
      },
    ),
  );
  await changeManager(w.t.db, {
    reportId: e.person.id,
    managerId: w.people.manager.id,
    startsOn: TODAY.slice(0, 10),
    createdBy: null,
    createdAt: TODAY,
  });
  const handover = await writeHandover(w.agents.formerManager, e.person.id);
  await ok(e.agent.post(`/api/contract-handovers/${handover}/release`));
  return { ...e.ctx, contract, handover, commitment: promised.body.commitments[0]?.id ?? '' };
};

/** The manager hands the engineer to the other manager next week; the note is written, not released. */
const scheduledHandover = async (w: World): Promise<Ctx> => {
  const ctx = await active(w);
  await changeManager(w.t.db, {
    reportId: ctx.engineer ?? '',
    managerId: w.people.otherManager.id,
    startsOn: '2026-03-09',
    createdBy: null,
    createdAt: TODAY,
  });
  return { ...ctx, handover: await writeHandover(w.agents.manager, ctx.engineer ?? '') };
};

async function writeHandover(from: Agent, engineerId: string): Promise<string> {
  const list = await ok(
    from.get<{ items: { id: string; engineer: { id: string } }[] }>('/api/contract-handovers'),
  );
  const id = list.body.items.find((h) => h.engineer.id === engineerId)?.id ?? '';
  await ok(from.put(`/api/contract-handovers/${id}`, { note: 'What I promised and why.' }));
  return id;
}

/** The engineer and their manager today; leaders, admins and the people team see it exists. */
const party = (engineer: number, manager: number) =>
  signedIn(404, { engineer, manager, leader: 403, admin: 403, peopleTeam: 403 });

export const contractRows: MatrixRow[] = [
  {
    operation: 'GET /api/people/{id}/contracts',
    setup: draft,
    request: (_w, ctx) => ({ path: `/api/people/${ctx.engineer}/contracts` }),
    expect: signedIn(404, {
      engineer: 200,
      manager: 200,
      leader: 200,
      admin: 200,
      peopleTeam: 200,
    }),
  },
  {
    operation: 'POST /api/people/{id}/contracts',
    setup: async (w) => (await newEngineer(w)).ctx,
    request: (_w, ctx) => ({ path: `/api/people/${ctx.engineer}/contracts`, body: contractBody }),
    expect: party(201, 201),
  },
  {
    operation: 'GET /api/contracts/{id}',
    state: 'draft',
    setup: draft,
    request: (_w, ctx) => ({ path: `/api/contracts/${ctx.contract}` }),
    expect: party(200, 200),
  },
  {
    operation: 'GET /api/contracts/{id}',
    state: 'active, agreed with the former manager before the change',
    setup: handedOver,
    request: (_w, ctx) => ({ path: `/api/contracts/${ctx.contract}` }),
    // C3 follows the engineer: the new manager reads it, the former manager no longer does.
    expect: party(200, 200),
  },
  {
    operation: 'PUT /api/contracts/{id}',
    state: 'draft',
    setup: draft,
    request: (_w, ctx) => ({
      path: `/api/contracts/${ctx.contract}`,
      body: { ...contractBody, changeNote: 'Edited', baseVersion: 1 },
    }),
    expect: party(200, 200),
  },
  {
    operation: 'POST /api/contracts/{id}/agreements',
    state: 'draft',
    setup: draft,
    request: (_w, ctx) => ({
      path: `/api/contracts/${ctx.contract}/agreements`,
      body: { version: 1 },
    }),
    expect: party(200, 200),
  },
  {
    operation: 'POST /api/contracts/{id}/check-ins',
    state: 'active',
    setup: active,
    request: (_w, ctx) => ({
      path: `/api/contracts/${ctx.contract}/check-ins`,
      body: { status: 'on_track', note: 'Good.' },
    }),
    expect: party(201, 201),
  },
  {
    operation: 'POST /api/contracts/{id}/outcomes',
    state: 'active',
    setup: active,
    request: (_w, ctx) => ({
      path: `/api/contracts/${ctx.contract}/outcomes`,
      body: { status: 'paused', note: 'Parental leave.' },
    }),
    expect: party(200, 200),
  },
  {
    operation: 'POST /api/contracts/{id}/commitments',
    state: 'active',
    setup: active,
    request: (_w, ctx) => ({
      path: `/api/contracts/${ctx.contract}/commitments`,
      body: { owner: 'engineer', text: 'Draft the proposal', dueOn: '2026-04-01' },
    }),
    expect: party(201, 201),
  },
  {
    operation: 'POST /api/contracts/{id}/conversations',
    state: 'active',
    setup: async (w) => {
      const ctx = await active(w);
      return { ...ctx, conversation: await schedule(w.agents.manager, ctx.engineer ?? '') };
    },
    request: (_w, ctx) => ({
      path: `/api/contracts/${ctx.contract}/conversations`,
      body: { conversationId: ctx.conversation },
    }),
    expect: party(200, 200),
  },
  {
    operation: 'GET /api/contracts/{id}/export',
    state: 'active',
    setup: active,
    request: (_w, ctx) => ({ path: `/api/contracts/${ctx.contract}/export?format=markdown` }),
    expect: party(200, 403),
  },
  {
    operation: 'GET /api/commitments',
    request: () => ({ path: '/api/commitments?view=owed' }),
    expect: signedIn(200),
  },
  {
    operation: 'POST /api/commitments/{id}/takeover',
    state: 'promised by the former manager, handed over',
    setup: handedOver,
    request: (_w, ctx) => ({ path: `/api/commitments/${ctx.commitment}/takeover`, body: {} }),
    expect: signedIn(404, { engineer: 403, manager: 200 }),
  },
  {
    operation: 'GET /api/contract-handovers',
    request: () => ({ path: '/api/contract-handovers' }),
    expect: signedIn(200),
  },
  {
    operation: 'GET /api/contract-handovers/{id}',
    state: 'released',
    setup: handedOver,
    request: (_w, ctx) => ({ path: `/api/contract-handovers/${ctx.handover}` }),
    expect: signedIn(404, { engineer: 200, manager: 200, formerManager: 200 }),
  },
  {
    operation: 'GET /api/contract-handovers/{id}',
    state: 'written for next week, not released',
    setup: scheduledHandover,
    request: (_w, ctx) => ({ path: `/api/contract-handovers/${ctx.handover}` }),
    // The incoming manager (otherManager) waits for the change and the engineer's week.
    expect: signedIn(404, { engineer: 200, manager: 200 }),
  },
  {
    operation: 'PUT /api/contract-handovers/{id}',
    state: 'written for next week, not released',
    setup: scheduledHandover,
    request: (_w, ctx) => ({
      path: `/api/contract-handovers/${ctx.handover}`,
      body: { note: 'Rewritten.' },
    }),
    expect: signedIn(404, { engineer: 403, manager: 200 }),
  },
  {
    operation: 'POST /api/contract-handovers/{id}/release',
    state: 'written for next week, not released',
    setup: scheduledHandover,
    request: (_w, ctx) => ({ path: `/api/contract-handovers/${ctx.handover}/release` }),
    expect: signedIn(404, { engineer: 200, manager: 403 }),
  },
];
