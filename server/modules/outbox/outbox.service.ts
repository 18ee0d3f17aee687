import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { HOUR_MS, MINUTE_MS } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../../mail/mailer.ts';
import {
  claimMessage,
  insertMessage,
  listClaimable,
  markFailed,
  markSent,
} from './outbox.repository.ts';

export interface OutgoingMessage {
  /** Unique per logical message (e.g. `prep:<conversationId>:<personId>`): enqueueing twice sends once. */
  dedupeKey: string;
  kind: string;
  recipientId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * Writes a message to the outbox inside the caller's transaction, so it is sent if and only if the
 * change that caused it commits. Returns false when the dedupe key was already used.
 */
export async function enqueueMessage(
  trx: Transaction,
  message: OutgoingMessage,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  return insertMessage(trx, {
    id: randomUUID(),
    dedupe_key: message.dedupeKey,
    kind: message.kind,
    recipient_id: message.recipientId,
    to_address: message.to,
    subject: message.subject,
    text_body: message.text,
    html_body: message.html ?? null,
    ical_method: message.calendar?.method ?? null,
    ical_body: message.calendar?.content ?? null,
    created_at: at,
    available_at: at,
    lease_owner: null,
    lease_expires_at: null,
    sent_at: null,
    last_error: null,
  });
}

/** Back-off after the nth failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** attempts, HOUR_MS);
}

export interface SweepResult {
  sent: number;
  failed: number;
}

/**
 * Sends due outbox messages. Each sweeper has its own owner id; a message is sent by whichever
 * sweeper wins its lease, and retried with back-off when the SMTP server refuses or is down.
 * Delivery is at-least-once only across a crash between sending and recording: the Message-ID is
 * the dedupe key, so mail systems can drop such a duplicate.
 */
export function createOutboxSweeper(deps: {
  database: Database;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  owner?: string;
  batchSize?: number;
  leaseMs?: number;
}) {
  const { database, mailer, clock, logger } = deps;
  const owner = deps.owner ?? randomUUID();
  const batchSize = deps.batchSize ?? 50;
  const leaseMs = deps.leaseMs ?? 5 * MINUTE_MS;
  let running: Promise<SweepResult> | null = null;

  async function sweepOnce(): Promise<SweepResult> {
    const result: SweepResult = { sent: 0, failed: 0 };
    const now = clock.now();
    const ids = await listClaimable(database.db, now.toISOString(), batchSize);
    for (const id of ids) {
      const message = await claimMessage(
        database.db,
        id,
        owner,
        clock.now().toISOString(),
        new Date(clock.now().getTime() + leaseMs).toISOString(),
      );
      if (!message) continue;
      try {
        await mailer.send({
          to: message.toAddress,
          subject: message.subject,
          text: message.textBody,
          ...(message.htmlBody ? { html: message.htmlBody } : {}),
          ...(message.icalBody && message.icalMethod
            ? { calendar: { method: message.icalMethod, content: message.icalBody } }
            : {}),
          messageId: message.dedupeKey,
        });
        await markSent(database.db, message.id, owner, clock.now().toISOString());
        result.sent += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await markFailed(
          database.db,
          message.id,
          owner,
          new Date(clock.now().getTime() + retryDelayMs(message.attempts)).toISOString(),
          reason,
        );
        logger.warn(
          {
            messageId: message.id,
            kind: message.kind,
            attempts: message.attempts + 1,
            err: reason,
          },
          'mail delivery failed; will retry',
        );
        result.failed += 1;
      }
    }
    return result;
  }

  return {
    owner,
    /** One pass over due messages; concurrent calls share the pass in progress. */
    sweep(): Promise<SweepResult> {
      running ??= sweepOnce().finally(() => {
        running = null;
      });
      return running;
    },
    /** Waits for a pass in progress (used when shutting down). */
    async drain(): Promise<void> {
      await running;
    },
  };
}

export type OutboxSweeper = ReturnType<typeof createOutboxSweeper>;
