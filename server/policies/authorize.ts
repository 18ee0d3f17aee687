import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import type { Actor, PersonActor } from './actor.ts';
import { recordDecision } from './decisions.ts';

export type Rule<R> = (actor: Actor, resource: R) => boolean;

/**
 * A domain's rules: `view` says whether the record exists for the actor at all (else 404), each
 * action whether a visible record may be acted on (else 403).
 */
export interface Policy<R, A extends string> {
  name: string;
  noun: string;
  view: Rule<R>;
  actions: Record<A, Rule<R>>;
  /** Whose record this is (the engineer), so denials can appear on their access log. */
  subjectOf?: (resource: R) => string | null;
}

export function definePolicy<R, A extends string>(policy: Policy<R, A>): Policy<R, A> {
  return policy;
}

/**
 * The one authorization path. Records the decision, then throws UnauthorizedError for the anonymous,
 * NotFoundError when the record is invisible to the actor and ForbiddenError when visible but not
 * allowed.
 */
export function authorize<R, A extends string>(
  actor: Actor,
  policy: Policy<R, A>,
  action: A | 'view',
  resource: R,
): void {
  const isVisible = policy.view(actor, resource);
  const isAllowed = isVisible && (action === 'view' || policy.actions[action](actor, resource));
  recordDecision({
    policy: policy.name,
    action,
    isAllowed,
    subjectPersonId: policy.subjectOf ? policy.subjectOf(resource) : null,
  });
  if (isAllowed) return;
  if (actor.kind === 'anonymous') throw new UnauthorizedError();
  if (!isVisible) throw new NotFoundError(policy.noun);
  throw new ForbiddenError();
}

/** What the actor may do with a record, for the UI; never a substitute for authorize(). */
export function abilitiesOf<R, A extends string>(
  actor: Actor,
  policy: Policy<R, A>,
  resource: R,
): Record<A, boolean> {
  const isVisible = policy.view(actor, resource);
  const result = {} as Record<A, boolean>;
  for (const action of Object.keys(policy.actions) as A[]) {
    result[action] = isVisible && policy.actions[action](actor, resource);
  }
  return result;
}

/** Records that an endpoint is deliberately open (health, sign-in, setup) and returns. */
export function authorizePublic(endpoint: string): void {
  recordDecision({ policy: 'public', action: endpoint, isAllowed: true });
}

/** Narrows to a signed-in person or throws 401. */
export function requirePerson(actor: Actor): PersonActor {
  if (actor.kind !== 'person') {
    recordDecision({ policy: 'session', action: 'signed-in', isAllowed: false });
    throw new UnauthorizedError();
  }
  return actor;
}
