import { describe, expect, it } from 'vitest';
import { digestKeyAt, isoWeekOf, localTime } from './reminder-rules.ts';

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
