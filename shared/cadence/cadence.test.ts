import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { computeObligations, defaultCadencePolicy, isPlanStale } from './cadence.ts';
import type { CadenceConversation, CadenceHistory, ConversationKind } from './cadence.ts';

const policy = defaultCadencePolicy;
const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function conversation(
  overrides: Partial<CadenceConversation> & { kind: ConversationKind; startsAt: string },
): CadenceConversation {
  const startMs = Date.parse(overrides.startsAt);
  return {
    id: `${overrides.kind}-${overrides.startsAt}`,
    managerId: 'm1',
    status: 'held',
    endsAt: new Date(startMs + 3_600_000).toISOString(),
    isEngineerPrepDone: true,
    isManagerPrepDone: true,
    summarySentAt: new Date(startMs + 7_200_000).toISOString(),
    acknowledgedAt: new Date(startMs + 86_400_000).toISOString(),
    ...overrides,
  };
}

const base: CadenceHistory = {
  managerId: 'm1',
  managerSince: '2026-01-05',
  conversations: [],
  contract: null,
};

describe('computeObligations', () => {
  it('asks a new manager for a first conversation within 14 days', () => {
    const [initial] = computeObligations(base, policy, new Date('2026-01-06T12:00:00Z')).filter(
      (o) => o.kind === 'initial_conversation',
    );
    expect(initial).toMatchObject({
      owner: 'manager',
      dueAt: '2026-01-19T00:00:00.000Z',
      state: 'upcoming',
    });
  });

  it('marks the first conversation overdue after 14 days and done once held', () => {
    const late = computeObligations(base, policy, new Date('2026-01-20T00:00:01Z'));
    expect(late.find((o) => o.kind === 'initial_conversation')?.state).toBe('overdue');
    const held = {
      ...base,
      conversations: [conversation({ kind: 'initial', startsAt: '2026-01-21T10:00:00Z' })],
    };
    expect(
      computeObligations(held, policy, new Date('2026-01-22T00:00:00Z')).find(
        (o) => o.kind === 'initial_conversation',
      )?.state,
    ).toBe('done');
  });

  it('puts the next quarterly 91 days after the last review', () => {
    const history = {
      ...base,
      conversations: [
        conversation({ kind: 'initial', startsAt: '2026-01-10T10:00:00Z' }),
        conversation({ kind: 'quarterly', startsAt: '2026-04-10T10:00:00Z' }),
      ],
    };
    const quarterly = computeObligations(history, policy, new Date('2026-05-01T00:00:00Z')).find(
      (o) => o.kind === 'quarterly_conversation',
    );
    expect(quarterly?.dueAt).toBe('2026-07-10T11:00:00.000Z');
  });

  it('does not count conversations held with an earlier manager', () => {
    const history: CadenceHistory = {
      managerId: 'm2',
      managerSince: '2026-06-01',
      conversations: [
        conversation({ kind: 'initial', startsAt: '2026-01-10T10:00:00Z', managerId: 'm1' }),
      ],
      contract: null,
    };
    const initial = computeObligations(history, policy, new Date('2026-06-02T00:00:00Z')).find(
      (o) => o.kind === 'initial_conversation',
    );
    expect(initial).toMatchObject({ state: 'upcoming', dueAt: '2026-06-15T00:00:00.000Z' });
  });

  it('expects the summary within 24 hours and the acknowledgement within 7 days', () => {
    const unsent = {
      ...base,
      conversations: [
        conversation({
          kind: 'quarterly',
          startsAt: '2026-02-02T10:00:00Z',
          summarySentAt: null,
          acknowledgedAt: null,
        }),
      ],
    };
    const summary = computeObligations(unsent, policy, new Date('2026-02-03T12:00:00Z')).find(
      (o) => o.kind === 'summary',
    );
    expect(summary).toMatchObject({
      owner: 'manager',
      dueAt: '2026-02-03T11:00:00.000Z',
      state: 'overdue',
    });
    const sent = {
      ...base,
      conversations: [
        conversation({
          kind: 'quarterly',
          startsAt: '2026-02-02T10:00:00Z',
          summarySentAt: '2026-02-02T15:00:00.000Z',
          acknowledgedAt: null,
        }),
      ],
    };
    const ack = computeObligations(sent, policy, new Date('2026-02-05T00:00:00Z')).find(
      (o) => o.kind === 'acknowledgement',
    );
    expect(ack).toMatchObject({
      owner: 'engineer',
      dueAt: '2026-02-09T15:00:00.000Z',
      state: 'due',
    });
  });

  it('asks the engineer to prepare from 4 days before a scheduled conversation', () => {
    const scheduled = conversation({
      kind: 'quarterly',
      startsAt: '2026-03-10T10:00:00Z',
      status: 'scheduled',
      isEngineerPrepDone: false,
      summarySentAt: null,
      acknowledgedAt: null,
    });
    const history = { ...base, conversations: [scheduled] };
    const prepOn = (now: string) =>
      computeObligations(history, policy, new Date(now)).find((o) => o.kind === 'engineer_prep')
        ?.state;
    expect(prepOn('2026-03-05T10:00:00Z')).toBe('upcoming');
    expect(prepOn('2026-03-06T10:00:00Z')).toBe('due');
    expect(
      computeObligations(history, policy, new Date('2026-03-01T00:00:00Z')).find(
        (o) => o.kind === 'quarterly_conversation',
      )?.conversationId,
    ).toBe(scheduled.id);
  });

  it('checks an active plan every 30 days from the last check-in', () => {
    const history: CadenceHistory = {
      ...base,
      contract: {
        status: 'active',
        activeSince: '2026-02-01T00:00:00.000Z',
        lastCheckInAt: '2026-03-15T09:00:00.000Z',
      },
    };
    expect(
      computeObligations(history, policy, new Date('2026-03-20T00:00:00Z')).find(
        (o) => o.kind === 'plan_check',
      )?.dueAt,
    ).toBe('2026-04-14T09:00:00.000Z');
    const paused: CadenceHistory = {
      ...history,
      contract: { status: 'paused', activeSince: '2026-02-01T00:00:00.000Z', lastCheckInAt: null },
    };
    expect(
      computeObligations(paused, policy, new Date('2026-03-20T00:00:00Z')).some(
        (o) => o.kind === 'plan_check',
      ),
    ).toBe(false);
  });

  it('has no conversation obligations without a manager', () => {
    expect(
      computeObligations(
        { managerId: null, managerSince: null, conversations: [], contract: null },
        policy,
        new Date(),
      ),
    ).toEqual([]);
  });
});

