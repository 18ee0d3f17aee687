import { TODAY, draftVersionOf, ok, schedule } from '../access-matrix/world.ts';
import type { Subject, World } from '../access-matrix/world.ts';
import type { Agent } from '../harness.ts';
import { changeManager } from '../../modules/people/people.service.ts';

/** A unique string planted in one field, and the subjects whose class lets them read it. */
export interface Canary {
  label: string;
  text: string;
  readers: Subject[];
}

export interface SeededIds {
  conversations: string[];
  actionItems: string[];
  whatMatters: string[];
  assessments: string[];
  contracts: string[];
  handovers: string[];
}

const PAIR: Subject[] = ['engineer', 'manager'];
const FORMER_PAIR: Subject[] = ['engineer', 'formerManager'];

const values = (note: string, at = 0) => ({
  values: [
    { value: 'learning', rank: 1, points: 30, note: at === 0 ? note : '' },
    { value: 'impact', rank: 2, points: 25, note: '' },
    { value: 'culture', rank: 3, points: 20, note: '' },
    { value: 'work_life_balance', rank: 4, points: 10, note: '' },
    { value: 'compensation', rank: 5, points: 10, note: '' },
    { value: 'promotion', rank: 6, points: 5, note: '' },
  ],
});

async function writeSummary(agent: Agent, id: string, field: (name: string) => string) {
  await ok(
    agent.put(`/api/conversations/${id}/summary/draft`, {
      discussed: field('discussed'),
      goals: field('goals'),
      managerActions: field('manager-actions'),
      engineerActions: field('engineer-actions'),
      baseVersion: await draftVersionOf(agent, id),
    }),
  );
}

async function rate(agent: Agent, id: string, items: { id: string }[], evidence: string) {
  await ok(
    agent.put(`/api/assessments/${id}/ratings`, {
      ratings: items.map((item) => ({ itemId: item.id, rating: 'gap', evidence })),
    }),
  );
}

/**
 * Writes a canary into every C2–C6 field through the API, as the people who would write it, and
 * returns the canaries with their readers (DESIGN §4) and the ids the crawl fills paths with.
 */
