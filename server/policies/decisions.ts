import { AsyncLocalStorage } from 'node:async_hooks';

export interface Decision {
  policy: string;
  action: string;
  isAllowed: boolean;
  /** Whose record the decision was about, when the policy can name them (for the audit trail). */
  subjectPersonId?: string | null;
}

/** Where a request came from, so audit events can say so without services seeing HTTP. */
export interface RequestOrigin {
  ip: string;
  requestId: string;
}

interface DecisionScope {
  decisions: Decision[];
  origin: RequestOrigin | null;
}

const storage = new AsyncLocalStorage<DecisionScope>();

/** Runs `fn` with a fresh list of authorization decisions (one per HTTP request). */
export function runWithDecisionScope<T>(fn: () => T, origin: RequestOrigin | null = null): T {
  return storage.run({ decisions: [], origin }, fn);
}

/** The current request's address and id; null outside a request (jobs, tests of services). */
export function requestOrigin(): RequestOrigin | null {
  return storage.getStore()?.origin ?? null;
}

export function recordDecision(decision: Decision): void {
  storage.getStore()?.decisions.push(decision);
}

/** The decisions made so far in the current request; empty outside one. */
export function decisionsInScope(): readonly Decision[] {
  return storage.getStore()?.decisions ?? [];
}
