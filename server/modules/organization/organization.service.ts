import type { Database } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize } from '../../policies/authorize.ts';
import { organizationPolicy } from './organization.policy.ts';
import { findOrganization, updateOrganizationName } from './organization.repository.ts';

export function createOrganizationService({ database }: { database: Database }) {
  return {
    /** The organisation's name and the actor's abilities on it; 401 for the anonymous. */
    async getOrganization(actor: Actor) {
      authorize(actor, organizationPolicy, 'view', null);
      const organization = await findOrganization(database.db);
      return {
        name: organization?.name ?? '',
        abilities: { update: abilitiesOf(actor, organizationPolicy, null).update },
      };
    },

    /** Renames the organisation; admins only (403 otherwise). */
    async updateOrganization(actor: Actor, input: { name: string }) {
      authorize(actor, organizationPolicy, 'update', null);
      await updateOrganizationName(database.db, input.name);
      return this.getOrganization(actor);
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
