import { remembered } from '../remembered.ts';

/*
 * ISO instants to milliseconds and back, remembered. The cadence engine and the dashboards
 * replaying history month by month meet the same few thousand timestamps again and again;
 * parsing and formatting them was a tenth of a busy server's time (ADR 100).
 */

/** Answers kept per direction before starting afresh: a few MB at most. */
const LIMIT = 50_000;

/** Milliseconds since the epoch of an ISO instant, or of a date's midnight UTC. */
export const instantMs = remembered(
  (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso),
  LIMIT,
);

/** The ISO instant (UTC, milliseconds) of milliseconds since the epoch. */
export const isoInstant = remembered((ms: number) => new Date(ms).toISOString(), LIMIT);