const kindArb = fc.constantFrom<ConversationKind>(
  'initial',
  'where_now',
  'where_to',
  'close_gap',
  'quarterly',
  'promotion',
  'performance',
  'event',
);
const START = Date.parse('2024-01-01T00:00:00Z');

const historyArb = fc
  .record({
    sinceOffset: fc.integer({ min: 0, max: 900 }),
    nowOffset: fc.integer({ min: 0, max: 1200 }),
    conversations: fc.array(
      fc.record({
        kind: kindArb,
        offset: fc.integer({ min: -200, max: 1300 }),
        status: fc.constantFrom<CadenceConversation['status']>('scheduled', 'held', 'cancelled'),
        isOtherManager: fc.boolean(),
        isSummarySent: fc.boolean(),
        isAcknowledged: fc.boolean(),
      }),
      { maxLength: 25 },
    ),
    hasContract: fc.boolean(),
  })
  .map(({ sinceOffset, nowOffset, conversations, hasContract }) => {
    const sinceMs = START + sinceOffset * DAY;
    const history: CadenceHistory = {
      managerId: 'm1',
      managerSince: dayOf(sinceMs),
      conversations: conversations.map((c, i) => {
        const startMs = sinceMs + c.offset * DAY;
        return conversation({
          id: `c${i}`,
          kind: c.kind,
          startsAt: new Date(startMs).toISOString(),
          status: c.status,
          managerId: c.isOtherManager ? 'm0' : 'm1',
          summarySentAt: c.isSummarySent ? new Date(startMs + 7_200_000).toISOString() : null,
          acknowledgedAt:
            c.isSummarySent && c.isAcknowledged ? new Date(startMs + DAY).toISOString() : null,
        });
      }),
      contract: hasContract
        ? { status: 'active', activeSince: new Date(sinceMs).toISOString(), lastCheckInAt: null }
        : null,
    };
    return { history, now: new Date(sinceMs + nowOffset * DAY) };
  });

