import { describe, expect, it } from 'vitest';
import { formatStartInZone, neutralKindOf } from './conversations.ts';

describe('formatStartInZone', () => {
  it('follows each zone across its own daylight-saving change', () => {
    // The US moves on 8 March 2026, the UK on 29 March: for three weeks the gap is 4 hours.
    const before = '2026-03-06T15:00:00Z';
    const between = '2026-03-20T15:00:00Z';
    const after = '2026-03-30T15:00:00Z';
    expect(formatStartInZone(before, 'America/New_York')).toBe('Fri 6 Mar 2026, 10:00 UTC-5');
    expect(formatStartInZone(between, 'America/New_York')).toBe('Fri 20 Mar 2026, 11:00 UTC-4');
    expect(formatStartInZone(between, 'Europe/London')).toBe('Fri 20 Mar 2026, 15:00 UTC');
    expect(formatStartInZone(after, 'Europe/London')).toBe('Mon 30 Mar 2026, 16:00 UTC+1');
    expect(formatStartInZone(after, 'UTC')).toBe('Mon 30 Mar 2026, 15:00 UTC');
  });

  it('moves to the next day when the zone is ahead', () => {
    expect(formatStartInZone('2026-03-10T22:30:00Z', 'Asia/Tokyo')).toBe(
      'Wed 11 Mar 2026, 07:30 UTC+9',
    );
    expect(formatStartInZone('2026-03-10T22:30:00Z', 'Asia/Kolkata')).toBe(
      'Wed 11 Mar 2026, 04:00 UTC+5:30',
    );
  });
});

describe('neutralKindOf', () => {
  it('hides a performance conversation as a check-in and keeps other kinds', () => {
    expect(neutralKindOf('performance')).toBe('check_in');
    expect(neutralKindOf('quarterly')).toBe('quarterly');
  });
});
