import { describe, expect, it } from 'vitest';
import { instantMs, isoInstant } from './instants.ts';

describe('instants', () => {
  it('parses instants and dates as Date.parse does, a date at its midnight UTC', () => {
    expect(instantMs('2026-03-29T01:30:00.000Z')).toBe(Date.parse('2026-03-29T01:30:00.000Z'));
    expect(instantMs('2026-03-29T03:30:00+02:00')).toBe(Date.parse('2026-03-29T01:30:00.000Z'));
    expect(instantMs('2026-03-29')).toBe(Date.UTC(2026, 2, 29));
    expect(instantMs('not a date')).toBeNaN();
  });

  it('gives the same answer from memory as the first time', () => {
    const first = instantMs('2025-12-31T23:59:59.999Z');
    expect(instantMs('2025-12-31T23:59:59.999Z')).toBe(first);
    expect(isoInstant(first)).toBe('2025-12-31T23:59:59.999Z');
    expect(isoInstant(first)).toBe('2025-12-31T23:59:59.999Z');
  });
});