describe('computeObligations properties', () => {
  test.prop([historyArb])(
    'an engineer with a manager has exactly one initial, quarterly and annual obligation',
    ({ history, now }) => {
      const obligations = computeObligations(history, policy, now);
      for (const kind of [
        'initial_conversation',
        'quarterly_conversation',
        'annual_conversation',
      ] as const) {
        expect(obligations.filter((o) => o.kind === kind)).toHaveLength(1);
      }
    },
  );

  test.prop([historyArb])(
    'no pair obligation falls due before the reporting line started',
    ({ history, now }) => {
      const sinceMs = Date.parse(`${history.managerSince}T00:00:00Z`);
      const pairKinds = new Set([
        'initial_conversation',
        'quarterly_conversation',
        'annual_conversation',
        'engineer_prep',
        'manager_prep',
      ]);
      for (const o of computeObligations(history, policy, now)) {
        if (pairKinds.has(o.kind)) expect(Date.parse(o.dueAt)).toBeGreaterThanOrEqual(sinceMs);
      }
    },
  );

  test.prop([historyArb])(
    'is pure: the same input gives the same output, sorted by due date',
    ({ history, now }) => {
      const first = computeObligations(history, policy, now);
      expect(computeObligations(history, policy, now)).toEqual(first);
      const dues = first.map((o) => Date.parse(o.dueAt));
      expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    },
  );

  test.prop([historyArb])(
    'states follow the clock: overdue exactly when past due',
    ({ history, now }) => {
      for (const o of computeObligations(history, policy, now)) {
        if (o.state === 'done') continue;
        expect(o.state === 'overdue').toBe(now.getTime() > Date.parse(o.dueAt));
      }
    },
  );

  test.prop([historyArb, fc.integer({ min: 1, max: 400 })])(
    'the next quarterly falls 91 days after the latest review held with this manager',
    ({ history, now }, after) => {
      const sinceMs = Date.parse(`${history.managerSince}T00:00:00Z`);
      const heldAt = new Date(sinceMs + after * DAY).toISOString();
      const withReview = {
        ...history,
        conversations: [
          ...history.conversations,
          conversation({ id: 'new', kind: 'quarterly', startsAt: heldAt }),
        ],
      };
      const lastReviewEnd = Math.max(
        ...withReview.conversations
          .filter(
            (c) =>
              c.managerId === 'm1' &&
              c.status === 'held' &&
              (c.kind === 'quarterly' || c.kind === 'close_gap'),
          )
          .filter((c) => Date.parse(c.startsAt) >= sinceMs)
          .map((c) => Date.parse(c.endsAt)),
      );
      const next = computeObligations(withReview, policy, now).find(
        (o) => o.kind === 'quarterly_conversation',
      );
      expect(Date.parse(next?.dueAt ?? '')).toBe(lastReviewEnd + policy.quarterlyEveryDays * DAY);
    },
  );
});

describe('isPlanStale', () => {
  it('flags a plan nobody referenced for more than 60 days', () => {
    expect(isPlanStale('2026-01-01T00:00:00Z', policy, new Date('2026-03-01T00:00:00Z'))).toBe(
      false,
    );
    expect(isPlanStale('2026-01-01T00:00:00Z', policy, new Date('2026-03-03T00:00:00Z'))).toBe(
      true,
    );
  });
});
