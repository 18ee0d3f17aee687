import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isSignedIn, isSystem } from '../../policies/predicates.ts';
import type { Actor } from '../../policies/actor.ts';

/**
 * The retention periods: organisation settings that decide what is deleted, so admins only read
 * and set them (403 for everyone else signed in). The pass itself is background work.
 */
export const retentionPolicy = definePolicy<null, 'read' | 'update' | 'runPass'>({
  name: 'retention',
  noun: 'setting',
  view: (actor: Actor) => isSignedIn(actor) || isSystem(actor),
  actions: {
    read: isAdmin,
    update: isAdmin,
    runPass: isSystem,
  },
});
