import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isSignedIn } from '../../policies/predicates.ts';

/** Single sign-on and provisioning settings: organisation settings, admins only. */
export const ssoPolicy = definePolicy<null, 'read' | 'update' | 'manageScimTokens'>({
  name: 'sso',
  noun: 'setting',
  view: isSignedIn,
  actions: {
    read: isAdmin,
    update: isAdmin,
    manageScimTokens: isAdmin,
  },
});
