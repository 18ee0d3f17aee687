import { yieldToRequests } from '../../background/yield.ts';
import type { Obligation } from '../../../shared/cadence/cadence.ts';
import type { SummaryFields } from '../../../shared/schemas/conversations.ts';
import { formatStartInZone } from '../../../shared/schemas/conversations.ts';
import type { Clock } from '../../clock.ts';
import { DAY_MS, MINUTE_MS, toIsoDate } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { conversationEvent, partyFromAddress } from '../calendar/invites.ts';
import { listInviteFacts } from '../calendar/invites.repository.ts';
import type { InviteFactsRow } from '../calendar/invites.repository.ts';
import { buildInvite } from '../calendar/ics.ts';
import { listEngineers, listPeopleByIds } from '../cadence/cadence-history.repository.ts';
import type { EngineerScope, PersonNameRow } from '../cadence/cadence-history.repository.ts';
import { readCadencePolicy } from '../cadence/cadence-settings.service.ts';
import { loadSnapshots } from '../cadence/cadence-snapshots.ts';
import type { EngineerSnapshot } from '../cadence/cadence-snapshots.ts';
import { listSummaryVersions } from '../conversations/conversation-record.repository.ts';
import { listRecentHandoverNotes } from '../contracts/contract-handovers.repository.ts';
import { findConversation } from '../conversations/conversations.repository.ts';
import { enqueueMessage } from '../outbox/outbox.service.ts';
import type { OutgoingMessage } from '../outbox/outbox.service.ts';
import { composeDigest, composeHandoverNotice, composeReminder } from './reminder-mail.ts';
import type { ComposedMail, DigestLine, MailParty } from './reminder-mail.ts';
import {
  HANDOVER_LOOKBACK_MS,
  digestKeyAt,
  plannedHandoverNotices,
  plannedReminders,
} from './reminder-rules.ts';
import { findExistingKeys, findIsLinkOnly, listDisabledReminders } from './reminders.repository.ts';

/*
 * The reminder scheduler: derives reminders and calendar invites from the cadence engine and
 * queues them in the outbox under keys that name each one, so any number of instances can run it
 * at any time and each message is queued once; the outbox sweeper then sends it once. It has no
 * timer of its own: main.ts calls `tick()` on an interval, tests call it with the clock they set.
 */

const DIGEST_WHAT: Partial<Record<Obligation['kind'], string>> = {
  initial_conversation: 'first conversation overdue',
  quarterly_conversation: 'quarterly review overdue',
  annual_conversation: 'full career conversation overdue',
  summary: 'summary not sent',
};
/** A cancellation goes to calendars that got the invite for this long after it was cancelled. */
const CANCEL_WINDOW_MS = 30 * DAY_MS;

export interface TickResult {
  /** Messages this call added to the outbox (another instance may have added the rest). */
  queued: number;
}

/** Engineers per batch of a reminder pass (docs/performance.md). */
const TICK_BATCH = 100;

