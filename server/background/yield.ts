import { setImmediate as afterPendingIo } from 'node:timers/promises';

/**
 * Lets the event loop serve waiting requests between the batches of a background pass.
 *
 * better-sqlite3 is synchronous: awaiting a query resolves on the microtask queue, so a loop of
 * awaited queries never gives the event loop a turn, and a pass over a large organisation would
 * hold every request until it ends (ADR 095). A macrotask turn between batches fixes that; on
 * PostgreSQL it costs next to nothing.
 */
export function yieldToRequests(): Promise<void> {
  return afterPendingIo();
}
