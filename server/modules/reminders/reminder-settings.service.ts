import { REMINDER_KINDS } from '../../../shared/schemas/cadence.ts';
import type {
  MailSettings,
  OutboxList,
  ReminderPreferences,
  UpdateMailSettings,
  UpdateReminderPreferences,
} from '../../../shared/schemas/cadence.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { requireBaseVersion, StaleVersionError } from '../../errors.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Actor } from '../../policies/actor.ts';
import { abilitiesOf, authorize, requirePerson } from '../../policies/authorize.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { CONTENT_KIND_SUFFIX } from './reminder-mail.ts';
import { mailSettingsPolicy, outboxPolicy, ownRemindersPolicy } from './reminders.policy.ts';
import {
  countOutbox,
  findMailSettings,
  listDisabledReminders,
  listOutboxMessages,
  saveMailSettingsIfVersion,
  upsertReminderPreference,
} from './reminders.repository.ts';

const OUTBOX_PAGE = 200;

export function createReminderSettingsService(deps: {
  database: Database;
  clock: Clock;
  mailer: Mailer;
}) {
  const { database, clock, mailer } = deps;
  const { db } = database;

  async function preferencesOf(personId: string): Promise<ReminderPreferences> {
    const disabled = (await listDisabledReminders(db, [personId])).get(personId) ?? new Set();
    return { items: REMINDER_KINDS.map((kind) => ({ kind, isEnabled: !disabled.has(kind) })) };
  }

  async function mailSettings(actor: Actor): Promise<MailSettings> {
    const { isLinkOnly, version } = await findMailSettings(db);
    return {
      isLinkOnly,
      isSmtpConfigured: mailer.isConfigured,
      version,
      abilities: { update: abilitiesOf(actor, mailSettingsPolicy, null).update },
    };
  }

  return {
    /** Which reminders the actor gets (all of them until they turn some off). */
    async getReminderPreferences(actor: Actor): Promise<ReminderPreferences> {
      authorize(actor, ownRemindersPolicy, 'view', null);
      return preferencesOf(requirePerson(actor).id);
    },

    /** Turns the actor's reminders on or off, kind by kind; kinds not mentioned stay as they are. */
    async updateReminderPreferences(
      actor: Actor,
      input: UpdateReminderPreferences,
    ): Promise<ReminderPreferences> {
      authorize(actor, ownRemindersPolicy, 'update', null);
      const person = requirePerson(actor);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        for (const kind of REMINDER_KINDS) {
          const isEnabled = input[kind];
          if (isEnabled !== undefined)
            await upsertReminderPreference(trx, { personId: person.id, kind, isEnabled, at });
        }
      });
      return preferencesOf(person.id);
    },

    /** Whether mail is link-only, and whether SMTP is configured (admins; 403 otherwise). */
    async getMailSettings(actor: Actor): Promise<MailSettings> {
      authorize(actor, mailSettingsPolicy, 'read', null);
      return mailSettings(actor);
    },

    /**
     * Makes all mail link-only, or lets the pair's own summary travel in mail to the pair (admins).
     * Compare-and-set on `baseVersion` (ADR 080): 428 without it, StaleVersionError (409, with the
     * current setting) when someone saved first.
     */
    async updateMailSettings(actor: Actor, input: UpdateMailSettings): Promise<MailSettings> {
      authorize(actor, mailSettingsPolicy, 'update', null);
      const person = requirePerson(actor);
      const expected = requireBaseVersion(input.baseVersion);
      const now = clock.now();
      const isSaved = await db.transaction().execute(async (trx) => {
        const saved = await saveMailSettingsIfVersion(
          trx,
          { isLinkOnly: input.isLinkOnly, at: now.toISOString(), by: person.id },
          expected,
        );
        if (!saved) return false;
        await recordAuditEvent(
          trx,
          {
            actor,
            action: 'mail_settings.update',
            targetType: 'mail_settings',
            targetId: null,
            subjectPersonId: null,
            decision: 'allow',
            reason: input.isLinkOnly ? 'link-only on' : 'link-only off',
          },
          now,
        );
        return true;
      });
      if (!isSaved) {
        const current = await mailSettings(actor);
        throw new StaleVersionError(
          `Someone changed the mail setting since you opened it (now version ${current.version}).`,
          current,
        );
      }
      return mailSettings(actor);
    },

    /**
     * The newest outbox messages for the admin page: recipient, kind, subject, state. A body is
     * shown only when it carries links alone; one with a pair's summary shows as withheld.
     */
    async listOutbox(
      actor: Actor,
      query: { status: 'all' | 'unsent' | 'sent' },
    ): Promise<OutboxList> {
      authorize(actor, outboxPolicy, 'read', null);
      const [rows, counts] = await Promise.all([
        listOutboxMessages(db, { status: query.status, limit: OUTBOX_PAGE }),
        countOutbox(db),
      ]);
      return {
        isSmtpConfigured: mailer.isConfigured,
        counts,
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          to: row.toAddress,
          recipient:
            row.recipientId && row.recipientName
              ? { id: row.recipientId, name: row.recipientName }
              : null,
          subject: row.subject,
          body: row.kind.endsWith(CONTENT_KIND_SUFFIX) ? null : row.textBody,
          status: row.sentAt ? 'sent' : row.attempts > 0 ? 'retrying' : 'queued',
          attempts: row.attempts,
          lastError: row.lastError,
          createdAt: row.createdAt,
          sentAt: row.sentAt,
        })),
      };
    },
  };
}

export type ReminderSettingsService = ReturnType<typeof createReminderSettingsService>;
