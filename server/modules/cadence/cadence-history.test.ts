import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  cadencePolicySchema,
  computeObligations,
  defaultCadencePolicy,
} from '../../../shared/cadence/cadence.ts';
import { conversationAt, historyAt } from './cadence-history.ts';
import type { ConversationFactsRow, LineRow } from './cadence-history.repository.ts';

const DAY = 86_400_000;

const facts = (overrides: Partial<ConversationFactsRow> = {}): ConversationFactsRow => ({
  id: 'c1',
  engineerId: 'e1',
  managerId: 'm1',
  kind: 'quarterly',
  status: 'completed',
  startsAt: '2026-02-10T10:00:00.000Z',
  durationMinutes: 60,
  createdAt: '2026-02-01T10:00:00.000Z',
  completedAt: '2026-02-10T11:05:00.000Z',
  cancelledAt: null,
  firstSummarySentAt: '2026-02-11T09:00:00.000Z',
  latestSummaryVersion: 1,
  latestResponseKind: 'acknowledged',
  latestResponseAt: '2026-02-12T09:00:00.000Z',
  hasEngineerPrep: true,
  hasManagerPrep: false,
  ...overrides,
});

describe('conversationAt', () => {
  it('replays a conversation as it stood at each moment', () => {
    const f = facts();
    expect(conversationAt(f, new Date('2026-01-31T00:00:00Z'))).toBeNull();
    expect(conversationAt(f, new Date('2026-02-05T00:00:00Z'))).toMatchObject({
      status: 'scheduled',
      endsAt: '2026-02-10T11:00:00.000Z',
      summarySentAt: null,
    });
    expect(conversationAt(f, new Date('2026-02-10T12:00:00Z'))).toMatchObject({
      status: 'held',
      endsAt: '2026-02-10T11:05:00.000Z',
      summarySentAt: null,
      acknowledgedAt: null,
    });
    expect(conversationAt(f, new Date('2026-03-01T00:00:00Z'))).toMatchObject({
      status: 'held',
      summarySentAt: '2026-02-11T09:00:00.000Z',
      acknowledgedAt: '2026-02-12T09:00:00.000Z',
      isEngineerPrepDone: true,
      isManagerPrepDone: false,
    });
  });

  it('counts a cancellation from when it happened', () => {
    const f = facts({
      status: 'cancelled',
      completedAt: null,
      cancelledAt: '2026-02-08T00:00:00.000Z',
      firstSummarySentAt: null,
    });
    expect(conversationAt(f, new Date('2026-02-07T00:00:00Z'))?.status).toBe('scheduled');
    expect(conversationAt(f, new Date('2026-02-09T00:00:00Z'))?.status).toBe('cancelled');
  });
});

const policyArb = fc
  .record({
    initialWithinDays: fc.integer({ min: 1, max: 90 }),
    quarterlyEveryDays: fc.integer({ min: 1, max: 365 }),
  })
  .map((p) => cadencePolicySchema.parse(p));

describe('historyAt with the engine', () => {
  test.prop([
    policyArb,
    fc.integer({ min: 0, max: 500 }),
    fc.integer({ min: 1, max: 400 }),
    fc.integer({ min: 0, max: 200 }),
  ])(
    'a manager change creates an initial-conversation obligation initialWithinDays out, and nothing before it',
    (policy, firstLineDay, changeAfter, nowAfterChange) => {
      const start = Date.parse('2024-01-01T00:00:00Z');
      const day = (n: number) => new Date(start + n * DAY).toISOString().slice(0, 10);
      const changeDay = firstLineDay + changeAfter;
      const lines: LineRow[] = [
        { reportId: 'e1', managerId: 'old', startsOn: day(firstLineDay), endsOn: day(changeDay) },
        { reportId: 'e1', managerId: 'new', startsOn: day(changeDay), endsOn: null },
      ];
      // The old pair held their first conversation; it does not count for the new pair.
      const conversations = [
        facts({
          managerId: 'old',
          kind: 'initial',
          createdAt: new Date(start + firstLineDay * DAY).toISOString(),
          startsAt: new Date(start + (firstLineDay + 1) * DAY).toISOString(),
          completedAt: new Date(start + (firstLineDay + 1) * DAY + 3_600_000).toISOString(),
        }),
      ];
      const at = new Date(start + (changeDay + nowAfterChange) * DAY + 43_200_000);
      const history = historyAt({ lines, conversations, contract: undefined, at });
      expect(history.managerId).toBe('new');
      const obligations = computeObligations(history, policy, at);
      const initial = obligations.filter((o) => o.kind === 'initial_conversation');
      expect(initial).toHaveLength(1);
      expect(initial[0]?.dueAt).toBe(
        new Date(
          Date.parse(`${day(changeDay)}T00:00:00Z`) + policy.initialWithinDays * DAY,
        ).toISOString(),
      );
      expect(initial[0]?.state).not.toBe('done');
      for (const o of obligations)
        if (o.kind !== 'summary' && o.kind !== 'acknowledgement')
          expect(Date.parse(o.dueAt)).toBeGreaterThanOrEqual(
            Date.parse(`${day(changeDay)}T00:00:00Z`),
          );
    },
  );

  it('has no pair obligations for someone without a manager at that moment', () => {
    const lines: LineRow[] = [
      { reportId: 'e1', managerId: 'm1', startsOn: '2026-03-01', endsOn: null },
    ];
    const history = historyAt({
      lines,
      conversations: [],
      contract: undefined,
      at: new Date('2026-02-15T00:00:00Z'),
    });
    expect(history.managerId).toBeNull();
    expect(
      computeObligations(history, defaultCadencePolicy, new Date('2026-02-15T00:00:00Z')),
    ).toEqual([]);
  });
});
