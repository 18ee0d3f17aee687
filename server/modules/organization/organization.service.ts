import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { requireBaseVersion, StaleVersionError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize } from '../../policies/authorize.ts';
import { organizationPolicy } from './organization.policy.ts';
import { findOrganization, updateOrganizationNameIfVersion } from './organization.repository.ts';

export function createOrganizationService({
  database,
  clock,
}: {
  database: Database;
  clock: Clock;
}) {
  return {
    /** The organisation's name and the actor's abilities on it; 401 for the anonymous. */
    async getOrganization(actor: Actor) {
      authorize(actor, organizationPolicy, 'view', null);
      const organization = await findOrganization(database.db);
      return {
        name: organization?.name ?? '',
        version: organization?.version ?? 0,
        abilities: { update: abilitiesOf(actor, organizationPolicy, null).update },
      };
    },

    /**
     * Renames the organisation; admins only (403 otherwise). Compare-and-set on `baseVersion`
     * (ADR 080): 428 without it, StaleVersionError (409, with the current one) when stale.
     */
    async updateOrganization(actor: Actor, input: { name: string; baseVersion?: number }) {
      authorize(actor, organizationPolicy, 'update', null);
      const expected = requireBaseVersion(input.baseVersion);
      const isSaved = await database.db.transaction().execute(async (trx) => {
        if (!(await updateOrganizationNameIfVersion(trx, input.name, expected))) return false;
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'organization.update',
            targetType: 'organization',
            targetId: null,
            subjectPersonId: null,
            decision: 'allow',
            reason: 'name',
          },
          clock.now(),
        );
        return true;
      });
      if (!isSaved) {
        const current = await this.getOrganization(actor);
        throw new StaleVersionError(
          `Someone changed the organisation since you opened it (now version ${current.version}).`,
          current,
        );
      }
      return this.getOrganization(actor);
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
