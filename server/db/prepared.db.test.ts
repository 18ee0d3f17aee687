import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness } from '../test/harness.ts';
import type { TestHarness, TestPerson } from '../test/harness.ts';
import { preparedQuery } from './prepared.ts';

/*
 * A prepared query is built and compiled once per database and then only binds values: the same
 * answers as the query builder gives, on both engines, inside and outside a transaction.
 */

describe('preparedQuery', () => {
  let t: TestHarness;
  let ada: TestPerson;
  let grace: TestPerson;
  let builds = 0;

  const activePerson = preparedQuery((db, p: { id: string; since: string }) => {
    builds += 1;
    return db
      .selectFrom('people')
      .select(['id', 'name', 'is_active'])
      .where('id', '=', p.id)
      .where('is_active', '=', true)
      .where(sql<boolean>`created_at <= ${p.since}`);
  });

  beforeAll(async () => {
    t = await createTestHarness();
    ada = await t.buildPerson({ name: 'Ada Byron' });
    grace = await t.buildPerson({ name: 'Grace Hopper' });
  });
  afterAll(() => t.close());

  it('binds fresh values on every run, keeping the values the query holds itself', async () => {
    const since = '2999-01-01';
    expect(await activePerson.first(t.db, { id: ada.id, since })).toEqual({
      id: ada.id,
      name: 'Ada Byron',
      is_active: true,
    });
    expect(await activePerson.all(t.db, { id: grace.id, since })).toEqual([
      { id: grace.id, name: 'Grace Hopper', is_active: true },
    ]);
    expect(await activePerson.first(t.db, { id: ada.id, since: '1900-01-01' })).toBeUndefined();
    expect(builds).toBe(1);
  });

  it('runs inside a transaction, reading its uncommitted writes, without building again', async () => {
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('people')
          .set({ name: 'Ada Lovelace' })
          .where('id', '=', ada.id)
          .execute();
        const row = await activePerson.first(trx, { id: ada.id, since: '2999-01-01' });
        expect(row?.name).toBe('Ada Lovelace');
        throw new Error('roll back');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'roll back') throw error;
      });
    expect((await activePerson.first(t.db, { id: ada.id, since: '2999-01-01' }))?.name).toBe(
      'Ada Byron',
    );
    expect(builds).toBe(1);
  });

  it('refuses a placeholder turned into text while building', async () => {
    const spliced = preparedQuery((db, p: { id: string }) =>
      db
        .selectFrom('people')
        .select('id')
        .where(sql.raw<boolean>(`id = '${p.id}'`)),
    );
    await expect(spliced.all(t.db, { id: ada.id })).rejects.toThrow('"id" was used as text');
  });

  it('refuses a missing or null value rather than matching nothing', async () => {
    await expect(
      activePerson.first(t.db, { id: null as unknown as string, since: '2999-01-01' }),
    ).rejects.toThrow('no value for "id"');
    await expect(
      activePerson.all(t.db, { id: ada.id } as { id: string; since: string }),
    ).rejects.toThrow('no value for "since"');
  });
});
