import { cadencePolicySchema, defaultCadencePolicy } from '../../../shared/cadence/cadence.ts';
import type { CadencePolicy } from '../../../shared/cadence/cadence.ts';
import type { CadenceSettings, UpdateCadencePolicy } from '../../../shared/schemas/cadence.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize, requirePerson } from '../../policies/authorize.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { cadenceSettingsPolicy } from './cadence.policy.ts';
import { findCadenceSettings, upsertCadenceSettings } from './cadence-settings.repository.ts';

/**
 * The organisation's cadence policy: the stored one, or DESIGN §3's defaults. A stored value that
 * no longer passes the schema (a bound tightened by an upgrade) falls back field by field.
 */
export async function readCadencePolicy(db: Transaction): Promise<CadencePolicy> {
  const row = await findCadenceSettings(db);
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
    const row = await findCadenceSettings(db);
    return {
      policy: await readCadencePolicy(db),
      defaults: defaultCadencePolicy,
      updatedAt: row?.updatedAt ?? null,
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

    /** Replaces the policy (people team and admins; 403 for anyone else). Audited without values. */
    async updateCadencePolicy(actor: Actor, input: UpdateCadencePolicy): Promise<CadenceSettings> {
      authorize(actor, cadenceSettingsPolicy, 'update', null);
      const person = requirePerson(actor);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await upsertCadenceSettings(trx, {
          policyJson: JSON.stringify(cadencePolicySchema.parse(input)),
          at: now.toISOString(),
          by: person.id,
        });
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
      });
      return getCadenceSettings(actor);
    },
  };
}

export type CadenceSettingsService = ReturnType<typeof createCadenceSettingsService>;
