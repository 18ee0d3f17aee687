import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createApp } from '../server/app.ts';
import { systemClock } from '../server/clock.ts';
import { loadConfig } from '../server/config.ts';
import { engineOf, openDatabase, sqlitePathOf } from '../server/db/client.ts';
import { createLogger } from '../server/logger.ts';
import { BENCH_SECRET_KEY } from './database.ts';
import type { HttpRequest } from './load.ts';

/**
 * The raw-SQL floor of a request: the statements the server runs for it, recorded once by
 * serving the request in-process, then executed directly through the driver (better-sqlite3 or
 * pg), one after another as the server does, with no HTTP, validation, rules or JSON.
 */

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
}

export interface Capture {
  status: number;
  queries: CapturedQuery[];
  bytes: number;
}

/** Serves requests in-process on the same database and records the SQL each one runs. */
export async function createRecorder(databaseUrl: string) {
  let recording: CapturedQuery[] | null = null;
  const database = await openDatabase(databaseUrl, {
    poolSize: 4,
    onQuery: (query) => recording?.push({ sql: query.sql, parameters: [...query.parameters] }),
  });
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SECRET_KEY: BENCH_SECRET_KEY,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'trajectory-bench-recorder-')),
    LOG_LEVEL: 'silent',
  });
  const { app } = createApp({
    config,
    database,
    clock: systemClock,
    logger: createLogger('silent'),
    mailer: { isConfigured: false, send: async () => undefined },
    webRoot: null,
  });
  return {
    async capture(request: HttpRequest): Promise<Capture> {
      recording = [];
      const response = await app.request(request.path, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      const body = await response.arrayBuffer();
      const queries = recording;
      recording = null;
      return { status: response.status, queries, bytes: body.byteLength };
    },
    close: () => database.close(),
  };
}

function insertUnlessPresent(sql: string, isSqlite: boolean): string {
  if (!/^\s*insert into/i.test(sql)) return sql;
  if (isSqlite) return sql.replace(/^\s*insert into/i, 'insert or ignore into');
  if (/\bon conflict\b/i.test(sql)) return sql;
  const returning = sql.search(/\sreturning\s/i);
  return returning < 0
    ? `${sql} on conflict do nothing`
    : `${sql.slice(0, returning)} on conflict do nothing${sql.slice(returning)}`;
}

const toSqlite = (parameters: readonly unknown[]) =>
  parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));

/**
 * Replays the statements of captured requests `iterations` times, one request after another in
 * turn (after a few unmeasured ones, at least one of each), and returns the latency (ms) of each whole sequence.
 * Each sequence runs inside a transaction that is rolled back, so writes (and audited reads)
 * replay identically; the floor therefore leaves out a commit's flush.
 */
export async function replayFloor(
  databaseUrl: string,
  captured: readonly (readonly CapturedQuery[])[],
  iterations: number,
): Promise<number[]> {
  const samples: number[] = [];
  // The replay brackets each sequence in its own transaction. Rows the request inserted exist
  // already (recording it wrote them), so inserts replay as "insert unless present": the index
  // lookups are made, the row is not written again.
  const isSqlite = engineOf(databaseUrl) === 'sqlite';
  const sequences = captured.map((queries) =>
    queries
      .filter((q) => !/^\s*(begin|commit|rollback)\b/i.test(q.sql))
      .map((q) => ({ ...q, sql: insertUnlessPresent(q.sql, isSqlite) })),
  );
  const count = sequences.length;
  const warmUp = Math.max(5, count);
  const sequenceOf = (i: number) => sequences[((i % count) + count) % count] ?? [];
  if (isSqlite) {
    const raw = new BetterSqlite3(sqlitePathOf(databaseUrl));
    raw.pragma('busy_timeout = 60000');
    const statements = new Map<string, BetterSqlite3.Statement>();
    const prepared = (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = raw.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    };
    // Immediate: a read that later writes must not find the server has written in between.
    const begin = raw.prepare('begin immediate');
    const rollback = raw.prepare('rollback');
    try {
      for (let i = -warmUp; i < iterations; i += 1) {
        const started = performance.now();
        begin.run();
        for (const query of sequenceOf(i)) {
          const statement = prepared(query.sql);
          if (statement.reader) statement.all(...toSqlite(query.parameters));
          else statement.run(...toSqlite(query.parameters));
        }
        rollback.run();
        if (i >= 0) samples.push(performance.now() - started);
      }
    } finally {
      raw.close();
    }
    return samples;
  }
  // Named statements, parsed once per connection, as the server's are (ADR 103).
  const names = new Map(
    [...new Set(sequences.flat().map((query) => query.sql))].map((sql, index) => [
      sql,
      `floor${index}`,
    ]),
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let i = -warmUp; i < iterations; i += 1) {
      const started = performance.now();
      await client.query('begin');
      for (const query of sequenceOf(i))
        await client.query({
          name: names.get(query.sql),
          text: query.sql,
          values: [...query.parameters],
        });
      await client.query('rollback');
      if (i >= 0) samples.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  return samples;
}
