import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoDate } from '../clock.ts';
import { passwordWeakness } from '../modules/auth/passwords.ts';
import { listLinesOfReport, listManagerChain } from '../modules/people/people.repository.ts';
import { createPersonSchema } from '../../shared/schemas/people.ts';
import { createTestHarness } from '../test/harness.ts';
import type { TestHarness } from '../test/harness.ts';
import { DEMO_PEOPLE, demoEmailOf } from './demo-people.ts';
import { DEMO_PASSWORD, demoAccounts, demoSignInHelp, seedDemoOrganization } from './seed.ts';
import type { DemoSeedResult } from './seed.ts';
import { seedDemoPlacements } from './seed-careers.ts';
import { seedDemoHistory } from './seed-history.ts';

describe('the demo organisation', () => {
  let t: TestHarness;
  let seeded: DemoSeedResult;
  let today: string;
  /** Current manager chain of every demo person, nearest first. */
  const chains = new Map<string, string[]>();

  beforeAll(async () => {
    t = await createTestHarness();
    seeded = await seedDemoOrganization(t.database, t.clock);
    today = toIsoDate(t.clock.now());
    for (const id of seeded.personIds.values())
      chains.set(id, await listManagerChain(t.db, id, today));
  });
  afterAll(() => t.close());

  const idOf = (key: string) => {
    const id = seeded.personIds.get(key);
    if (!id) throw new Error(`no demo person ${key}`);
    return id;
  };

  it('creates about thirty active people with valid directory fields', async () => {
    expect(seeded.isCreated).toBe(true);
    const people = await t.db.selectFrom('people').selectAll().execute();
    expect(people.length).toBeGreaterThanOrEqual(25);
    expect(people.length).toBeLessThanOrEqual(35);
    expect(people.every((person) => person.is_active)).toBe(true);
    expect(new Set(people.map((person) => person.team)).size).toBeGreaterThanOrEqual(4);
    for (const person of DEMO_PEOPLE) {
      const parsed = createPersonSchema.safeParse({
        name: person.name,
        email: demoEmailOf(person),
        title: person.title,
        team: person.team,
        timezone: person.timezone,
      });
      expect(parsed.success, person.key).toBe(true);
    }
  });

  it('has three levels of management above the engineers', () => {
    const depths = [...chains.values()].map((chain) => chain.length);
    expect(Math.max(...depths)).toBe(3);
    const managersAtLevel = (level: number) =>
      new Set([...chains.values()].flatMap((chain) => chain.slice(level - 1, level)));
    expect(managersAtLevel(1).size).toBeGreaterThanOrEqual(4);
    expect(managersAtLevel(2).size).toBeGreaterThanOrEqual(2);
    expect(managersAtLevel(3).size).toBe(1);
  });

  it('gives everyone but the two people at the top a manager, without cycles', () => {
    const topLevel = [...seeded.personIds.entries()]
      .filter(([, id]) => chains.get(id)?.length === 0)
      .map(([key]) => key)
      .sort();
    expect(topLevel).toEqual(['adaeze', 'marta']);
    for (const [id, chain] of chains) {
      expect(chain).not.toContain(id);
      expect(new Set(chain).size).toBe(chain.length);
      const top = chain.at(-1);
      if (top) expect(chains.get(top)).toEqual([]);
    }
  });

  it('keeps reporting history for people who changed manager', async () => {
    const lines = await listLinesOfReport(t.db, idOf('sofia'));
    expect(lines.map((line) => line.managerName)).toEqual(['Aisha Rahman', 'Tomás Oliveira']);
    expect(lines[0]?.endsOn).toBeNull();
    expect(lines[1]?.endsOn).toBe(lines[0]?.startsOn);
    let changedManager = 0;
    for (const id of seeded.personIds.values())
      if ((await listLinesOfReport(t.db, id)).length > 1) changedManager += 1;
    expect(changedManager).toBeGreaterThanOrEqual(2);
  });

  it('lets each printed account sign in with the printed password', async () => {
    const help = demoSignInHelp('http://localhost:4242');
    expect(help).toContain('http://localhost:4242');
    expect(help).toContain(DEMO_PASSWORD);
    for (const account of demoAccounts()) {
      expect(help).toContain(account.email);
      const response = await t
        .agent()
        .post<{ person: { isAdmin: boolean; email: string } }>('/api/sessions', {
          email: account.email,
          password: DEMO_PASSWORD,
        });
      expect(response.status, account.email).toBe(201);
      expect(response.body.person.email).toBe(account.email);
      expect(response.body.person.isAdmin).toBe(account.role === 'admin');
    }
  });

  it('gives the printed manager reports and the printed engineer a manager', () => {
    const roles = new Map(demoAccounts().map((account) => [account.role, account.key]));
    const managerId = idOf(roles.get('manager') ?? '');
    const engineerId = idOf(roles.get('engineer') ?? '');
    const leaderId = idOf(roles.get('leader') ?? '');
    expect(chains.get(engineerId)?.[0]).toBe(managerId);
    expect([...chains.values()].filter((chain) => chain[0] === leaderId).length).toBeGreaterThan(1);
    expect([...chains.values()].filter((chain) => chain[1] === leaderId).length).toBeGreaterThan(3);
  });

  it('uses a password the product itself would accept', () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(15);
    for (const account of demoAccounts())
      expect(passwordWeakness(DEMO_PASSWORD, account)).toBeNull();
  });

  it('closes first-run setup and leaves an existing organisation alone', async () => {
    const setup = await t.agent().get<{ isSetupNeeded: boolean }>('/api/setup');
    expect(setup.body.isSetupNeeded).toBe(false);
    const again = await seedDemoOrganization(t.database, t.clock);
    expect(again.isCreated).toBe(false);
    expect(again.personIds).toEqual(seeded.personIds);
    const count = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(DEMO_PEOPLE.length);
  });

  it('places the engineers and managers on the built-in framework, once', async () => {
    const placed = await seedDemoPlacements(t.database, t.clock, seeded.personIds);
    expect(placed).toBeGreaterThanOrEqual(25);
    expect(await seedDemoPlacements(t.database, t.clock, seeded.personIds)).toBe(0);
    const sofia = await (
      await t.agentFor({ id: idOf('sofia'), email: '', name: '' })
    ).get<{ current: { level: { code: string } } | null }>(
      `/api/people/${idOf('sofia')}/placements`,
    );
    expect(sofia.status).toBe(200);
    expect(sofia.body.current?.level.code).toBe('IC3');
  });

  it('gives the demo two years of conversations and a living contract, once', async () => {
    const held = await seedDemoHistory(t.database, t.clock, seeded.personIds);
    expect(held).toBeGreaterThan(100);
    expect(await seedDemoHistory(t.database, t.clock, seeded.personIds)).toBe(0);

    const asSofia = await t.agentFor({ id: idOf('sofia'), email: '', name: '' });
    const contracts = await asSofia.get<{ items: { id: string; status: string }[] }>(
      `/api/people/${idOf('sofia')}/contracts`,
    );
    expect(contracts.status).toBe(200);
    const active = contracts.body.items.find((c) => c.status === 'active');
    expect(active).toBeDefined();
    const contract = await asSofia.get<{
      agreedVersion: number | null;
      versions: { caveat: string; goals: unknown[] }[];
      commitments: unknown[];
      checkIns: unknown[];
    }>(`/api/contracts/${active?.id ?? ''}`);
    expect(contract.status).toBe(200);
    expect(contract.body.agreedVersion).toBe(1);
    expect(contract.body.versions[0]?.goals).toHaveLength(2);
    expect(contract.body.versions[0]?.caveat).toMatch(/promotion panel/);
    expect(contract.body.commitments).toHaveLength(3);
    expect(contract.body.checkIns).toHaveLength(1);

    const asAisha = await t.agentFor({ id: idOf('aisha'), email: '', name: '' });
    const home = await asAisha.get<{ upcomingConversations: unknown[] }>('/api/home');
    expect(home.status).toBe(200);
    expect(home.body.upcomingConversations.length).toBeGreaterThan(0);
    const timeline = await asSofia.get<{ items: { type: string }[] }>(
      `/api/people/${idOf('sofia')}/timeline`,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.some((item) => item.type === 'conversation')).toBe(true);
  });
});
