/*
 * ISO instants to milliseconds and back, remembered. The cadence engine and the dashboards
 * replaying history month by month meet the same few thousand timestamps again and again;
 * parsing and formatting them was a tenth of a busy server's time (docs/performance.md).
 */

/** Entries kept per direction before starting afresh: a few MB at most. */
const LIMIT = 50_000;
const parsed = new Map<string, number>();
const formatted = new Map<number, string>();

/** Milliseconds since the epoch of an ISO instant, or of a date's midnight UTC. */
export function instantMs(iso: string): number {
  let value = parsed.get(iso);
  if (value === undefined) {
    value = Date.parse(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
    if (parsed.size >= LIMIT) parsed.clear();
    parsed.set(iso, value);
  }
  return value;
}

/** The ISO instant (UTC, milliseconds) of milliseconds since the epoch. */
export function isoInstant(ms: number): string {
  let value = formatted.get(ms);
  if (value === undefined) {
    value = new Date(ms).toISOString();
    if (formatted.size >= LIMIT) formatted.clear();
    formatted.set(ms, value);
  }
  return value;
}
