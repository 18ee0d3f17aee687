import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { integrityCheck } from '../test/reliability/crash-ledger.ts';
import { dropDatabase, openDatabase, recreatePostgresDatabase } from './client.ts';
import type { Database } from './client.ts';
import { listMigrationNames, migrateTo } from './migrate.ts';
import { migrationCases } from './migrations.fixtures.ts';

/**
 * Every migration is tested from the previous schema with data (issue 10): a fresh database is
 * migrated to the migration before, each step seeded with its case's rows; then the migration
 * runs and every row must still be there unchanged, new columns must hold their declared values,
 * and the integrity checks must pass. A migration without a case in migrations.fixtures.ts fails.
 */
const engine = process.env.TEST_DB_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const names = listMigrationNames();

interface TableSnapshot {
  columns: string[];
  rows: Record<string, unknown>[];
}

async function snapshot(db: Kysely<unknown>): Promise<Map<string, TableSnapshot>> {
  const tables = await db.introspection.getTables();
  const result = new Map<string, TableSnapshot>();
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(
      db,
    );
    result.set(table.name, { columns: table.columns.map((c) => c.name), rows: rows.rows });
  }
  return result;
}

/** A row as comparable text, limited to the columns given, keys in a fixed order. */
function canonical(row: Record<string, unknown>, columns: readonly string[]): string {
  return JSON.stringify([...columns].sort().map((column) => [column, row[column] ?? null]));
}

let sqliteDir: string | null = null;
const opened: { database: Database; url: string }[] = [];

/** An empty database of the engine under test, dropped after the file. */
async function freshDatabase(): Promise<Database> {
  let url: string;
  if (engine === 'postgres') {
    const base = new URL(
      process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    base.pathname = `/trajectory_mig_${randomBytes(5).toString('hex')}`;
    url = base.toString();
    await recreatePostgresDatabase(url);
  } else {
    sqliteDir ??= mkdtempSync(path.join(os.tmpdir(), 'trajectory-migrations-'));
    url = `file:${path.join(sqliteDir, `${randomBytes(5).toString('hex')}.db`)}`;
  }
  const database = await openDatabase(url, { poolSize: 1 });
  opened.push({ database, url });
  return database;
}

const carried = { migrations: 0, rows: 0, tables: 0, lastRows: 0 };

describe(`every migration from the previous schema with data (${engine})`, () => {
  afterAll(async () => {
    for (const { database, url } of opened) {
      await database.close();
      await dropDatabase(url);
    }
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
    console.warn(
      `migrations (${engine}): ${carried.migrations} of ${names.length} migrations checked from the previous schema with data; ` +
        `${carried.rows} pre-existing rows compared and carried unchanged (${carried.lastRows} rows in ${carried.tables} tables before the last one); ` +
        `integrity checks passed after each`,
    );
  });

  it('has a case for every migration in migrate.ts, and none for a migration that is gone', () => {
    const cases = Object.keys(migrationCases).sort();
    expect(
      names.filter((name) => !(name in migrationCases)),
      'add a case for each new migration to server/db/migrations.fixtures.ts',
    ).toEqual([]);
    expect(cases.filter((name) => !names.includes(name))).toEqual([]);
  });

  it.each(names.map((name, index) => [name, index] as const))(
    '%s keeps the data of the schema before it',
    async (name, index) => {
      const migrationCase = migrationCases[name];
      expect(migrationCase, `${name} has no case in migrations.fixtures.ts`).toBeDefined();
      if (!migrationCase) return;
      const database = await freshDatabase();
      const db = database.db as unknown as Kysely<unknown>;
      for (const previous of names.slice(0, index)) {
        await migrateTo(database, previous);
        await migrationCases[previous]?.seed?.(db);
      }
      const before = await snapshot(db);

      await migrateTo(database, name);

      const after = await snapshot(db);
      const added = migrationCase.added ?? {};
      let rows = 0;
      for (const [table, old] of before) {
        const now = after.get(table);
        expect(now, `${name} dropped the table ${table}`).toBeDefined();
        if (!now) continue;
        const dropped = old.columns.filter((column) => !now.columns.includes(column));
        expect(dropped, `${name} dropped columns of ${table}`).toEqual([]);
        const expected = old.rows.map((row) => canonical(row, old.columns)).sort();
        const kept = now.rows.map((row) => canonical(row, old.columns)).sort();
        expect(kept, `${name} changed the rows of ${table}`).toEqual(expected);
        rows += old.rows.length;

        const newColumns = now.columns.filter((column) => !old.columns.includes(column));
        const declared = added[table] ?? {};
        expect(
          newColumns.filter((column) => !(column in declared)).sort(),
          `${name} adds columns to ${table}: declare what existing rows get in its case ("added")`,
        ).toEqual([]);
        for (const [column, value] of Object.entries(declared)) {
          expect(newColumns, `${name} should add ${table}.${column}`).toContain(column);
          const values = now.rows.map((row) => row[column] ?? null);
          expect(
            values.filter((v) => v !== value),
            `${table}.${column} of rows from before ${name}`,
          ).toEqual([]);
        }
      }
      for (const table of Object.keys(added))
        expect(before.has(table), `${name}: "added" names ${table}, which is new`).toBe(true);

      await migrationCase.verify?.(db);
      // The schema it leaves takes the rows a working installation writes next.
      await migrationCase.seed?.(db);
      const integrity = await integrityCheck(database);
      expect(integrity.startsWith('ok'), `${name}: ${integrity}`).toBe(true);
      if (index > 0) expect(rows, `${name} was run over no data`).toBeGreaterThan(0);

      carried.migrations += 1;
      carried.rows += rows;
      if (index === names.length - 1) {
        carried.lastRows = rows;
        carried.tables = before.size;
      }
    },
  );
});
