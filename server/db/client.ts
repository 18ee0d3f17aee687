import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import type {
  KyselyConfig,
  LogEvent,
  PostgresCursor,
  PostgresPool,
  PostgresPoolClient,
  PostgresQueryResult,
  SqliteDatabase,
  SqliteStatement,
} from 'kysely';
import pg from 'pg';
import { LRUCache } from 'lru-cache';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DB } from './schema.ts';

/**
 * The only file that knows which database engine is in use. Everything else sees a Kysely
 * instance whose rows look the same on SQLite and PostgreSQL.
 */
export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Runs a cheap query; throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type Transaction = Kysely<DB>;

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function sqlitePathOf(url: string): string {
  return url.replace(/^file:/, '');
}

export interface OpenOptions {
  poolSize?: number;
  /**
   * For filling a new database in bulk (the synthetic organisation): commits are not flushed to
   * disk one by one and SQLite keeps a large page cache. A crash loses the load, which is rerun.
   */
  isBulkLoad?: boolean;
  /** Called with each query's SQL and parameters once it has run (the benchmark records them). */
  onQuery?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

/** Opens the database a `DATABASE_URL` names: `postgres://…` or `file:<path>` for SQLite. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  return engineOf(url) === 'postgres'
    ? openPostgres(url, options.poolSize ?? 10, options)
    : openSqlite(sqlitePathOf(url), options);
}

function queryLog(onQuery: OpenOptions['onQuery']): KyselyConfig['log'] {
  if (!onQuery) return undefined;
  return (event: LogEvent) => {
    if (event.level === 'query') onQuery(event.query);
  };
}

function openSqlite(file: string, options: OpenOptions): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // 64 MB of page cache instead of SQLite's 2 MB: the hot indexes of a large organisation stay in
  // memory rather than being read again through the operating system (docs/performance.md).
  raw.pragma('cache_size = -65536');
  if (options.isBulkLoad) {
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -262144');
  }
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withPortableValues(raw) }),
    log: queryLog(options.onQuery),
  });
  return {
    db,
    engine: 'sqlite',
    ping: async () => {
      raw.prepare('select 1').get();
    },
    close: () => db.destroy(),
  };
}

const BOOLEAN_COLUMN = /^(is|has)_/;
const STATEMENT_CACHE_SIZE = 200;

/** A prepared statement and the result columns it reads as booleans, found once. */
interface Prepared {
  statement: BetterSqlite3.Statement;
  booleans: readonly string[];
}

/** SQLite stores booleans as 0/1; convert on the way in and, for is_/has_ columns, on the way out. */
function withPortableValues(raw: BetterSqlite3.Database): SqliteDatabase {
  const toSqlite = (params: ReadonlyArray<unknown>) =>
    params.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
  const booleanColumnsOf = (statement: BetterSqlite3.Statement): readonly string[] =>
    statement.reader
      ? statement
          .columns()
          .map((column) => column.name)
          .filter((name) => BOOLEAN_COLUMN.test(name))
      : [];
  const fromSqlite = (row: unknown, booleans: readonly string[]): unknown => {
    if (row === null || typeof row !== 'object') return row;
    const record = row as Record<string, unknown>;
    for (const key of booleans)
      if (typeof record[key] === 'number') record[key] = record[key] === 1;
    return record;
  };
  // Kysely prepares every query it runs; compiling the same SQL again costs more than many
  // queries take to execute, so recently used statements are kept (least recently used leave).
  const cache = new LRUCache<string, Prepared>({ max: STATEMENT_CACHE_SIZE });
  const prepared = (sql: string): Prepared => {
    let entry = cache.get(sql);
    if (!entry) {
      const statement = raw.prepare(sql);
      entry = { statement, booleans: booleanColumnsOf(statement) };
      cache.set(sql, entry);
    }
    return entry;
  };
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      // Transactions take the write lock when they begin: a deferred one that read first cannot
      // upgrade after another connection committed (SQLITE_BUSY at once, no busy wait). ADR 081.
      const { statement, booleans } = prepared(sql === 'begin' ? 'begin immediate' : sql);
      return {
        reader: statement.reader,
        all: (params) => {
          const rows = statement.all(...toSqlite(params));
          if (booleans.length > 0) for (const row of rows) fromSqlite(row, booleans);
          return rows;
        },
        run: (params) => statement.run(...toSqlite(params)),
        // A statement being iterated is busy, so streams get a statement of their own.
        *iterate(params) {
          for (const row of raw.prepare(sql).iterate(...toSqlite(params)))
            yield fromSqlite(row, booleans);
        },
      };
    },
  };
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_DATE = 1082;
const PG_TIMESTAMP = 1114;
const PG_TIMESTAMPTZ = 1184;

