import { yieldToRequests } from '../../background/yield.ts';
import type {
  RetentionPassCounts,
  RetentionSettings,
  UpdateRetentionSettings,
} from '../../../shared/schemas/retention.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { requireBaseVersion, StaleVersionError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, requirePerson } from '../../policies/authorize.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { retentionPolicy } from './retention.policy.ts';
import {
  deletePrepAnswers,
  deletePrivateNotes,
  listExpiredPrivateNotes,
  listExpiredPrivatePrep,
  listExpiredTalkingPoints,
  listFormerEmployeesDue,
  removeFormerEmployeeContent,
  stripTalkingPoints,
} from './retention-purge.repository.ts';
import { findRetentionSettings, saveRetentionSettingsIfVersion } from './retention.repository.ts';

/** Rows per transaction for private reflections; people per query for former employees. */
const REFLECTION_BATCH = 500;
const PEOPLE_BATCH = 50;

/**
 * `months` calendar months before `now` (UTC), on the same day or the month's last day when it
 * is shorter: 31 March minus one month is 28 or 29 February.
 */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now);
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

export function createRetentionService({ database, clock }: { database: Database; clock: Clock }) {
  const { db } = database;

  async function readSettings(trx: Transaction): Promise<RetentionSettings> {
    const row = await findRetentionSettings(trx);
    return {
      privateReflectionsMonths: row?.privateReflectionsMonths ?? null,
      formerEmployeesMonths: row?.formerEmployeesMonths ?? null,
      updatedAt: row?.updatedAt ?? null,
      updatedBy:
        row?.updatedById && row.updatedByName
          ? { id: row.updatedById, name: row.updatedByName }
          : null,
      version: row?.version ?? 0,
    };
  }

  /** Deletes, batch by batch, what `list` finds; each batch commits on its own. */
  async function inBatches(
    list: (trx: Transaction) => Promise<string[]>,
    remove: (trx: Transaction, ids: string[]) => Promise<number>,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      await yieldToRequests();
      const removed = await db.transaction().execute(async (trx) => {
        const ids = await list(trx);
        return { found: ids.length, removed: ids.length ? await remove(trx, ids) : 0 };
      });
      total += removed.removed;
      if (removed.found < REFLECTION_BATCH) return total;
    }
  }

  return {
    /** The retention periods (admins; 403 for anyone else signed in). */
    async getSettings(actor: Actor): Promise<RetentionSettings> {
      authorize(actor, retentionPolicy, 'read', null);
      return readSettings(db);
    },

    /**
     * Saves the periods (admins). Compare-and-set on `baseVersion` (ADR 080): 428 without it,
     * StaleVersionError (409, with the current settings) when stale. Audited without values.
     */
    async updateSettings(actor: Actor, input: UpdateRetentionSettings): Promise<RetentionSettings> {
      authorize(actor, retentionPolicy, 'update', null);
      const person = requirePerson(actor);
      const expected = requireBaseVersion(input.baseVersion);
      const now = clock.now();
      const isSaved = await db.transaction().execute(async (trx) => {
        const saved = await saveRetentionSettingsIfVersion(
          trx,
          {
            privateReflectionsMonths: input.privateReflectionsMonths,
            formerEmployeesMonths: input.formerEmployeesMonths,
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
            action: 'retention_settings.update',
            targetType: 'retention_settings',
            targetId: null,
            subjectPersonId: null,
            decision: 'allow',
          },
          now,
        );
        return true;
      });
      if (!isSaved) {
        const current = await readSettings(db);
        throw new StaleVersionError(
          `Someone changed the retention periods since you opened them (now version ${current.version}).`,
          current,
        );
      }
      return readSettings(db);
    },

    /**
     * The retention pass (background work, the system actor only): deletes private reflections
     * older than their period and the content of people deactivated longer than theirs, in
     * batches, each batch in its own transaction. Records one audit event with the counts.
     */
    async runPass(actor: Actor): Promise<RetentionPassCounts> {
      authorize(actor, retentionPolicy, 'runPass', null);
      const now = clock.now();
      const at = now.toISOString();
      const settings = await readSettings(db);
      const counts: RetentionPassCounts = {
        privateReflections: 0,
        formerEmployees: 0,
        rowsDeleted: 0,
        rowsStripped: 0,
      };

      if (settings.privateReflectionsMonths !== null) {
        const cutoff = monthsBefore(now, settings.privateReflectionsMonths).toISOString();
        const prep = await inBatches(
          (trx) => listExpiredPrivatePrep(trx, cutoff, REFLECTION_BATCH),
          deletePrepAnswers,
        );
        const notes = await inBatches(
          (trx) => listExpiredPrivateNotes(trx, cutoff, REFLECTION_BATCH),
          deletePrivateNotes,
        );
        const points = await inBatches(
          (trx) => listExpiredTalkingPoints(trx, cutoff, REFLECTION_BATCH),
          stripTalkingPoints,
        );
        counts.privateReflections = prep + notes + points;
        counts.rowsDeleted += prep + notes;
        counts.rowsStripped += points;
      }

      if (settings.formerEmployeesMonths !== null) {
        const cutoff = monthsBefore(now, settings.formerEmployeesMonths).toISOString();
        for (;;) {
          const due = await listFormerEmployeesDue(db, cutoff, PEOPLE_BATCH);
          // One transaction per person: their content goes all at once or not at all.
          for (const personId of due) {
            await yieldToRequests();
            const removed = await db
              .transaction()
              .execute((trx) => removeFormerEmployeeContent(trx, personId, at));
            counts.formerEmployees += 1;
            counts.rowsDeleted += removed.deleted;
            counts.rowsStripped += removed.stripped;
          }
          if (due.length < PEOPLE_BATCH) break;
        }
      }

      await db.transaction().execute((trx) =>
        recordAuditEvent(
          trx,
          {
            actor,
            action: 'retention.pass',
            targetType: 'retention',
            targetId: null,
            subjectPersonId: null,
            decision: 'allow',
            reason: `private reflections ${counts.privateReflections}; former employees ${counts.formerEmployees}; rows deleted ${counts.rowsDeleted}; rows stripped ${counts.rowsStripped}`,
          },
          now,
        ),
      );
      return counts;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
