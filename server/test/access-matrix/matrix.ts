import type { Subject, World } from './world.ts';

/** Ids a row's setup made, for its request. */
export type Ctx = Record<string, string>;

/** The status each subject must get: denials included, so an unexpected 2xx fails. */
export type Outcomes = Record<Subject, number>;

export interface MatrixRow {
  /** `METHOD /api/path/{param}`, exactly as the OpenAPI document names the operation. */
  operation: string;
  /** The record's state when it matters (draft, shared, private, submitted, revealed, …). */
  state?: string;
  /**
   * Makes the records the request needs. Runs once for the subjects that are refused, and again
   * for each subject whose write succeeds, so one subject's change never decides another's cell.
   */
  setup?: (w: World) => Promise<Ctx>;
  request: (w: World, ctx: Ctx) => { path: string; body?: unknown };
  expect: Outcomes;
  /** Each subject signs in afresh for this cell (the request ends its session). */
  isSessionConsumed?: boolean;
}

type SignedIn = Exclude<Subject, 'anonymous' | 'deactivated'>;

/**
 * A protected operation: the anonymous and the deactivated get 401; every signed-in subject gets
 * `otherwise` unless named in `named`.
 */
export function signedIn(
  otherwise: number,
  named: Partial<Record<SignedIn, number>> = {},
): Outcomes {
  return {
    anonymous: 401,
    deactivated: 401,
    engineer: otherwise,
    peer: otherwise,
    manager: otherwise,
    formerManager: otherwise,
    leader: otherwise,
    otherManager: otherwise,
    admin: otherwise,
    peopleTeam: otherwise,
    ...named,
  };
}

/** A public operation: everyone, signed in or not, gets the same answer. */
export function everyone(status: number): Outcomes {
  return { ...signedIn(status), anonymous: status, deactivated: status };
}

/** Admins may; everyone else signed in is refused with 403 (the operation is not theirs). */
export const adminOnly = (status: number): Outcomes => signedIn(403, { admin: status });

/** The engineer and the manager of the conversation; everyone else gets 404. */
export const pairOnly = (engineer: number, manager: number): Outcomes =>
  signedIn(404, { engineer, manager });

/**
 * The pair may; leaders above the engineer, admins and the people team see the conversation's
 * metadata (C1), so a write is 403 for them, and 404 for everyone else.
 */
export const pairWritesMetadataVisible = (engineer: number, manager: number): Outcomes =>
  signedIn(404, { engineer, manager, leader: 403, admin: 403, peopleTeam: 403 });

/** Shorthand for rows whose request needs no setup. */
export const path = (p: string) => () => ({ path: p });
