import { AsyncLocalStorage } from 'node:async_hooks';

export interface Decision {
  policy: string;
  action: string;
  isAllowed: boolean;
}

interface DecisionScope {
  decisions: Decision[];
}

const storage = new AsyncLocalStorage<DecisionScope>();

/** Runs `fn` with a fresh list of authorization decisions (one per HTTP request). */
export function runWithDecisionScope<T>(fn: () => T): T {
  return storage.run({ decisions: [] }, fn);
}

export function recordDecision(decision: Decision): void {
  storage.getStore()?.decisions.push(decision);
}

/** The decisions made so far in the current request; empty outside one. */
export function decisionsInScope(): readonly Decision[] {
  return storage.getStore()?.decisions ?? [];
}
