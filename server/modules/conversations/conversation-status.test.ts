import { describe, expect, it } from 'vitest';
import { defaultCadencePolicy } from '../../../shared/cadence/cadence.ts';
import { summaryStatusAt } from './conversation-status.ts';

const held = {
  status: 'completed' as const,
  startsAt: '2026-03-10T14:00:00.000Z',
  durationMinutes: 60,
  completedAt: null,
  latestSummaryVersion: null,
  latestResponseKind: null,
};

const day = defaultCadencePolicy;

describe('summaryStatusAt', () => {
  it('is not due before the end, due for 24 hours, then overdue', () => {
    expect(summaryStatusAt(held, new Date('2026-03-10T14:59:00Z'), day)).toBe('not_due');
    expect(summaryStatusAt(held, new Date('2026-03-10T15:00:00Z'), day)).toBe('due');
    expect(summaryStatusAt(held, new Date('2026-03-11T15:00:00Z'), day)).toBe('due');
    expect(summaryStatusAt(held, new Date('2026-03-11T15:00:01Z'), day)).toBe('overdue');
  });

  it('counts from when the conversation was marked held', () => {
    const late = { ...held, completedAt: '2026-03-12T10:00:00.000Z' };
    expect(summaryStatusAt(late, new Date('2026-03-13T09:00:00Z'), day)).toBe('due');
  });

  it('follows the organisation’s policy for how long the manager has', () => {
    const twoDays = { ...defaultCadencePolicy, summaryWithinHours: 48 };
    expect(summaryStatusAt(held, new Date('2026-03-12T15:00:00Z'), twoDays)).toBe('due');
    expect(summaryStatusAt(held, new Date('2026-03-12T15:00:01Z'), twoDays)).toBe('overdue');
  });

  it('follows the sent versions and the engineer’s response', () => {
    const now = new Date('2026-04-01T00:00:00Z');
    expect(summaryStatusAt({ ...held, latestSummaryVersion: 1 }, now, day)).toBe('sent');
    expect(
      summaryStatusAt(
        { ...held, latestSummaryVersion: 2, latestResponseKind: 'acknowledged' },
        now,
        day,
      ),
    ).toBe('acknowledged');
    expect(summaryStatusAt({ ...held, status: 'cancelled' }, now, day)).toBe('not_needed');
  });
});
