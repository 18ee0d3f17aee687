import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/client.ts';
import { createLogger } from '../../logger.ts';
import { createMailer } from '../../mail/mailer.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { claimMessage, countUnsent, markFailed } from './outbox.repository.ts';
import { createOutboxSweeper, enqueueMessage, retryDelayMs } from './outbox.service.ts';

const logger = createLogger('silent');

describe('mail outbox', () => {
  let t: TestHarness;
  let second: Database;
  beforeAll(async () => {
    t = await createTestHarness();
    second = await openDatabase(t.url, { poolSize: 4 });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const enqueue = (key: string, subject = key) =>
    t.db.transaction().execute((trx) =>
      enqueueMessage(
        trx,
        {
          dedupeKey: key,
          kind: 'test',
          recipientId: null,
          to: 'someone@example.test',
          subject,
          text: `Body of ${subject}`,
        },
        t.clock.now(),
      ),
    );

  it('keeps one message per dedupe key', async () => {
    expect(await enqueue('dedupe-1')).toBe(true);
    expect(await enqueue('dedupe-1', 'a different subject')).toBe(false);
    const sink = await startSmtpSink();
    const sweeper = createOutboxSweeper({
      database: t.database,
      clock: t.clock,
      logger,
      mailer: createMailer({
        smtpUrl: `smtp://127.0.0.1:${sink.port}`,
        from: 'Trajectory <t@example.test>',
        logger,
      }),
    });
    await sweeper.sweep();
    expect(sink.messages.map((m) => m.subject)).toEqual(['dedupe-1']);
    await sink.close();
  });

  it('two instances sweeping at once send every message exactly once', async () => {
    const total = 40;
    for (let i = 0; i < total; i += 1) await enqueue(`race-${i}`);
    const sink = await startSmtpSink();
    const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
    const a = createOutboxSweeper({
      database: t.database,
      clock: t.clock,
      logger,
      owner: 'instance-a',
      batchSize: 7,
      mailer: createMailer({ smtpUrl, from: 't@example.test', logger }),
    });
    const b = createOutboxSweeper({
      database: second,
      clock: t.clock,
      logger,
      owner: 'instance-b',
      batchSize: 7,
      mailer: createMailer({ smtpUrl, from: 't@example.test', logger }),
    });
    let rounds = 0;
    let sentByA = 0;
    let sentByB = 0;
    while ((await countUnsent(t.db)) > 0 && rounds < 50) {
      const [ra, rb] = await Promise.all([a.sweep(), b.sweep()]);
      sentByA += ra.sent;
      sentByB += rb.sent;
      rounds += 1;
    }
    const subjects = sink.messages.map((m) => m.subject ?? '').filter((s) => s.startsWith('race-'));
    expect(subjects).toHaveLength(total);
    expect(new Set(subjects).size).toBe(total);
    expect(sentByA + sentByB).toBe(total);
    expect(sentByA).toBeGreaterThan(0);
    expect(sentByB).toBeGreaterThan(0);
    await sink.close();
  });

  it('retries with back-off while SMTP is down and delivers once when it is back', async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    await enqueue('outage-1');
    const sweeper = createOutboxSweeper({
      database: t.database,
      clock: t.clock,
      logger,
      mailer: createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 't@example.test', logger }),
    });
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 1 });
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 0 });
    const sink = await startSmtpSink(port);
    t.clock.advance(retryDelayMs(0) + 1);
    expect(await sweeper.sweep()).toEqual({ sent: 1, failed: 0 });
    t.clock.advance(retryDelayMs(5));
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 0 });
    expect(sink.messages.filter((m) => m.subject === 'outage-1')).toHaveLength(1);
    await sink.close();
  });

  it('does not let a second sweeper retry a message another one just failed', async () => {
    await enqueue('listed-by-both');
    const row = await t.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('dedupe_key', '=', 'listed-by-both')
      .executeTakeFirstOrThrow();
    // Both sweepers listed it; A claims it first and fails it, setting a later retry.
    const now = t.clock.now().toISOString();
    const lease = new Date(t.clock.now().getTime() + 60_000).toISOString();
    expect(await claimMessage(t.db, row.id, 'sweeper-a', now, lease)).toBeDefined();
    const retryAt = new Date(t.clock.now().getTime() + retryDelayMs(0)).toISOString();
    await markFailed(t.db, row.id, 'sweeper-a', retryAt, 'connection refused');
    // B, working from its earlier list, must not win it before the retry time.
    expect(await claimMessage(second.db, row.id, 'sweeper-b', now, lease)).toBeUndefined();
    expect(await claimMessage(second.db, row.id, 'sweeper-b', retryAt, lease)).toBeDefined();
  });

  it('sends nothing when the enqueueing transaction rolls back', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueMessage(
          trx,
          {
            dedupeKey: 'rolled-back',
            kind: 'test',
            recipientId: null,
            to: 'x@example.test',
            subject: 'never',
            text: 'never',
          },
          t.clock.now(),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const row = await t.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('dedupe_key', '=', 'rolled-back')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  it('doubles from 30 seconds and stops at an hour', () => {
    expect([0, 1, 2].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});
