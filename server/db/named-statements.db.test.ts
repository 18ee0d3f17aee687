import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, openDatabase, recreatePostgresDatabase } from './client.ts';
import type { Database } from './client.ts';

/**
 * On PostgreSQL each query is a named statement, parsed once per connection (ADR 103); a query
 * that reads every column stays unnamed, so a column added while the server runs cannot break it.
 */
const isPostgres = process.env.TEST_DB_ENGINE === 'postgres';
const opened: { database: Database; url: string }[] = [];

async function freshPostgres(): Promise<Database> {
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = `/trajectory_named_${randomBytes(5).toString('hex')}`;
  await recreatePostgresDatabase(url.toString());
  const database = await openDatabase(url.toString(), { poolSize: 1 });
  opened.push({ database, url: url.toString() });
  return database;
}

afterAll(async () => {
  for (const { database, url } of opened) {
    await database.close();
    await dropDatabase(url);
  }
});

describe.runIf(isPostgres)('named statements on PostgreSQL', () => {
  it('keeps a query prepared on its connection, under one name', async () => {
    const { db } = await freshPostgres();
    await sql`create table notes (id integer primary key, body text not null)`.execute(db);
    await sql`insert into notes values (1, 'one'), (2, 'two')`.execute(db);
    const read = (id: number) =>
      sql<{ body: string }>`select body from notes where id = ${id}`.execute(db);
    expect((await read(1)).rows).toEqual([{ body: 'one' }]);
    expect((await read(2)).rows).toEqual([{ body: 'two' }]);
    const prepared = await sql<{ statement: string }>`
      select statement from pg_prepared_statements where statement like ${'%from notes where%'}
    `.execute(db);
    expect(prepared.rows.map((row) => row.statement)).toEqual([
      'select body from notes where id = $1',
    ]);
  });

  it('answers select * after a column is added on the same connection', async () => {
    const { db } = await freshPostgres();
    await sql`create table notes (id integer primary key, body text not null)`.execute(db);
    await sql`insert into notes values (1, 'one')`.execute(db);
    const readAll = () => db.selectFrom(sql.table('notes').as('n')).selectAll().execute();
    expect(await readAll()).toEqual([{ id: 1, body: 'one' }]);
    await sql`alter table notes add column pinned boolean not null default false`.execute(db);
    expect(await readAll()).toEqual([{ id: 1, body: 'one', pinned: false }]);
  });
});