export async function seedCanaries(w: World, canaryOf: (label: string) => string) {
  const { agents, people } = w;
  const canaries: Canary[] = [];
  const plant = (label: string, readers: Subject[]) => {
    const text = canaryOf(label);
    canaries.push({ label, text, readers });
    return text;
  };
  const ids: SeededIds = {
    conversations: [w.ids.formerConversation],
    actionItems: [w.ids.formerActionItem],
    whatMatters: [],
    assessments: [],
    contracts: [],
    handovers: [],
  };

  // The former manager's tenure: the old pair keeps its shared record; the new manager never sees it.
  w.t.clock.set('2025-09-20T09:00:00.000Z');
  const old = (
    await ok(
      agents.formerManager.post<{ id: string }>('/api/conversations', {
        engineerId: people.engineer.id,
        kind: 'quarterly',
        startsAt: '2025-09-25T10:00:00Z',
        agenda: plant('C2-former-agenda', FORMER_PAIR),
      }),
    )
  ).body.id;
  const oldBase = `/api/conversations/${old}`;
  await ok(
    agents.formerManager.put(`${oldBase}/shared-notes`, {
      text: plant('C2-former-notes', FORMER_PAIR),
      version: 0,
    }),
  );
  await ok(
    agents.formerManager.put(`${oldBase}/private-note`, {
      body: plant('C6-former-note', ['formerManager']),
    }),
  );
  await ok(
    agents.engineer.put(`${oldBase}/private-note`, {
      body: plant('C5-former-own-note', ['engineer']),
    }),
  );
  const oldItem = await ok(
    agents.formerManager.post<{ id: string }>(`${oldBase}/action-items`, {
      owner: 'manager',
      text: plant('C2-former-action', FORMER_PAIR),
    }),
  );
  await ok(agents.formerManager.post(`${oldBase}/completion`));
  await writeSummary(agents.formerManager, old, (f) =>
    plant(`C2-former-summary-${f}`, FORMER_PAIR),
  );
  await ok(agents.formerManager.post(`${oldBase}/summary/versions`));
  ids.conversations.push(old);
  ids.actionItems.push(oldItem.body.id);
  w.t.clock.set(TODAY);

  // The current pair: a sensitive conversation with every kind of field filled.
  const c1 = (
    await ok(
      agents.manager.post<{ id: string }>('/api/conversations', {
        engineerId: people.engineer.id,
        kind: 'performance',
        startsAt: '2026-03-10T14:00:00Z',
        place: 'Room 4',
        agenda: plant('C2-agenda', PAIR),
      }),
    )
  ).body.id;
  const base = `/api/conversations/${c1}`;
  await ok(
    agents.engineer.put(`${base}/prep/answers/p1`, {
      answer: plant('C5-prep-draft', ['engineer']),
    }),
  );
  await ok(
    agents.engineer.put(`${base}/prep/answers/p2`, { answer: plant('C2-prep-shared', PAIR) }),
  );
  await ok(agents.engineer.post(`${base}/prep/shares`, { keys: ['p2'] }));
  await ok(
    agents.engineer.put(`${base}/private-note`, { body: plant('C5-private-note', ['engineer']) }),
  );
  await ok(
    agents.manager.put(`${base}/private-note`, { body: plant('C6-private-note', ['manager']) }),
  );
  await ok(
    agents.manager.patch(`${base}/manager-prep`, {
      talkingPoints: plant('C6-talking-points', ['manager']),
    }),
  );
  await ok(
    agents.manager.put(`/api/people/${people.engineer.id}/private-note`, {
      body: plant('C6-person-note', ['manager']),
    }),
  );
  await ok(
    agents.manager.put(`${base}/shared-notes`, {
      text: plant('C2-shared-notes', PAIR),
      version: 0,
    }),
  );
  const item = await ok(
    agents.engineer.post<{ id: string }>(`${base}/action-items`, {
      owner: 'engineer',
      text: plant('C2-action-item', PAIR),
      dueOn: '2026-03-20',
    }),
  );
  await ok(
    agents.manager.patch(base, {
      startsAt: '2026-03-11T15:00:00Z',
      reason: plant('C2-reschedule-reason', PAIR),
    }),
  );
  await ok(agents.manager.post(`${base}/completion`));
  await writeSummary(agents.manager, c1, (f) => plant(`C2-summary-${f}`, PAIR));
  await ok(agents.manager.post(`${base}/summary/versions`));
  await ok(
    agents.engineer.post(`${base}/summary/responses`, {
      kind: 'amendment_requested',
      comment: plant('C2-amendment', PAIR),
    }),
  );
  ids.conversations.push(c1);
  ids.actionItems.push(item.body.id);

  // A summary the manager has drafted but not sent is theirs alone.
  const c2 = await schedule(agents.manager, people.engineer.id, '2026-03-03T10:00:00Z');
  await ok(agents.manager.post(`/api/conversations/${c2}/completion`));
  await writeSummary(agents.manager, c2, (f) => plant(`C6-unsent-summary-${f}`, ['manager']));
  ids.conversations.push(c2);

  // Proposed by the engineer, then cancelled with a reason.
  const c3 = (
    await ok(
      agents.engineer.post<{ id: string }>('/api/conversations', {
        engineerId: people.engineer.id,
        kind: 'where_to',
        startsAt: '2026-03-20T10:00:00Z',
        agenda: plant('C2-proposal-agenda', PAIR),
      }),
    )
  ).body.id;
  await ok(
    agents.engineer.post(`/api/conversations/${c3}/cancellation`, {
      reason: plant('C2-cancel-reason', PAIR),
    }),
  );
  ids.conversations.push(c3);

  // What Matters (C4): one kept private, one shared with the manager.
  const hidden = await ok(
    agents.engineer.post<{ id: string }>(
      '/api/what-matters',
      values(plant('C4-private-values', ['engineer'])),
    ),
  );
  const shared = await ok(
    agents.engineer.post<{ id: string }>(
      '/api/what-matters',
      values(plant('C4-shared-values', PAIR)),
    ),
  );
  await ok(agents.engineer.put(`/api/what-matters/${shared.body.id}/share`, {}));
  ids.whatMatters.push(hidden.body.id, shared.body.id);

  // Blind assessments: each unsubmitted side is its author's; a revealed one is the pair's.
  const start = () =>
    ok(
      agents.engineer.post<{ id: string; items: { id: string }[] }>(
        `/api/people/${people.engineer.id}/assessments`,
        {
          targetLevelId: w.ids.confirmedLevel,
        },
      ),
    ).then((r) => r.body);
  const blind = await start();
  await rate(
    agents.engineer,
    blind.id,
    blind.items,
    plant('C5-assessment-engineer-draft', ['engineer']),
  );
  await rate(
    agents.manager,
    blind.id,
    blind.items,
    plant('C6-assessment-manager-draft', ['manager']),
  );
  await ok(agents.engineer.post(`/api/assessments/${blind.id}/submissions`));
  const revealed = await start();
  await rate(agents.engineer, revealed.id, revealed.items, plant('C3-assessment-engineer', PAIR));
  await rate(agents.manager, revealed.id, revealed.items, plant('C3-assessment-manager', PAIR));
  await ok(agents.engineer.post(`/api/assessments/${revealed.id}/submissions`));
  await ok(agents.manager.post(`/api/assessments/${revealed.id}/submissions`));
  ids.assessments.push(blind.id, revealed.id);

  // The development contract (C3): the engineer and their manager today.
  const field = (name: string) => plant(`C3-contract-${name}`, PAIR);
  const contract = await ok(
    agents.manager.post<{ id: string; version: number }>(
      `/api/people/${people.engineer.id}/contracts`,
      {
        developmentGoal: field('goal'),
        managerCommitment: field('manager-commitment'),
        engineerCommitment: field('engineer-commitment'),
        evidenceOfSuccess: field('evidence'),
        reviewCadence: 'quarterly',
        nextReviewOn: '2026-06-01',
        caveat: field('caveat'),
        isCaveatNoneKnown: false,
        notHere: field('not-here'),
        transitionSupport: field('transition-support'),
        goals: [1, 2].map((n) => ({
          description: field(`goal-${n}`),
          successCriteria: field(`criteria-${n}`),
          supportNeeded: field(`support-${n}`),
          dueOn: '2026-05-31',
        })),
        changeNote: field('change-note'),
      },
    ),
  );
  const contractId = contract.body.id;
  for (const agent of [agents.engineer, agents.manager])
    await ok(
      agent.post(`/api/contracts/${contractId}/agreements`, { version: contract.body.version }),
    );
  await ok(
    agents.engineer.post(`/api/contracts/${contractId}/check-ins`, {
      status: 'on_track',
      note: field('check-in'),
    }),
  );
  await ok(
    agents.manager.post(`/api/contracts/${contractId}/commitments`, {
      owner: 'manager',
      text: field('commitment'),
      dueOn: '2026-04-01',
    }),
  );
  ids.contracts.push(contractId);

  // Next week the engineer moves to the other manager: the handover note is the outgoing
  // manager's and the engineer's until the change and the engineer's week have passed.
  await changeManager(w.t.db, {
    reportId: people.engineer.id,
    managerId: people.otherManager.id,
    startsOn: '2026-03-09',
    createdBy: null,
    createdAt: TODAY,
  });
  const handovers = await ok(
    agents.manager.get<{ items: { id: string; engineer: { id: string } }[] }>(
      '/api/contract-handovers',
    ),
  );
  const handover = handovers.body.items.find((h) => h.engineer.id === people.engineer.id)?.id ?? '';
  await ok(
    agents.manager.put(`/api/contract-handovers/${handover}`, {
      note: plant('C3-handover-note', PAIR),
    }),
  );
  ids.handovers.push(handover);

  return { canaries, ids };
}
