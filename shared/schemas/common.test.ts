import { describe, expect, it } from 'vitest';
import { isoDateSchema, timeZoneSchema } from './common.ts';

describe('timeZoneSchema', () => {
  it.each([
    'Europe/London',
    'Asia/Kolkata',
    'Europe/Kyiv',
    'America/Argentina/Buenos_Aires',
    'UTC',
    'Etc/GMT+5',
  ])('accepts %s', (zone) => {
    expect(timeZoneSchema.safeParse(zone).success).toBe(true);
  });

  it.each(['Mars/Olympus', '', 'Europe/London; drop table', '../etc/passwd'])(
    'refuses %j',
    (zone) => {
      const result = timeZoneSchema.safeParse(zone);
      expect(result.success).toBe(false);
    },
  );
});

describe('isoDateSchema', () => {
  it('accepts a real date and refuses an impossible one', () => {
    expect(isoDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(isoDateSchema.safeParse('2026-2-3').success).toBe(false);
  });
});
