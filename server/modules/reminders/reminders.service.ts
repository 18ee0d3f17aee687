import { yieldToRequests } from '../../background/yield.ts';
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
import {
  listCadenceTokens,
  listEngineers,
  listEngineersAfter,
  listPeopleByIds,
} from '../cadence/cadence-history.repository.ts';
import type { EngineerRow, PersonNameRow } from '../cadence/cadence-history.repository.ts';
import { readCadencePolicy } from '../cadence/cadence-settings.service.ts';
import { loadSnapshots, loadTimedSnapshots } from '../cadence/cadence-snapshots.ts';
import type { EngineerSnapshot } from '../cadence/cadence-snapshots.ts';
import { listSummaryVersions } from '../conversations/conversation-record.repository.ts';
import { listRecentHandoverNotes } from '../contracts/contract-handovers.repository.ts';
import { findConversation } from '../conversations/conversations.repository.ts';
import { enqueueMessage } from '../outbox/outbox.service.ts';
import type { OutgoingMessage } from '../outbox/outbox.service.ts';
import { composeDigest, composeHandoverNotice, composeReminder } from './reminder-mail.ts';
import type { ComposedMail, MailParty } from './reminder-mail.ts';
import {
  HANDOVER_LOOKBACK_MS,
  digestFor,
  digestKeyAt,
  digestPartOf,
  plannedHandoverNotices,
  plannedReminders,
} from './reminder-rules.ts';
import type { DigestPart } from './reminder-rules.ts';
import {
  findExistingKeys,
  findIsLinkOnly,
  listDisabledReminders,
  listPreferencesChangedSince,
} from './reminders.repository.ts';

/*
 * The reminder scheduler: derives reminders and calendar invites from the cadence engine and
 * queues them in the outbox under keys that name each one, so any number of instances can run it
 * at any time and each message is queued once; the outbox sweeper then sends it once. It has no
 * timer of its own: main.ts calls `tick()` on an interval, tests call it with the clock they set.
 */

/** A cancellation goes to calendars that got the invite for this long after it was cancelled. */
const CANCEL_WINDOW_MS = 30 * DAY_MS;

export interface TickResult {
  /** Messages this call added to the outbox (another instance may have added the rest). */
  queued: number;
  /** Engineers whose facts this call read: those changed or due a state change since last time. */
  engineersRead: number;
}

/**
 * What the tick last made of one engineer (ADR 110). It holds until their cadence token or the
 * policy changes, they or their manager change a reminder choice, or their obligations' next
 * state change comes; until then a visit would queue nothing new. (A move to another manager
 * changes the token, or, when dated ahead, is the obligations' next change.)
 */
interface Visit {
  token: number | null;
  policyKey: string;
  untilMs: number;
  digest: DigestPart;
}

/** Choices changed this long before the last tick began are still looked at (clocks of instances differ). */
const CHOICES_MARGIN_MS = MINUTE_MS;

/** Engineers per batch of a reminder pass (docs/performance.md). */
const TICK_BATCH = 100;

/** Managers whose digest is looked at between two turns for waiting requests. */
const DIGEST_MANAGERS_PER_TURN = 250;

