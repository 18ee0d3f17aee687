import { definePolicy } from '../../policies/authorize.ts';
import { isSignedIn } from '../../policies/predicates.ts';

/** A person's own session: only they hold it, so being signed in is enough. */
export const sessionPolicy = definePolicy<null, 'delete'>({
  name: 'session',
  noun: 'session',
  view: isSignedIn,
  actions: { delete: isSignedIn },
});
