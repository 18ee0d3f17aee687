import { definePolicy } from '../../policies/authorize.ts';
import { isAdmin, isSignedIn } from '../../policies/predicates.ts';

/** SCIM bearer tokens: admins create, list and revoke them. */
export const scimTokenPolicy = definePolicy<null, 'list' | 'create' | 'revoke'>({
  name: 'scim-token',
  noun: 'SCIM token',
  view: isSignedIn,
  actions: { list: isAdmin, create: isAdmin, revoke: isAdmin },
});
