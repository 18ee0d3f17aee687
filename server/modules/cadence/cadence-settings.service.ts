import { cadencePolicySchema, defaultCadencePolicy } from '../../../shared/cadence/cadence.ts';
import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import type { CadenceSettings, UpdateCadencePolicy } from '../../../shared/schemas/cadence.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { requireBaseVersion, StaleVersionError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize, requirePerson } from '../../policies/authorize.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { cadenceSettingsPolicy } from './cadence.policy.ts';
import {
  findCadenceSettings,
  saveCadenceSettingsIfVersion,
} from './cadence-settings.repository.ts';
import type { CadenceSettingsRow } from './cadence-settings.repository.ts';

/**
 * The organisation's cadence policy: the stored one, or DESIGN §3's defaults. A stored value that
 * no longer passes the schema (a bound tightened by an upgrade) falls back field by field.
 */
export async function readCadencePolicy(db: Transaction): Promise<CadencePolicy> {
  return policyOf(await findCadenceSettings(db));
}

/** The policy a stored row holds, read as readCadencePolicy describes. */
function policyOf(row: CadenceSettingsRow | undefined): CadencePolicy {
  if (!row) return defaultCadencePolicy;
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(row.policyJson) as Record<string, unknown>;
  } catch {
    return defaultCadencePolicy;
  }
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(cadencePolicySchema.shape)) {
    const parsed = schema.safeParse(stored[key]);
    result[key] = parsed.success ? parsed.data : schema.parse(undefined);
  }
  return cadencePolicySchema.parse(result);
}

export function createCadenceSettingsService({
  database,
  clock,
}: {
  database: Database;
  clock: Clock;
}) {
  const { db } = database;

  async function getCadenceSettings(actor: Actor): Promise<CadenceSettings> {
    authorize(actor, cadenceSettingsPolicy, 'view', null);
    // One read, so the policy shown and the version a save will name belong together.
    const row = await findCadenceSettings(db);
    return {
      policy: policyOf(row),
      defaults: defaultCadencePolicy,
      updatedAt: row?.updatedAt ?? null,
      version: row?.version ?? 0,
      updatedBy:
        row?.updatedById && row.updatedByName
          ? { id: row.updatedById, name: row.updatedByName }
          : null,
      abilities: abilitiesOf(actor, cadenceSettingsPolicy, null),
    };
  }

  return {
    /** The policy everyone is held to, with the defaults beside it. */
    getCadenceSettings,

    /**
     * Replaces the policy (people team and admins; 403 for anyone else). Audited without values.
     * Compare-and-set on `baseVersion` (ADR 080): 428 without it, StaleVersionError (409, with the
     * current settings) when someone saved first.
     */
    async updateCadencePolicy(actor: Actor, input: UpdateCadencePolicy): Promise<CadenceSettings> {
      authorize(actor, cadenceSettingsPolicy, 'update', null);
      const person = requirePerson(actor);
      const { baseVersion, ...policy } = input;
      const expected = requireBaseVersion(baseVersion);
      const now = clock.now();
      const isSaved = await db.transaction().execute(async (trx) => {
        const saved = await saveCadenceSettingsIfVersion(
          trx,
          {
            policyJson: JSON.stringify(cadencePolicySchema.parse(policy)),
            at: now.toISOString(),
            by: person.id,
          },
          expected,
        );
        if (!saved) return false;
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'cadence_policy.update',
            targetType: 'cadence_policy',
            targetId: null,
            subjectPersonId: null,
            decision: 'allow',
          },
          now,
        );
        return true;
      });
      if (!isSaved) {
        const current = await getCadenceSettings(actor);
        throw new StaleVersionError(
          `Someone changed the cadence policy since you opened it (now version ${current.version}).`,
          current,
        );
      }
      return getCadenceSettings(actor);
    },
  };
}

export type CadenceSettingsService = ReturnType<typeof createCadenceSettingsService>;
