import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isSelf, isSignedIn } from '../../policies/predicates.ts';
import type { Actor } from '../../policies/actor.ts';

/** Directory data (C0) is readable by everyone signed in; changing it is for admins. */
export interface PersonResource {
  id: string;
}

const isAdminNotSelf = (actor: Actor, person: PersonResource) =>
  isAdmin(actor) && !isSelf(actor, person.id);

export const personPolicy = definePolicy<
  PersonResource | null,
  'update' | 'deactivate' | 'invite' | 'setManager' | 'changeRoles'
>({
  name: 'person',
  noun: 'person',
  subjectOf: (person) => person?.id ?? null,
  view: (actor, person) => person !== null && isSignedIn(actor),
  actions: {
    update: isAdmin,
    // Nobody deactivates themself or removes their own admin rights: the last admin could lock everyone out.
    deactivate: (actor, person) => person !== null && isAdminNotSelf(actor, person),
    changeRoles: (actor, person) => person !== null && isAdminNotSelf(actor, person),
    invite: isAdmin,
    setManager: isAdmin,
  },
});
