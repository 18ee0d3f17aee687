import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, toIsoDate } from '../../clock.ts';
import { openDatabase } from '../../db/client.ts';
import { generateOrganisation } from '../../demo/synthetic/generate.ts';
import type { PersonActor } from '../../policies/actor.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { createCoverageService } from './coverage.service.ts';
import type { CoverageService } from './coverage.service.ts';
import { listTeams } from './coverage-groups.repository.ts';
import { createCoverageGroupsService } from './coverage-groups.service.ts';
import type { CoverageGroupsService } from './coverage-groups.service.ts';

/*
 * The materialised dashboard (ADR 091) must show exactly what a fresh computation shows: for
 * every kind of viewer, as time passes with no writes, and after writes of every kind made
 * straight in the database (the triggers see every code path).
 */

const NOW = new Date('2026-03-02T09:00:00.000Z');

describe('the materialised coverage dashboard', () => {
  let t: TestHarness;
  let fresh: CoverageService;
  let materialised: CoverageService;
  let groups: CoverageGroupsService;
  const viewers: { name: string; actor: PersonActor }[] = [];

  const person = (id: string, flags: Partial<PersonActor> = {}): PersonActor => ({
    kind: 'person',
    id,
    isAdmin: false,
    isPeopleTeam: false,
    ...flags,
  });

  beforeAll(async () => {
    t = await createTestHarness();
    t.clock.set(NOW);
    const generated = await generateOrganisation(t.database, {
      people: 100,
      seed: 'materialised',
      now: NOW,
      years: 2,
    });
    const { sample } = generated;
    fresh = createCoverageService({ database: t.database, clock: t.clock });
    groups = createCoverageGroupsService({ database: t.database, clock: t.clock });
    materialised = createCoverageService({
      database: t.database,
      clock: t.clock,
      coverageGroups: groups,
    });
    const leader = await t.db
      .selectFrom('reporting_lines')
      .select('manager_id')
      .where('report_id', '=', sample.managerIds[0] ?? '')
      .where('ends_on', 'is', null)
      .executeTakeFirstOrThrow();
    viewers.push(
      {
        name: 'the people team',
        actor: person(sample.peopleTeamId, { isPeopleTeam: true, isAdmin: true }),
      },
      { name: 'a leader of managers', actor: person(leader.manager_id) },
      { name: 'a manager of a team', actor: person(sample.managerIds[0] ?? '') },
    );
  }, 120_000);
  afterAll(() => t.close());

  async function expectSame(when: string, withPeople = true): Promise<void> {
    for (const { name, actor } of viewers) {
      const expected = await fresh.getCoverage(actor, {});
      const actual = await materialised.getCoverage(actor, {});
      expect(actual, `${name}, ${when}`).toEqual(expected);
      expect(await materialised.getOrgHealth(actor), `${name}, ${when}`).toEqual(
        await fresh.getOrgHealth(actor),
      );
      for (const group of withPeople ? expected.groups.slice(0, 2) : []) {
        const people = await fresh
          .listGroupPeople(actor, group.key, {})
          .catch((e: Error) => e.name);
        expect(
          await materialised.listGroupPeople(actor, group.key, {}).catch((e: Error) => e.name),
          `${name}, ${when}, group ${group.label}`,
        ).toEqual(people);
      }
    }
  }

  it('equals a fresh computation for every kind of viewer', async () => {
    await expectSame('right after generation');
  }, 300_000);

  it('pages the teams and their heatmap rows, keeping totals and trend whole', async () => {
    const actor = viewers[0]?.actor;
    if (!actor) throw new Error('no viewer');
    const whole = await fresh.getCoverage(actor, {});
    const pages = [];
    for (let offset = 0; offset < whole.groups.length; offset += 4)
      pages.push(await materialised.getCoverage(actor, { offset, limit: 4 }));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((p) => p.groups)).toEqual(whole.groups);
    expect(pages.flatMap((p) => p.heatmap.rows)).toEqual(whole.heatmap.rows);
    for (const page of pages) {
      expect(page.groupsTotal).toBe(whole.groups.length);
      expect(page.totals).toEqual(whole.totals);
      expect(page.trend).toEqual(whole.trend);
    }
  });

  it('stays equal as due dates pass, days go by and a month turns, with no writes', async () => {
    for (const step of [HOUR_MS, 2 * DAY_MS, 9 * DAY_MS, 25 * DAY_MS, 40 * DAY_MS]) {
      t.clock.set(new Date(t.clock.now().getTime() + step));
      await expectSame(`at ${t.clock.now().toISOString()}`, false);
    }
  }, 600_000);

  it('stays equal after writes of every kind, whichever code path makes them', async () => {
    const now = t.clock.now().toISOString();
    const today = now.slice(0, 10);
    const booked = await t.db
      .selectFrom('conversations')
      .select(['id', 'engineer_id', 'manager_id'])
      .where('status', 'in', ['proposed', 'confirmed'])
      .orderBy('id')
      .limit(3)
      .execute();
    for (const c of booked)
      await t.db
        .updateTable('conversations')
        .set({ status: 'completed', completed_at: now, updated_at: now })
        .where('id', '=', c.id)
        .execute();
    const [first, second, third] = booked;
    if (!first || !second || !third) throw new Error('no booked conversations');
    await t.db
      .insertInto('summary_versions')
      .values({
        id: randomUUID(),
        conversation_id: first.id,
        version: 1,
        discussed: 'x',
        goals: 'x',
        manager_actions: 'x',
        engineer_actions: 'x',
        next_check_in_on: null,
        sent_at: now,
        sent_by: first.manager_id,
      })
      .execute();
    await t.db
      .insertInto('action_items')
      .values({
        id: randomUUID(),
        conversation_id: second.id,
        engineer_id: second.engineer_id,
        manager_id: second.manager_id,
        owner: 'manager',
        text: 'x',
        due_on: today,
        is_done: false,
        done_at: null,
        created_by: second.manager_id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await expectSame('after held conversations, a summary and a commitment');

    // One engineer's commitment kept and another's plan paused: the refresh reads those two
    // engineers' facts again and keeps their teammates' figures (ADR 104).
    const kept = await t.db
      .selectFrom('action_items')
      .select(['id', 'engineer_id'])
      .where('is_done', '=', false)
      .where('owner', '=', 'manager')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('action_items')
      .set({ is_done: true, done_at: now, updated_at: now })
      .where('id', '=', kept.id)
      .execute();
    const paused = await t.db
      .selectFrom('contracts')
      .select(['id', 'engineer_id'])
      .where('status', '=', 'active')
      .where('engineer_id', '!=', kept.engineer_id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('contracts')
      .set({ status: 'paused', updated_at: now })
      .where('id', '=', paused.id)
      .execute();
    const refreshed = await groups.refresh();
    expect(refreshed.teams).toBeGreaterThan(0);
    expect(refreshed.engineers).toBe(2);
    await expectSame('after a commitment kept and a plan paused');

    // A move to another team today, and someone leaving.
    const [moving, newManager] = [third.engineer_id, viewers[2]?.actor.id ?? ''];
    await t.db
      .updateTable('reporting_lines')
      .set({ ends_on: today })
      .where('report_id', '=', moving)
      .where('ends_on', 'is', null)
      .execute();
    await t.db
      .insertInto('reporting_lines')
      .values({
        id: randomUUID(),
        report_id: moving,
        manager_id: newManager,
        starts_on: today,
        ends_on: null,
        created_at: now,
        created_by: null,
      })
      .execute();
    await t.db
      .updateTable('people')
      .set({ is_active: false, deactivated_at: now })
      .where('id', '=', first.engineer_id)
      .execute();
    await expectSame('after a move and a departure');

    // A move scheduled for next week takes effect when the day comes, with no write that day.
    const scheduled = second.engineer_id;
    const nextWeek = new Date(t.clock.now().getTime() + 7 * DAY_MS).toISOString().slice(0, 10);
    await t.db
      .updateTable('reporting_lines')
      .set({ ends_on: nextWeek })
      .where('report_id', '=', scheduled)
      .where('ends_on', 'is', null)
      .execute();
    await t.db
      .insertInto('reporting_lines')
      .values({
        id: randomUUID(),
        report_id: scheduled,
        manager_id: newManager,
        starts_on: nextWeek,
        ends_on: null,
        created_at: now,
        created_by: null,
      })
      .execute();
    await expectSame('with a move scheduled');
    t.clock.set(new Date(t.clock.now().getTime() + 8 * DAY_MS));
    await expectSame('after the scheduled move');

    // A stricter policy moves every due date.
    await t.db
      .insertInto('cadence_settings')
      .values({
        id: 'organization',
        policy: JSON.stringify({ quarterlyEveryDays: 60, initialWithinDays: 7 }),
        updated_at: now,
        updated_by: null,
      })
      .execute();
    await expectSame('after a policy change');
  }, 600_000);

  it('keeps the organisation’s teams between requests until any instance writes them', async () => {
    const everyone = { kind: 'everyone' } as const;
    const today = () => toIsoDate(t.clock.now());
    const first = await groups.listTeams(everyone);
    expect(await groups.listTeams(everyone)).toBe(first);
    expect(Object.isFrozen(first[0])).toBe(true);

    // Another instance (its own service, its own connection) refreshes after a write.
    const connection = await openDatabase(t.url, { poolSize: 2 });
    const other = createCoverageGroupsService({ database: connection, clock: t.clock });
    const conversation = await t.db
      .selectFrom('conversations')
      .select('id')
      .where('status', 'in', ['proposed', 'confirmed'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('conversations')
      .set({ status: 'completed', completed_at: t.clock.now().toISOString() })
      .where('id', '=', conversation.id)
      .execute();
    expect((await other.refresh()).teams).toBeGreaterThan(0);
    await connection.close();

    const after = await groups.listTeams(everyone);
    expect(after).not.toBe(first);
    expect(after).toEqual(await listTeams(t.db, everyone, today()));
    expect(after).not.toEqual(first);
  }, 120_000);
});
