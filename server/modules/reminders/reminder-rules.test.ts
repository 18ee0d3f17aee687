import { describe, expect, it } from 'vitest';
import type { EngineerSnapshot } from '../cadence/cadence-snapshots.ts';
import type { CommitmentFactsRow } from '../cadence/cadence-history.repository.ts';
import { digestFor, digestKeyAt, digestPartOf, isoWeekOf, localTime } from './reminder-rules.ts';
import type { DigestPart } from './reminder-rules.ts';

describe('weekly digest timing', () => {
  it('names ISO weeks, including the ones that straddle a new year', () => {
    expect(isoWeekOf('2026-03-02')).toBe('2026-W10');
    expect(isoWeekOf('2026-03-08')).toBe('2026-W10');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('waits for Monday 08:00 in the manager’s own zone, then keeps one key for the week', () => {
    // 07:30 in London on Monday: not yet.
    expect(digestKeyAt('m', 'Europe/London', new Date('2026-03-02T07:30:00Z'))).toBeNull();
    expect(digestKeyAt('m', 'Europe/London', new Date('2026-03-02T08:00:00Z'))).toBe(
      'digest:weekly:m:2026-W10',
    );
    // Already Monday 08:30 in Tokyo while it is still Sunday in London.
    expect(digestKeyAt('m', 'Asia/Tokyo', new Date('2026-03-01T23:30:00Z'))).toBe(
      'digest:weekly:m:2026-W10',
    );
    expect(digestKeyAt('m', 'Europe/London', new Date('2026-03-08T20:00:00Z'))).toBe(
      'digest:weekly:m:2026-W10',
    );
    // After the change to summer time, 08:00 in London is 07:00 UTC.
    expect(digestKeyAt('m', 'Europe/London', new Date('2026-03-30T06:59:00Z'))).toBeNull();
    expect(digestKeyAt('m', 'Europe/London', new Date('2026-03-30T07:00:00Z'))).toBe(
      'digest:weekly:m:2026-W14',
    );
  });

  it('reads local date, weekday and hour in any zone', () => {
    expect(localTime(new Date('2026-03-01T23:30:00Z'), 'Asia/Tokyo')).toEqual({
      date: '2026-03-02',
      weekday: 1,
      hour: 8,
    });
  });
});

describe('weekly digest contents', () => {
  const part: DigestPart = {
    lines: [
      {
        what: 'quarterly review overdue',
        dueAt: '2026-02-20T00:00:00.000Z',
        conversationId: null,
        onlyForManagerId: null,
      },
      {
        what: 'summary not sent',
        dueAt: '2026-02-25T00:00:00.000Z',
        conversationId: 'c1',
        onlyForManagerId: 'earlier',
      },
    ],
    managerCommitments: [
      { managerId: 'current', dueOns: ['2026-03-01', '2026-03-02'] },
      { managerId: 'earlier', dueOns: ['2026-02-01'] },
    ],
  };
  const reports = [{ engineerName: 'Ana', part }];

  it('gives a summary only to the manager who owes it, and counts action items late by today', () => {
    expect(digestFor('current', reports, '2026-03-02', 'https://t.test')).toEqual({
      lines: [
        {
          engineerName: 'Ana',
          what: 'quarterly review overdue',
          dueAt: '2026-02-20T00:00:00.000Z',
          link: 'https://t.test/team',
        },
      ],
      // Due today is not late yet.
      overdueCommitments: 1,
    });
    // The same summary, owed by the manager the engineer reports to now.
    const owed = { ...part, lines: part.lines.map((l) => ({ ...l, onlyForManagerId: null })) };
    expect(
      digestFor('current', [{ engineerName: 'Ana', part: owed }], '2026-03-02', 'https://t.test')
        .lines[1],
    ).toEqual({
      engineerName: 'Ana',
      what: 'summary not sent',
      dueAt: '2026-02-25T00:00:00.000Z',
      link: 'https://t.test/conversations/c1',
    });
  });
});

describe('an engineer\u2019s kept digest part', () => {
  const engineer = {
    id: 'e1',
    name: 'Ana',
    email: 'ana@example.test',
    title: 'Engineer',
    team: 'Payments',
    timezone: 'UTC',
    managerId: 'current',
    managerName: 'Bo',
    managerEmail: 'bo@example.test',
    managerTimezone: 'UTC',
    managerSince: '2025-01-01',
  };
  const snapshotWith = (commitments: CommitmentFactsRow[]): EngineerSnapshot => ({
    engineer,
    lines: [],
    conversations: [],
    commitments,
    contract: undefined,
    obligations: [
      {
        kind: 'quarterly_conversation',
        owner: 'manager',
        dueAt: '2026-02-20T00:00:00.000Z',
        state: 'overdue',
        reason: 'A quarter has passed.',
        conversationId: null,
      },
    ],
  });
  const commitment = (
    id: string,
    fields: Partial<CommitmentFactsRow> & Pick<CommitmentFactsRow, 'managerId'>,
  ): CommitmentFactsRow => ({
    id,
    engineerId: 'e1',
    owner: 'manager',
    dueOn: '2026-03-01',
    isDone: false,
    doneAt: null,
    ...fields,
  });

  it('counts the same late action items as the rows it was made from', () => {
    const rows = [
      commitment('a', { managerId: 'current', dueOn: '2026-02-27' }),
      commitment('b', { managerId: 'earlier', dueOn: '2026-01-10' }),
      commitment('c', { managerId: 'current', dueOn: '2026-03-02' }),
      commitment('d', { managerId: 'current', dueOn: '2026-02-01', isDone: true }),
      commitment('e', { managerId: 'current', dueOn: null }),
      commitment('f', { managerId: 'current', dueOn: '2026-02-02', owner: 'engineer' }),
      commitment('g', { managerId: 'current', dueOn: '2026-03-01' }),
    ];
    const part = digestPartOf(snapshotWith(rows));
    expect(part.managerCommitments).toEqual([
      { managerId: 'current', dueOns: ['2026-02-27', '2026-03-02', '2026-03-01'] },
      { managerId: 'earlier', dueOns: ['2026-01-10'] },
    ]);
    for (const managerId of ['current', 'earlier'])
      expect(
        digestFor(managerId, [{ engineerName: 'Ana', part }], '2026-03-02', 'https://t.test')
          .overdueCommitments,
      ).toBe(
        rows.filter(
          (r) =>
            r.managerId === managerId &&
            r.owner === 'manager' &&
            !r.isDone &&
            r.dueOn !== null &&
            r.dueOn < '2026-03-02',
        ).length,
      );
  });

  it('is one shared empty part when the engineer adds nothing', () => {
    const nothing = (id: string): EngineerSnapshot => ({
      ...snapshotWith([]),
      engineer: { ...engineer, id },
      obligations: [],
    });
    const first = digestPartOf(nothing('e1'));
    expect(first).toEqual({ lines: [], managerCommitments: [] });
    expect(digestPartOf(nothing('e2'))).toBe(first);
    expect(digestPartOf(snapshotWith([])).lines).toHaveLength(1);
  });
});
