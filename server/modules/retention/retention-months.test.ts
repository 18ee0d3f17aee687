import { describe, expect, it } from 'vitest';
import { monthsBefore } from './retention.service.ts';

describe('monthsBefore', () => {
  it('counts calendar months in UTC, keeping the time of day', () => {
    expect(monthsBefore(new Date('2026-10-02T09:00:00.000Z'), 6).toISOString()).toBe(
      '2026-04-02T09:00:00.000Z',
    );
    expect(monthsBefore(new Date('2026-01-15T00:00:00.000Z'), 13).toISOString()).toBe(
      '2024-12-15T00:00:00.000Z',
    );
  });

  it('lands on the last day of a shorter month instead of spilling into the next', () => {
    expect(monthsBefore(new Date('2026-03-31T12:00:00.000Z'), 1).toISOString()).toBe(
      '2026-02-28T12:00:00.000Z',
    );
    expect(monthsBefore(new Date('2028-05-31T12:00:00.000Z'), 3).toISOString()).toBe(
      '2028-02-29T12:00:00.000Z',
    );
  });
});