export function createReminderScheduler(deps: {
  database: Database;
  clock: Clock;
  config: Config;
  logger: Logger;
  mailer: Mailer;
  /** Engineers per page of a pass (tests use small pages to go through several). */
  pageSize?: number;
}) {
  const { database, clock, config, logger, mailer, pageSize = TICK_BATCH } = deps;
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

  /** Queues the reminders and invitations the snapshots call for now. */
  async function syncSnapshots(
    snapshots: readonly EngineerSnapshot[],
    now: Date,
    options: { onlyConversationId?: string } = {},
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

  /** Each manager's weekly digest, once a week, while they have late items (from the kept visits). */
  async function syncDigests(
    engineers: readonly EngineerRow[],
    visits: ReadonlyMap<string, Visit>,
    now: Date,
  ): Promise<number> {
    const today = toIsoDate(now);
    const byManager = new Map<string, EngineerRow[]>();
    for (const engineer of engineers) {
      const team = byManager.get(engineer.managerId);
      if (team) team.push(engineer);
      else byManager.set(engineer.managerId, [engineer]);
    }
    const due: { managerId: string; key: string; digest: ReturnType<typeof digestFor> }[] = [];
    let looked = 0;
    for (const [managerId, reports] of byManager) {
      if (++looked % DIGEST_MANAGERS_PER_TURN === 0) await yieldToRequests();
      const key = digestKeyAt(managerId, reports[0]?.managerTimezone ?? 'UTC', now);
      // This week's digest already in the outbox: nothing to compose until the key changes.
      if (!key || digestsQueued.get(managerId) === key) continue;
      reports.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      const digest = digestFor(
        managerId,
        reports.flatMap((r) => {
          const visit = visits.get(r.id);
          return visit ? [{ engineerName: r.name, part: visit.digest }] : [];
        }),
        today,
        config.baseUrl,
      );
      if (digest.lines.length + digest.overdueCommitments > 0) due.push({ managerId, key, digest });
    }
    if (due.length === 0) return 0;
    const ids = due.map((d) => d.managerId);
    const people = new Map((await listPeopleByIds(db, ids)).map((p) => [p.id, p]));
    const disabled = await listDisabledReminders(db, ids);
    const existing = await findExistingKeys(
      db,
      due.map((d) => d.key),
    );
    let queued = 0;
    for (const { managerId, key, digest } of due) {
      const manager = people.get(managerId);
      if (!manager?.isActive || disabled.get(managerId)?.has('weekly_digest')) continue;
      if (!existing.has(key)) {
        const mail = composeDigest({ manager, ...digest, baseUrl: config.baseUrl });
        queued += await queueMail(key, manager, mail, now);
      }
      digestsQueued.set(managerId, key);
    }
    return queued;
  }

  /** Engineers the tick has visited, and each manager's digest key last found queued (one a week). */
  const visits = new Map<string, Visit>();
  const digestsQueued = new Map<string, string>();
  let lastTickStartedAt: Date | null = null;

  /**
   * One pass over everyone, reading only the engineers a visit could give something new (ADR 110);
   * a process's first pass reads everyone. Goes a page of engineers at a time: memory stays
   * bounded and requests are served between pages.
   */
  async function tickEveryone(): Promise<TickResult> {
    const now = clock.now();
    const policy = await readCadencePolicy(db);
    const policyKey = JSON.stringify(policy);
    const today = toIsoDate(now);
    const choicesChanged = lastTickStartedAt
      ? await listPreferencesChangedSince(
          db,
          new Date(lastTickStartedAt.getTime() - CHOICES_MARGIN_MS).toISOString(),
        )
      : new Set<string>();
    const nowMs = now.getTime();
    let queued = 0;
    let engineersRead = 0;
    const engineers: EngineerRow[] = [];
    const listed = new Set<string>();
    // Pages of everyone in id order; the digest gathers each manager's team from them at the end.
    let after: string | null = null;
    for (;;) {
      await yieldToRequests();
      const batch = await listEngineersAfter(db, after, pageSize, today);
      if (batch.length === 0) break;
      after = batch.at(-1)?.id ?? null;
      engineers.push(...batch);
      for (const engineer of batch) listed.add(engineer.id);
      const tokens = await listCadenceTokens(
        db,
        batch.map((e) => e.id),
      );
      const stale = batch.filter((engineer) => {
        const visit = visits.get(engineer.id);
        return (
          !visit ||
          visit.token !== (tokens.get(engineer.id) ?? null) ||
          visit.policyKey !== policyKey ||
          nowMs >= visit.untilMs ||
          choicesChanged.has(engineer.id) ||
          choicesChanged.has(engineer.managerId)
        );
      });
      if (stale.length === 0) continue;
      const snapshots = await loadTimedSnapshots(db, stale, policy, now, 'open');
      queued += await syncSnapshots(snapshots, now);
      engineersRead += snapshots.length;
      for (const snapshot of snapshots) {
        const { engineer } = snapshot;
        visits.set(engineer.id, {
          token: tokens.get(engineer.id) ?? null,
          policyKey,
          untilMs: snapshot.obligationsUntilMs,
          digest: digestPartOf(snapshot),
        });
      }
    }
    // Everyone listed now has a visit, so only more visits than people listed means someone left.
    if (visits.size > listed.size)
      for (const id of visits.keys()) if (!listed.has(id)) visits.delete(id);
    queued += await syncDigests(engineers, visits, now);
    // Only a pass that went through counts: after a failed one, the same choices are read again.
    lastTickStartedAt = now;
    return { queued, engineersRead };
  }

  let running: Promise<TickResult> | null = null;

  return {
    /**
     * Queues every reminder, invite, digest and handover notice now due. Concurrent calls share
     * the pass. Kept state is this process's own: another instance's tick reads for itself, and
     * the outbox's keys keep each message to one.
     */
    tick(): Promise<TickResult> {
      running ??= (async () => {
        const result = await tickEveryone();
        return { ...result, queued: result.queued + (await syncHandoverNotices(clock.now())) };
      })().finally(() => {
        running = null;
      });
      return running;
    },

    /**
     * Right after a conversation changes (scheduled, rescheduled, cancelled, held, summary sent),
     * queues what follows for its pair instead of waiting for the next tick. Never throws: the
     * next tick catches up with anything a failure here left out (the change gave the engineer a
     * new token, so the tick reads them again).
     */
    async syncConversation(conversationId: string): Promise<void> {
      try {
        const conversation = await findConversation(db, conversationId);
        if (!conversation) return;
        const now = clock.now();
        const engineers = await listEngineers(
          db,
          { kind: 'people', ids: [conversation.engineerId] },
          toIsoDate(now),
        );
        const policy = await readCadencePolicy(db);
        const snapshots = await loadSnapshots(db, engineers, policy, now, { commitments: 'none' });
        await syncSnapshots(snapshots, now, { onlyConversationId: conversationId });
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