/** Splits engineers into batches of about `size`, never splitting one manager's team. */
export function teamBatches<T extends { managerId: string }>(
  engineers: readonly T[],
  size: number,
): T[][] {
  const teams = new Map<string, T[]>();
  for (const engineer of engineers) {
    const team = teams.get(engineer.managerId);
    if (team) team.push(engineer);
    else teams.set(engineer.managerId, [engineer]);
  }
  const batches: T[][] = [];
  let current: T[] = [];
  for (const team of teams.values()) {
    if (current.length > 0 && current.length + team.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...team);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function createReminderScheduler(deps: {
  database: Database;
  clock: Clock;
  config: Config;
  logger: Logger;
  mailer: Mailer;
}) {
  const { database, clock, config, logger, mailer } = deps;
  const { db } = database;
  const organizer = partyFromAddress(config.mailFrom);

  async function queue(message: OutgoingMessage, now: Date): Promise<number> {
    const isNew = await enqueueMessage(db, message, now);
    if (isNew && !mailer.isConfigured)
      logger.info(
        { kind: message.kind, recipientId: message.recipientId, key: message.dedupeKey },
        'mail queued; SMTP_URL is not set, so it waits in the admin outbox page',
      );
    return isNew ? 1 : 0;
  }

  /** Queues a composed message to one person under its key. */
  function queueMail(
    dedupeKey: string,
    recipient: { id: string; email: string },
    mail: ComposedMail,
    now: Date,
  ): Promise<number> {
    return queue(
      {
        dedupeKey,
        kind: mail.kind,
        recipientId: recipient.id,
        to: recipient.email,
        subject: mail.subject,
        text: mail.text,
      },
      now,
    );
  }

  async function latestSummary(conversationId: string): Promise<SummaryFields | null> {
    const versions = await listSummaryVersions(db, [conversationId]);
    const latest = versions.at(-1);
    return latest
      ? {
          discussed: latest.discussed,
          goals: latest.goals,
          managerActions: latest.managerActions,
          engineerActions: latest.engineerActions,
          nextCheckInOn: latest.nextCheckInOn,
        }
      : null;
  }

  /** Invites (REQUEST) for open conversations and cancellations (CANCEL) for recently cancelled ones. */
  async function syncInvites(
    facts: readonly InviteFactsRow[],
    people: ReadonlyMap<string, PersonNameRow>,
    disabled: ReadonlyMap<string, Set<string>>,
    now: Date,
  ): Promise<number> {
    let queued = 0;
    for (const f of facts) {
      const engineer = people.get(f.engineerId);
      const manager = people.get(f.managerId);
      if (!engineer || !manager) continue;
      const isCancel = f.status === 'cancelled';
      const event = conversationEvent({
        facts: f,
        engineer,
        manager,
        organizer,
        baseUrl: config.baseUrl,
        stampedAt: now,
      });
      for (const recipient of [engineer, manager]) {
        if (!recipient.isActive || disabled.get(recipient.id)?.has('calendar_invites')) continue;
        // This sequence's key and, for a cancellation, the earlier ones: a cancellation only goes
        // to calendars that received the invitation. Exact keys, so the unique index answers.
        const keyOf = (sequence: number) => `invite:${f.id}:${recipient.id}:${sequence}`;
        const key = keyOf(f.sequence);
        const earlier = isCancel ? Array.from({ length: f.sequence }, (_, n) => keyOf(n)) : [];
        const existing = await findExistingKeys(db, [key, ...earlier]);
        if (existing.has(key) || (isCancel && existing.size === 0)) continue;
        const other = recipient.id === engineer.id ? manager : engineer;
        const whenText = formatStartInZone(f.startsAt, recipient.timezone);
        const verb = isCancel ? 'Cancelled' : f.sequence > 0 ? 'Updated' : 'Invitation';
        const invite = buildInvite(event);
        queued += await queue(
          {
            dedupeKey: key,
            kind: isCancel ? 'calendar.cancel' : 'calendar.invite',
            recipientId: recipient.id,
            to: recipient.email,
            subject: `${verb}: career conversation with ${other.name}, ${whenText}`,
            text:
              `${isCancel ? 'This career conversation was cancelled' : 'A career conversation is in your calendar'}: ` +
              `${other.name}, ${whenText}.\n\n${config.baseUrl}/conversations/${f.id}`,
            calendar: invite,
          },
          now,
        );
      }
    }
    return queued;
  }

  /** Queues what the snapshots call for now: reminders, invites and (on a full tick) digests. */
  async function syncSnapshots(
    snapshots: readonly EngineerSnapshot[],
    now: Date,
    options: { withDigests: boolean; onlyConversationId?: string },
  ): Promise<number> {
    const planned = snapshots.flatMap((s) => plannedReminders(s, now));
    const inviteIds = snapshots
      .flatMap((s) => s.conversations)
      .filter((c) => !options.onlyConversationId || c.id === options.onlyConversationId)
      .filter((c) =>
        c.status === 'cancelled'
          ? c.cancelledAt !== null && now.getTime() - Date.parse(c.cancelledAt) < CANCEL_WINDOW_MS
          : (c.status === 'proposed' || c.status === 'confirmed') &&
            Date.parse(c.startsAt) + c.durationMinutes * MINUTE_MS >= now.getTime(),
      )
      .map((c) => c.id);
    const inviteFacts = await listInviteFacts(db, inviteIds);
    const personIds = [
      ...snapshots.flatMap((s) => [s.engineer.id, s.engineer.managerId]),
      ...planned.map((p) => p.recipientId),
      ...inviteFacts.flatMap((f) => [f.engineerId, f.managerId]),
    ];
    const people = new Map((await listPeopleByIds(db, personIds)).map((p) => [p.id, p]));
    const disabled = await listDisabledReminders(db, [...people.keys()]);
    const isLinkOnly = await findIsLinkOnly(db);
    const existing = await findExistingKeys(
      db,
      planned.map((p) => p.dedupeKey),
    );
    const party = (id: string): MailParty | undefined => people.get(id);
    const snapshotOf = new Map(snapshots.map((s) => [s.engineer.id, s]));

    let queued = 0;
    for (const p of planned) {
      const recipient = people.get(p.recipientId);
      if (existing.has(p.dedupeKey) || !recipient?.isActive) continue;
      if (disabled.get(recipient.id)?.has(p.preference)) continue;
      const snapshot = snapshotOf.get(p.engineerId);
      const engineer = party(p.engineerId);
      const managerId =
        'conversation' in p.reminder
          ? p.reminder.conversation.managerId
          : snapshot?.engineer.managerId;
      const manager = managerId ? party(managerId) : undefined;
      if (!engineer || !manager) continue;
      const summary =
        p.reminder.type === 'acknowledgement' && !isLinkOnly
          ? await latestSummary(p.reminder.conversation.id)
          : null;
      const mail = composeReminder({
        reminder: p.reminder,
        recipient,
        engineer,
        manager,
        baseUrl: config.baseUrl,
        isLinkOnly,
        summary,
      });
      queued += await queueMail(p.dedupeKey, recipient, mail, now);
    }

    queued += await syncInvites(inviteFacts, people, disabled, now);

    if (options.withDigests) {
      const byManager = new Map<string, EngineerSnapshot[]>();
      for (const s of snapshots) {
        const list = byManager.get(s.engineer.managerId) ?? [];
        list.push(s);
        byManager.set(s.engineer.managerId, list);
      }
      const today = toIsoDate(now);
      for (const [managerId, reports] of byManager) {
        const manager = people.get(managerId);
        if (!manager?.isActive || disabled.get(managerId)?.has('weekly_digest')) continue;
        const key = digestKeyAt(managerId, manager.timezone, now);
        if (!key || (await findExistingKeys(db, [key])).size > 0) continue;
        const lines: DigestLine[] = reports.flatMap((s) =>
          s.obligations
            .filter((o) => o.state === 'overdue' && o.owner === 'manager' && DIGEST_WHAT[o.kind])
            .filter(
              (o) =>
                o.kind !== 'summary' ||
                s.conversations.find((c) => c.id === o.conversationId)?.managerId === managerId,
            )
            .map((o) => ({
              engineerName: s.engineer.name,
              what: DIGEST_WHAT[o.kind] ?? o.kind,
              dueAt: o.dueAt,
              link: o.conversationId
                ? `${config.baseUrl}/conversations/${o.conversationId}`
                : `${config.baseUrl}/team`,
            })),
        );
        const overdueCommitments = reports
          .flatMap((s) => s.commitments)
          .filter(
            (c) =>
              c.managerId === managerId &&
              c.owner === 'manager' &&
              !c.isDone &&
              c.dueOn !== null &&
              c.dueOn < today,
          ).length;
        if (lines.length + overdueCommitments === 0) continue;
        const mail = composeDigest({ manager, lines, overdueCommitments, baseUrl: config.baseUrl });
        queued += await queueMail(key, manager, mail, now);
      }
    }
    return queued;
  }

  /**
   * Tells the engineer when a handover note about them is written, and their next manager when
   * they may read it (ADR 106): once each, by key, links only.
   */
  async function syncHandoverNotices(now: Date): Promise<number> {
    const nowMs = now.getTime();
    // Notes written within the look-back, or whose change took effect within the last week.
    const handovers = await listRecentHandoverNotes(db, {
      since: new Date(nowMs - HANDOVER_LOOKBACK_MS).toISOString(),
      sinceDay: toIsoDate(new Date(nowMs - HANDOVER_LOOKBACK_MS / 2)),
      today: toIsoDate(now),
    });
    const notices = plannedHandoverNotices(handovers, now);
    if (notices.length === 0) return 0;
    const existing = await findExistingKeys(
      db,
      notices.map((n) => n.dedupeKey),
    );
    const people = new Map(
      (
        await listPeopleByIds(
          db,
          notices.flatMap((n) => [n.recipientId, n.handover.engineerId, n.handover.fromManagerId]),
        )
      ).map((p) => [p.id, p]),
    );
    let queued = 0;
    for (const notice of notices) {
      const recipient = people.get(notice.recipientId);
      const engineer = people.get(notice.handover.engineerId);
      const author = people.get(notice.handover.fromManagerId);
      if (existing.has(notice.dedupeKey) || !recipient?.isActive || !engineer || !author) continue;
      const mail = composeHandoverNotice({
        type: notice.type,
        recipient,
        engineer,
        author,
        isShared: notice.handover.releasedAt !== null,
        baseUrl: config.baseUrl,
      });
      queued += await queueMail(notice.dedupeKey, recipient, mail, now);
    }
    return queued;
  }

  async function syncScope(
    scope: EngineerScope,
    options: { withDigests: boolean; onlyConversationId?: string },
  ): Promise<TickResult> {
    const now = clock.now();
    const policy = await readCadencePolicy(db);
    const engineers = await listEngineers(db, scope, toIsoDate(now));
    // A pass over a large organisation goes a few teams at a time (whole teams, for the
    // digests): memory stays bounded and requests are served between batches.
    let queued = 0;
    for (const batch of teamBatches(engineers, TICK_BATCH)) {
      await yieldToRequests();
      const snapshots = await loadSnapshots(db, batch, policy, now, { commitments: 'open' });
      queued += await syncSnapshots(snapshots, now, options);
    }
    return { queued };
  }

  let running: Promise<TickResult> | null = null;

  return {
    /** One pass over everyone: queues every reminder, invite, digest and handover notice now due. Concurrent calls share the pass. */
    tick(): Promise<TickResult> {
      running ??= (async () => {
        const result = await syncScope({ kind: 'everyone' }, { withDigests: true });
        return { queued: result.queued + (await syncHandoverNotices(clock.now())) };
      })().finally(() => {
        running = null;
      });
      return running;
    },

    /**
     * Right after a conversation changes (scheduled, rescheduled, cancelled, held, summary sent),
     * queues what follows for its pair instead of waiting for the next tick. Never throws: the
     * next tick catches up with anything a failure here left out.
     */
    async syncConversation(conversationId: string): Promise<void> {
      try {
        const conversation = await findConversation(db, conversationId);
        if (!conversation) return;
        await syncScope(
          { kind: 'people', ids: [conversation.engineerId] },
          { withDigests: false, onlyConversationId: conversationId },
        );
      } catch (error) {
        logger.warn(
          { conversationId, err: (error as Error).message },
          'could not queue reminders after a change; the next tick will',
        );
      }
    },
  };
}

export type ReminderScheduler = ReturnType<typeof createReminderScheduler>;
