/**
 * The generator plans in whole days and minutes since 1970-01-01 UTC; rows get ISO strings.
 */
const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

export const dayOfDate = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

// Formatting dates is the generator's hottest path: days and times of day are formatted once.
const dayStrings = new Map<number, string>();
const two = (n: number) => String(n).padStart(2, '0');
const timeStrings = Array.from(
  { length: MINUTES_PER_DAY },
  (_, m) => `T${two(Math.floor(m / 60))}:${two(m % 60)}:00.000Z`,
);

/** `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  let text = dayStrings.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayStrings.set(day, text);
  }
  return text;
}

/** The ISO timestamp of a (whole) minute number. */
export function isoMinute(minute: number): string {
  const whole = Math.floor(minute);
  const day = Math.floor(whole / MINUTES_PER_DAY);
  return isoDay(day) + (timeStrings[whole - day * MINUTES_PER_DAY] ?? '');
}

/** The minute number of `minutes` after midnight UTC on a day. */
export const minuteOf = (day: number, minutes = 0): number =>
  day * MINUTES_PER_DAY + Math.round(minutes);

export const dayOfMinute = (minute: number): number => Math.floor(minute / MINUTES_PER_DAY);