async function openPostgres(
  url: string,
  poolSize: number,
  options: OpenOptions,
): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
      if (oid === PG_DATE) return (value: string) => value;
      if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP)
        return (value: string) =>
          new Date(oid === PG_TIMESTAMP ? `${value}Z` : value).toISOString();
      return pg.types.getTypeParser(oid, format);
    },
  };
  // A connection is replaced after NAMED_STATEMENT_CONNECTION_USES checkouts, which bounds the
  // named statements it holds on both sides (ADR 103).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    maxUses: NAMED_STATEMENT_CONNECTION_USES,
  });
  // An idle connection the server closes (restart, failover, drop) must not crash the process;
  // the pool replaces it and the next query reports any real outage.
  pool.on('error', () => undefined);
  if (options.isBulkLoad)
    pool.on('connect', (client) => {
      client.query('set synchronous_commit = off').catch(() => undefined);
    });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: withNamedStatements(pool) }),
    log: queryLog(options.onQuery),
  });
  return {
    db,
    engine: 'postgres',
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => db.destroy(),
  };
}

const NAMED_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;
// `select *` and `returning *` are left unnamed: a column another instance's migration adds
// would change their result type, which PostgreSQL refuses for a prepared statement.
const SELECTS_EVERY_COLUMN = /(select|returning|,)\s*("\w+"\.)?\*/i;
const NAMED_STATEMENT_LIMIT = 2000;
const NAMED_STATEMENT_CONNECTION_USES = 10_000;

