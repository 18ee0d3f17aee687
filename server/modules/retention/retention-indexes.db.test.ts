import { randomBytes } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { cloneDatabase, dropDatabase, openDatabase } from '../../db/client.ts';
import type { Database, Transaction } from '../../db/client.ts';
import {
  listExpiredPrivateNotes,
  listExpiredPrivatePrep,
  listExpiredTalkingPoints,
} from './retention-purge.repository.ts';

/*
 * The retention pass runs its queries every day on every instance, and usually finds nothing to
 * delete. Each must read one range of its index (migration 0017), never the whole table, on both
 * engines: on SQLite the plan has no SCAN and no sort; on PostgreSQL, told to avoid sequential
 * scans, it uses the index (so the partial index's condition matches the query as it is sent).
 */

const CUTOFF = '2024-01-01T00:00:00.000Z';

describe('the retention pass reads its indexes', () => {
  let url: string;
  let database: Database;
  let last: { sql: string; parameters: readonly unknown[] } | null = null;

  beforeAll(async () => {
    url = await cloneDatabase(
      inject('templateUrl'),
      `trajectory_retention_${randomBytes(5).toString('hex')}`,
    );
    // One connection, so a setting made before EXPLAIN applies to it.
    database = await openDatabase(url, {
      poolSize: 1,
      onQuery: (query) => {
        last = query;
      },
    });
  });
  afterAll(async () => {
    await database.close();
    await dropDatabase(url);
  });

  async function planOf(list: (trx: Transaction) => Promise<unknown>): Promise<string> {
    await list(database.db);
    const query = last;
    if (!query) throw new Error('no query ran');
    if (database.engine === 'sqlite') {
      const plan = await database.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      return plan.rows.map((row) => row.detail).join('\n');
    }
    return database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (costs off) ${query.sql}`, [...query.parameters]),
      );
      return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  const cases = [
    {
      what: 'private prep answers',
      index: 'prep_answers_retention_idx',
      list: (trx: Transaction) => listExpiredPrivatePrep(trx, CUTOFF, 500),
    },
    {
      what: 'private notes',
      index: 'private_notes_retention_idx',
      list: (trx: Transaction) => listExpiredPrivateNotes(trx, CUTOFF, 500),
    },
    {
      what: "managers' talking points",
      index: 'manager_preps_retention_idx',
      list: (trx: Transaction) => listExpiredTalkingPoints(trx, CUTOFF, 500),
    },
  ];

  for (const { what, index, list } of cases)
    it(`finds expired ${what} through ${index}`, async () => {
      const plan = await planOf(list);
      expect(plan).toContain(index);
      if (database.engine === 'sqlite') {
        expect(plan).not.toMatch(/\bSCAN\b/);
        expect(plan).not.toContain('TEMP B-TREE');
      }
    });
});
