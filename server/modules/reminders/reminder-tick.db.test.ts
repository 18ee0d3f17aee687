import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMINDER_KINDS } from '../../../shared/schemas/cadence.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, toIsoDate } from '../../clock.ts';
import type { Transaction } from '../../db/client.ts';
import { generateOrganisation } from '../../demo/synthetic/generate.ts';
import { createLogger } from '../../logger.ts';
import { createMailer } from '../../mail/mailer.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { listEngineers } from '../cadence/cadence-history.repository.ts';
import { createReminderScheduler } from './reminders.service.ts';
import type { ReminderScheduler } from './reminders.service.ts';

/*
 * The tick reads only the engineers a visit could give something new (ADR 110). Two databases
 * hold the same generated organisation and receive the same writes, made straight in SQL as
 * another instance would make them: one is ticked by a single long-lived scheduler, the other by
 * a new scheduler each time, which reads everyone. Their outboxes must hold the same messages,
 * word for word, at every step.
 */

const NOW = new Date('2026-03-02T09:00:00.000Z');
const logger = createLogger('silent');

describe('the reminder tick reads only what changed', () => {
  let kept: TestHarness;
  let fresh: TestHarness;
  let scheduler: ReminderScheduler;
  let engineerCount = 0;

  // The kept scheduler goes through the organisation in pages of 7, the fresh ones in one page.
  const schedulerOn = (t: TestHarness, pageSize?: number) =>
    createReminderScheduler({
      database: t.database,
      clock: t.clock,
      config: t.config,
      logger,
      mailer: createMailer({ smtpUrl: null, from: t.config.mailFrom, logger }),
      ...(pageSize === undefined ? {} : { pageSize }),
    });

  beforeAll(async () => {
    [kept, fresh] = await Promise.all([createTestHarness(), createTestHarness()]);
    for (const t of [kept, fresh]) {
      t.clock.set(NOW);
      await generateOrganisation(t.database, { people: 60, seed: 'ticks', now: NOW, years: 2 });
    }
    scheduler = schedulerOn(kept, 7);
    engineerCount = (await listEngineers(kept.db, { kind: 'everyone' }, toIsoDate(NOW))).length;
  }, 180_000);
  afterAll(async () => {
    await kept.close();
    await fresh.close();
  });

  const outbox = async (t: TestHarness) =>
    (
      await t.db
        .selectFrom('outbox_messages')
        .select(['dedupe_key', 'recipient_id', 'subject', 'text_body'])
        .orderBy('dedupe_key')
        .execute()
    ).map((row) => `${row.dedupe_key} → ${row.recipient_id}: ${row.subject}\n${row.text_body}`);

  /**
   * Ticks both; their outboxes must agree. Returns how many engineers the kept scheduler read and
   * how many messages the full pass queued.
   */
  async function tickAndCompare(when: string): Promise<{ read: number; queued: number }> {
    const [kept_, full] = await Promise.all([scheduler.tick(), schedulerOn(fresh).tick()]);
    expect(await outbox(kept), when).toEqual(await outbox(fresh));
    return { read: kept_.engineersRead, queued: full.queued };
  }

  const setClocks = (at: Date) => {
    kept.clock.set(at);
    fresh.clock.set(at);
  };
  const advance = (ms: number) => setClocks(new Date(kept.clock.now().getTime() + ms));
  const both = async (write: (db: Transaction) => Promise<unknown>) => {
    await write(kept.db);
    await write(fresh.db);
  };
  const now = () => kept.clock.now().toISOString();

  it('queues what a full pass queues as time passes, reading few engineers after the first pass', async () => {
    expect((await tickAndCompare('first pass')).read).toBe(engineerCount);
    expect((await outbox(kept)).length).toBeGreaterThan(20);
    expect((await tickAndCompare('again at once')).read).toBe(0);
    // Steps of 9 hours over 60 days cross every kind of state change and several Mondays.
    let read = 0;
    const steps = 160;
    for (let step = 0; step < steps; step += 1) {
      advance(9 * HOUR_MS);
      read += (await tickAndCompare(`at ${now()}`)).read;
    }
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan((engineerCount * steps) / 4);
  }, 600_000);

  it('queues what a full pass queues after writes of every kind, whoever makes them', async () => {
    const booked = await kept.db
      .selectFrom('conversations')
      .select(['id', 'engineer_id', 'manager_id', 'starts_at'])
      .where('status', 'in', ['proposed', 'confirmed'])
      .orderBy('id')
      .limit(4)
      .execute();
    const [held, moved, cancelled, committed] = booked;
    if (!held || !moved || !cancelled || !committed)
      throw new Error('not enough booked conversations');
    expect((await tickAndCompare('before the writes')).read).toBe(0);

    /** Turns every reminder of these people off or on, as a change of their choices made `at`. */
    const choose = (people: readonly string[], isEnabled: boolean, at = now()) =>
      both((db) =>
        db
          .insertInto('reminder_preferences')
          .values(
            people.flatMap((person_id) =>
              REMINDER_KINDS.map((kind) => ({
                person_id,
                kind,
                is_enabled: isEnabled,
                updated_at: at,
              })),
            ),
          )
          .onConflict((oc) =>
            oc
              .columns(['person_id', 'kind'])
              .doUpdateSet({ is_enabled: isEnabled, updated_at: at }),
          )
          .execute(),
      );
    const later = async () => {
      advance(10 * MINUTE_MS);
      return tickAndCompare(`at ${now()}`);
    };

    // The pair turn their reminders off; the conversation is held and its summary is owed.
    await choose([held.engineer_id, held.manager_id], false);
    await tickAndCompare('with the pair’s reminders off');
    const heldAt = now();
    await both((db) =>
      db
        .updateTable('conversations')
        .set({ status: 'completed', completed_at: heldAt, updated_at: heldAt })
        .where('id', '=', held.id)
        .execute(),
    );
    expect((await tickAndCompare('after a conversation was held')).queued).toBe(0);
    // Choices are looked at again by one more tick (the margin for clocks); then nothing is read.
    await later();
    expect(await later()).toEqual({ read: 0, queued: 0 });

    // Right after that tick the manager turns theirs back on, on an instance whose clock is half
    // a minute behind. The summary reminder goes out at the next tick, although nothing about the
    // conversation changed and no state change came.
    await choose(
      [held.manager_id],
      true,
      new Date(kept.clock.now().getTime() - 30_000).toISOString(),
    );
    expect((await later()).queued).toBe(1);

    const summary = {
      id: randomUUID(),
      conversation_id: held.id,
      version: 1,
      discussed: 'x',
      goals: 'x',
      manager_actions: 'x',
      engineer_actions: 'x',
      next_check_in_on: null,
      sent_at: now(),
      sent_by: held.manager_id,
    };
    await both((db) => db.insertInto('summary_versions').values(summary).execute());
    expect((await tickAndCompare('after its summary was sent')).queued).toBe(0);
    await later();
    expect(await later()).toEqual({ read: 0, queued: 0 });
    // And so for the engineer's acknowledgement, once they turn theirs back on.
    await choose([held.engineer_id], true);
    expect((await tickAndCompare('after the engineer’s reminders were turned on')).queued).toBe(1);

    const soon = new Date(kept.clock.now().getTime() + 2 * DAY_MS).toISOString();
    const cancelledAt = now();
    await both(async (db) => {
      await db
        .updateTable('conversations')
        .set({ starts_at: soon })
        .where('id', '=', moved.id)
        .execute();
      await db
        .updateTable('conversations')
        .set({ status: 'cancelled', cancelled_at: cancelledAt })
        .where('id', '=', cancelled.id)
        .execute();
    });
    await tickAndCompare('after a reschedule and a cancellation');

    const item = {
      id: randomUUID(),
      conversation_id: committed.id,
      engineer_id: committed.engineer_id,
      manager_id: committed.manager_id,
      owner: 'manager' as const,
      text: 'x',
      due_on: toIsoDate(kept.clock.now()),
      is_done: false,
      done_at: null,
      created_by: committed.manager_id,
      created_at: now(),
      updated_at: now(),
    };
    await both((db) => db.insertInto('action_items').values(item).execute());
    await tickAndCompare('after a commitment was made');

    const moveOn = toIsoDate(kept.clock.now());
    const line = {
      id: randomUUID(),
      report_id: moved.engineer_id,
      manager_id: committed.manager_id,
      starts_on: moveOn,
      ends_on: null,
      created_at: now(),
      created_by: null,
    };
    await both(async (db) => {
      await db
        .updateTable('reporting_lines')
        .set({ ends_on: moveOn })
        .where('report_id', '=', moved.engineer_id)
        .where('ends_on', 'is', null)
        .execute();
      await db.insertInto('reporting_lines').values(line).execute();
    });
    await tickAndCompare('after a move to another manager');

    const policy = {
      id: 'organization',
      policy: JSON.stringify({ quarterlyEveryDays: 60, dueSoonDays: 21 }),
      updated_at: now(),
      updated_by: null,
    };
    await both((db) => db.insertInto('cadence_settings').values(policy).execute());
    expect((await tickAndCompare('after a policy change')).read).toBe(engineerCount);
    for (let step = 0; step < 40; step += 1) {
      advance(11 * HOUR_MS);
      await tickAndCompare(`after the writes, at ${now()}`);
    }
  }, 600_000);
});