/**
 * Gives each query text a name of its own, so each connection parses it once and then only
 * binds and executes it (pg's named prepared statements; ADR 103). Names are never reused for
 * another text: a text that leaves the list is forgotten, and its statement goes with the
 * connection, which the pool replaces after a bounded number of uses.
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  const names = new LRUCache<string, string>({ max: NAMED_STATEMENT_LIMIT });
  let issued = 0;
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      issued += 1;
      name = `q${issued}`;
      names.set(text, name);
    }
    return name;
  };
  class NamedClient implements PostgresPoolClient {
    constructor(private readonly client: pg.PoolClient) {}
    query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
    query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    query<R>(
      sqlOrCursor: string | PostgresCursor<R>,
      parameters?: ReadonlyArray<unknown>,
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      if (typeof sqlOrCursor !== 'string')
        return this.client.query(
          sqlOrCursor as unknown as pg.Submittable,
        ) as unknown as PostgresCursor<R>;
      const values = [...(parameters ?? [])];
      const config: pg.QueryConfig =
        NAMED_STATEMENT.test(sqlOrCursor) && !SELECTS_EVERY_COLUMN.test(sqlOrCursor)
          ? { name: nameOf(sqlOrCursor), text: sqlOrCursor, values }
          : { text: sqlOrCursor, values };
      return this.client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
    }
    release(): void {
      this.client.release();
    }
  }
  return {
    connect: async () => new NamedClient(await pool.connect()),
    end: () => pool.end(),
  };
}

/** True when an error is a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Creates a database a test can own: a copy of a migrated template. */
export async function cloneDatabase(templateUrl: string, name: string): Promise<string> {
  if (engineOf(templateUrl) === 'sqlite') {
    const source = sqlitePathOf(templateUrl);
    const target = path.join(path.dirname(source), `${name}.db`);
    const raw = new BetterSqlite3(source, { readonly: true });
    await raw.backup(target);
    raw.close();
    return `file:${target}`;
  }
  const admin = new URL(templateUrl);
  const template = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`create database "${name}" template "${template}"`);
  } finally {
    await client.end();
  }
  const target = new URL(templateUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Drops a database made by cloneDatabase (PostgreSQL) or leaves the file to the temp folder. */
export async function dropDatabase(url: string): Promise<void> {
  if (engineOf(url) === 'sqlite') return;
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database, replacing one of the same name. */
export async function recreatePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * Makes a table refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) in the database itself, so no
 * code path — ours or a console session — can rewrite history. Used by migrations.
 */
export async function createAppendOnlyGuard(db: Kysely<unknown>, table: string): Promise<void> {
  const message = `${table} is append-only`;
  if (isSqlite(db)) {
    for (const operation of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `create trigger ${table}_no_${operation.toLowerCase()} before ${operation} on ${table} begin select raise(abort, '${message}'); end`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `create function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_no_change before update or delete on ${table} for each row execute function ${table}_append_only()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ${table}_append_only()`,
    )
    .execute(db);
}

/** Tests only: lifts the guard for the duration of `fn`, to prove tampering is detected. */
export async function withoutAppendOnlyGuard<T>(
  db: Kysely<DB>,
  table: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (isSqlite(db as Kysely<unknown>)) {
    await sql.raw(`drop trigger ${table}_no_update`).execute(db);
    await sql.raw(`drop trigger ${table}_no_delete`).execute(db);
    try {
      return await fn();
    } finally {
      await createAppendOnlyGuard(db as unknown as Kysely<unknown>, table).catch(() => undefined);
    }
  }
  await sql.raw(`alter table ${table} disable trigger user`).execute(db);
  try {
    return await fn();
  } finally {
    await sql.raw(`alter table ${table} enable trigger user`).execute(db);
  }
}

export interface ChangeMarker {
  /** Table whose writes are watched. */
  table: string;
  /** Table the touched person ids go to: `(person_id text primary key, token bigint)`. */
  into: string;
  /** The person a row concerns, as SQL over the row (`row.engineer_id`, or a sub-select). */
  person: string;
  /** Watch updates only of these columns (default: any). */
  updateOf?: readonly string[];
  /** Name of the triggers (default `<table>_mark`), so one table can feed several mark tables. */
  name?: string;
}

/**
 * Records in the database itself whose data a write touched: after every INSERT, UPDATE or
 * DELETE on `table`, the person the row concerns (before and after) is upserted into `into`
 * with a fresh random token, whichever code path wrote. A materialised view refreshes from that
 * table and removes a mark only if its token is unchanged. Used by migrations.
 */
export async function createChangeMarker(db: Kysely<unknown>, marker: ChangeMarker): Promise<void> {
  const { table, into } = marker;
  const name = marker.name ?? `${table}_mark`;
  // Tokens stay within 2^53 so they survive the round trip through a JavaScript number.
  const token = isSqlite(db)
    ? '(random() % 9007199254740991)'
    : '(random() * 9007199254740991)::bigint';
  const mark = (row: 'new' | 'old') =>
    `insert into ${into} (person_id, token) select p, ${token} from (select ${marker.person.replaceAll('row.', `${row}.`)} as p) as touched where p is not null on conflict (person_id) do update set token = excluded.token;`;
  const updateOf = marker.updateOf ? ` of ${marker.updateOf.join(', ')}` : '';
  if (isSqlite(db)) {
    const triggers = [
      ['insert', 'insert', [mark('new')]],
      ['update', `update${updateOf}`, [mark('new'), mark('old')]],
      ['delete', 'delete', [mark('old')]],
    ] as const;
    for (const [suffix, event, body] of triggers)
      await sql
        .raw(
          `create trigger ${name}_${suffix} after ${event} on ${table} begin ${body.join(' ')} end`,
        )
        .execute(db);
    return;
  }
  await sql
    .raw(
      `create function ${name}() returns trigger language plpgsql as $$ begin ` +
        `if tg_op <> 'DELETE' then ${mark('new')} end if; ` +
        `if tg_op <> 'INSERT' then ${mark('old')} end if; ` +
        `return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${name} after insert or update${updateOf} or delete on ${table} for each row execute function ${name}()`,
    )
    .execute(db);
}

/** Removes a change marker (the synthetic organisation's bulk load re-creates it after). */
export async function dropChangeMarker(db: Kysely<unknown>, marker: ChangeMarker): Promise<void> {
  const { table } = marker;
  const name = marker.name ?? `${table}_mark`;
  if (isSqlite(db)) {
    for (const suffix of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger if exists ${name}_${suffix}`).execute(db);
    return;
  }
  await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
  await sql.raw(`drop function if exists ${name}()`).execute(db);
}

/**
 * SQLite online backup (better-sqlite3's `backup()`, SQLite's backup API): a consistent copy taken
 * page by page while the server keeps reading and writing. Used by `npm run backup`.
 */
export async function backupSqliteFile(url: string, target: string): Promise<void> {
  const raw = new BetterSqlite3(sqlitePathOf(url), { fileMustExist: true });
  try {
    raw.pragma('busy_timeout = 5000');
    // All remaining pages in one step: copied in small steps, a database that keeps being written
    // through another connection would make SQLite restart the copy again and again.
    await raw.backup(target, { progress: () => 0x7fffffff });
  } finally {
    raw.close();
  }
}
