import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, toIsoDate } from '../../clock.ts';
import { generateOrganisation } from '../../demo/synthetic/generate.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { listEngineers } from './cadence-history.repository.ts';
import { readCadencePolicy } from './cadence-settings.service.ts';
import { createSnapshotCache, loadSnapshots } from './cadence-snapshots.ts';
import type { CommitmentsToLoad, SnapshotCache } from './cadence-snapshots.ts';

/*
 * Snapshots kept between requests (ADR 102) must equal snapshots read afresh: as time passes
 * with no writes (obligations move from upcoming to due to overdue, meetings end) and after
 * writes of every kind made straight in the database, as another instance would make them.
 */

const NOW = new Date('2026-03-02T09:00:00.000Z');

describe('snapshots kept between requests', () => {
  let t: TestHarness;
  let cache: SnapshotCache;

  beforeAll(async () => {
    t = await createTestHarness();
    t.clock.set(NOW);
    await generateOrganisation(t.database, { people: 60, seed: 'kept', now: NOW, years: 2 });
    cache = createSnapshotCache();
  }, 120_000);
  afterAll(() => t.close());

  /** Every engineer's snapshot through the cache equals a fresh one; returns how many were kept. */
  async function expectSame(when: string): Promise<void> {
    const now = t.clock.now();
    const engineers = await listEngineers(t.db, { kind: 'everyone' }, toIsoDate(now));
    const policy = await readCadencePolicy(t.db);
    for (const commitments of ['open', 'none'] satisfies CommitmentsToLoad[]) {
      const expected = await loadSnapshots(t.db, engineers, policy, now, { commitments });
      const actual = await loadSnapshots(t.db, engineers, policy, now, { commitments, cache });
      expect(actual, `${when}, commitments ${commitments}`).toEqual(expected);
    }
  }

  const tokenOf = async (personId: string) =>
    (
      await t.db
        .selectFrom('cadence_marks')
        .select('token')
        .where('person_id', '=', personId)
        .executeTakeFirst()
    )?.token ?? null;

  it('equals a fresh read at every step as time passes, with no writes', async () => {
    await expectSame('right after generation');
    expect(cache.size).toBeGreaterThan(40);
    // Steps of 7 hours over 70 days cross every kind of state change many times over.
    for (let step = 0; step < 240; step += 1) {
      t.clock.set(new Date(t.clock.now().getTime() + 7 * HOUR_MS));
      await expectSame(`at ${t.clock.now().toISOString()}`);
    }
  }, 300_000);

  it('equals a fresh read after writes of every kind, whoever makes them', async () => {
    const now = () => t.clock.now().toISOString();
    const today = () => now().slice(0, 10);
    const booked = await t.db
      .selectFrom('conversations')
      .select(['id', 'engineer_id', 'manager_id', 'starts_at'])
      .where('status', 'in', ['proposed', 'confirmed'])
      .orderBy('id')
      .limit(6)
      .execute();
    const [held, summarised, moved, cancelled, prepared, committed] = booked;
    if (!held || !summarised || !moved || !cancelled || !prepared || !committed)
      throw new Error('not enough booked conversations');
    await expectSame('before the writes');

    await t.db
      .updateTable('conversations')
      .set({ status: 'completed', completed_at: now(), updated_at: now() })
      .where('id', 'in', [held.id, summarised.id])
      .execute();
    await expectSame('after conversations were held');

    await t.db
      .insertInto('summary_versions')
      .values({
        id: randomUUID(),
        conversation_id: summarised.id,
        version: 1,
        discussed: 'x',
        goals: 'x',
        manager_actions: 'x',
        engineer_actions: 'x',
        next_check_in_on: null,
        sent_at: now(),
        sent_by: summarised.manager_id,
      })
      .execute();
    await expectSame('after a summary was sent');
    await t.db
      .insertInto('summary_responses')
      .values({
        id: randomUUID(),
        conversation_id: summarised.id,
        version: 1,
        author_id: summarised.engineer_id,
        kind: 'acknowledged',
        comment: '',
        created_at: now(),
      })
      .execute();
    await expectSame('after the summary was acknowledged');

    await t.db
      .updateTable('conversations')
      .set({ starts_at: new Date(t.clock.now().getTime() + 3 * DAY_MS).toISOString() })
      .where('id', '=', moved.id)
      .execute();
    await t.db
      .updateTable('conversations')
      .set({ status: 'cancelled', cancelled_at: now() })
      .where('id', '=', cancelled.id)
      .execute();
    await expectSame('after a reschedule and a cancellation');

    await t.db.deleteFrom('prep_answers').where('conversation_id', '=', prepared.id).execute();
    await t.db
      .insertInto('prep_answers')
      .values({
        id: randomUUID(),
        conversation_id: prepared.id,
        author_id: prepared.engineer_id,
        prompt_key: 'proud',
        answer: 'x',
        is_shared: false,
        shared_at: null,
        updated_at: now(),
      })
      .execute();
    await t.db.deleteFrom('manager_preps').where('conversation_id', '=', prepared.id).execute();
    await t.db
      .insertInto('manager_preps')
      .values({
        conversation_id: prepared.id,
        author_id: prepared.manager_id,
        has_reviewed_work: true,
        has_assessed_framework: true,
        has_identified_opportunities: true,
        has_talking_points: true,
        talking_points: '',
        updated_at: now(),
      })
      .execute();
    await expectSame('after both sides prepared');

    const item = randomUUID();
    await t.db
      .insertInto('action_items')
      .values({
        id: item,
        conversation_id: committed.id,
        engineer_id: committed.engineer_id,
        manager_id: committed.manager_id,
        owner: 'manager',
        text: 'x',
        due_on: today(),
        is_done: false,
        done_at: null,
        created_by: committed.manager_id,
        created_at: now(),
        updated_at: now(),
      })
      .execute();
    await expectSame('after a commitment was made');
    await t.db
      .updateTable('action_items')
      .set({ is_done: true, done_at: now() })
      .where('id', '=', item)
      .execute();
    await expectSame('after it was kept');

    await t.db
      .updateTable('contracts')
      .set({ last_check_in_at: now(), last_referenced_at: now() })
      .where('engineer_id', '=', committed.engineer_id)
      .execute();
    await t.db
      .updateTable('contracts')
      .set({ status: 'paused' })
      .where('engineer_id', '=', held.engineer_id)
      .where('status', '=', 'active')
      .execute();
    await expectSame('after a plan check-in and a paused plan');

    await t.db
      .updateTable('reporting_lines')
      .set({ ends_on: today() })
      .where('report_id', '=', moved.engineer_id)
      .where('ends_on', 'is', null)
      .execute();
    await t.db
      .insertInto('reporting_lines')
      .values({
        id: randomUUID(),
        report_id: moved.engineer_id,
        manager_id: committed.manager_id,
        starts_on: today(),
        ends_on: null,
        created_at: now(),
        created_by: null,
      })
      .execute();
    await expectSame('after a move to another manager');

    // A move scheduled for next week takes effect when the day comes, with no write that day.
    const nextWeek = toIsoDate(new Date(t.clock.now().getTime() + 7 * DAY_MS));
    await t.db
      .updateTable('reporting_lines')
      .set({ ends_on: nextWeek })
      .where('report_id', '=', prepared.engineer_id)
      .where('ends_on', 'is', null)
      .execute();
    await t.db
      .insertInto('reporting_lines')
      .values({
        id: randomUUID(),
        report_id: prepared.engineer_id,
        manager_id: committed.manager_id,
        starts_on: nextWeek,
        ends_on: null,
        created_at: now(),
        created_by: null,
      })
      .execute();
    await expectSame('with a move scheduled');
    for (const step of [6 * DAY_MS, DAY_MS - HOUR_MS, 2 * HOUR_MS]) {
      t.clock.set(new Date(t.clock.now().getTime() + step));
      await expectSame(`as the scheduled move nears, at ${now()}`);
    }

    await t.db
      .insertInto('cadence_settings')
      .values({
        id: 'organization',
        policy: JSON.stringify({ quarterlyEveryDays: 60, dueSoonDays: 21 }),
        updated_at: now(),
        updated_by: null,
      })
      .execute();
    await expectSame('after a policy change');
  }, 300_000);

  it('keeps the token when only content is written: notes, talking points, item text', async () => {
    const conversation = await t.db
      .selectFrom('conversations')
      .select(['id', 'engineer_id'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const before = await tokenOf(conversation.engineer_id);
    await t.db
      .updateTable('conversations')
      .set({ shared_notes: 'edited', updated_at: t.clock.now().toISOString() })
      .where('id', '=', conversation.id)
      .execute();
    await t.db
      .updateTable('manager_preps')
      .set({ talking_points: 'edited' })
      .where('conversation_id', '=', conversation.id)
      .execute();
    await t.db
      .updateTable('action_items')
      .set({ text: 'edited' })
      .where('conversation_id', '=', conversation.id)
      .execute();
    expect(await tokenOf(conversation.engineer_id)).toBe(before);

    await t.db
      .updateTable('conversations')
      .set({ duration_minutes: 50 })
      .where('id', '=', conversation.id)
      .execute();
    expect(await tokenOf(conversation.engineer_id)).not.toBe(before);
  });
});
