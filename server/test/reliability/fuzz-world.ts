import type { Agent, TestHarness, TestPerson } from '../harness.ts';
import {
  buildCast,
  completeConversation,
  createWhatMatters,
  scheduleConversation,
  validWhatMatters,
} from '../../modules/conversations/conversations.fixtures.ts';
import type { Role } from '../../modules/conversations/conversations.fixtures.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Ids the fuzzer may put in paths and bodies: every id any response has shown so far. */
export class IdPool {
  private readonly seen = new Set<string>();
  private list: string[] = [];

  /** Adds every UUID found anywhere in a response body. */
  harvest(value: unknown): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    for (const match of text.matchAll(UUID)) {
      const id = match[0].toLowerCase();
      if (!this.seen.has(id)) {
        this.seen.add(id);
        this.list.push(id);
      }
    }
  }

  ids = (): readonly string[] => this.list;
}

export interface FuzzWorld {
  people: Record<Exclude<Role, 'anonymous'>, TestPerson>;
  agents: Record<Role, Agent>;
  pool: IdPool;
  /** A fresh session for a signed-in role (after the fuzzer signed it out or deactivated it). */
  refresh(role: Exclude<Role, 'anonymous'>): Promise<Agent>;
  /** Undoes what random writes may have done to the cast itself (deactivation, lost admin rights). */
  heal(): Promise<void>;
}

/**
 * The organisation the fuzzer works in: the conversations cast (leader, two managers, an engineer
 * and a peer, an admin), a scheduled and a held conversation with notes and action items, What
 * Matters, the default framework — then every id the list operations show.
 */
export async function createFuzzWorld(t: TestHarness): Promise<FuzzWorld> {
  const { people, agents } = await buildCast(t);
  const pool = new IdPool();
  for (const person of Object.values(people)) pool.harvest(person.id);
  const held = await scheduleConversation(agents.manager, people.engineer.id);
  const upcoming = await scheduleConversation(agents.manager, people.engineer.id, {
    startsAt: '2026-04-10T14:00:00Z',
    kind: 'promotion',
  });
  pool.harvest([held, upcoming]);
  pool.harvest(
    await agents.engineer.post(`/api/conversations/${held.id}/action-items`, {
      owner: 'engineer',
      text: 'Write the design doc',
    }),
  );
  await completeConversation(agents.manager, held.id);
  pool.harvest(await createWhatMatters(agents.engineer, validWhatMatters));
  pool.harvest((await agents.admin.get('/api/frameworks')).body);
  pool.harvest((await agents.admin.post('/api/scim-tokens', { name: 'Fuzz' })).body);

  const signedIn = Object.keys(people) as Exclude<Role, 'anonymous'>[];
  return {
    people,
    agents,
    pool,
    async refresh(role) {
      agents[role] = await t.agentFor(people[role]);
      return agents[role];
    },
    async heal() {
      // One statement that changes only what a write actually undid: most calls touch no row,
      // so the change markers stay quiet and no commit per person is paid on PostgreSQL.
      const adminId = people.admin.id;
      await t.db
        .updateTable('people')
        .set((eb) => ({
          is_active: true,
          deactivated_at: null,
          is_admin: eb.case().when('id', '=', adminId).then(true).else(false).end(),
        }))
        .where(
          'id',
          'in',
          signedIn.map((role) => people[role].id),
        )
        .where((eb) =>
          eb.or([
            eb('is_active', '=', false),
            eb('deactivated_at', 'is not', null),
            eb.and([eb('id', '=', adminId), eb('is_admin', '=', false)]),
            eb.and([eb('id', '!=', adminId), eb('is_admin', '=', true)]),
          ]),
        )
        .execute();
    },
  };
}
