import { randomBytes } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { cloneDatabase, dropDatabase, openDatabase } from '../db/client.ts';
import type { Database, Transaction } from '../db/client.ts';

/**
 * A copy of the test template with one connection that remembers the last statement it ran, to
 * read that statement's query plan: `EXPLAIN QUERY PLAN` on SQLite; on PostgreSQL `EXPLAIN` with
 * sequential scans discouraged, so a usable index shows (a partial index's condition must match
 * the query as it is sent).
 */
export async function openPlanProbe(templateUrl: string, name: string) {
  const url = await cloneDatabase(
    templateUrl,
    `trajectory_${name}_${randomBytes(5).toString('hex')}`,
  );
  let recorded: { sql: string; parameters: readonly unknown[] }[] = [];
  // One connection, so a setting made before EXPLAIN applies to it.
  const database: Database = await openDatabase(url, {
    poolSize: 1,
    onQuery: (query) => {
      recorded.push(query);
    },
  });
  async function planOfQuery(query: {
    sql: string;
    parameters: readonly unknown[];
  }): Promise<string> {
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

  return {
    database,
    /** The plans of the statements `run` executes, one line per step, in the order they ran. */
    async planOf(run: (trx: Transaction) => Promise<unknown>): Promise<string> {
      recorded = [];
      await run(database.db);
      const queries = recorded;
      recorded = [];
      if (queries.length === 0) throw new Error('no query ran');
      const plans: string[] = [];
      for (const query of queries) plans.push(await planOfQuery(query));
      return plans.join('\n');
    },
    async close(): Promise<void> {
      await database.close();
      await dropDatabase(url);
    },
  };
}
