import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import {
  backupSqliteFile,
  engineOf,
  openDatabase,
  recreatePostgresDatabase,
  sqlitePathOf,
} from './client.ts';
import type { Engine } from './client.ts';
import type { DB } from './schema.ts';

/**
 * Backups and restores (docs/operations.md, ADR 084). SQLite: the online backup API, safe while
 * the server runs. PostgreSQL: `pg_dump -Fc` / `pg_restore`. Each backup has a manifest beside it
 * with a content digest per table, taken from the same snapshot as the backup, so a restore can
 * prove it brought back exactly what was saved.
 */

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface BackupManifest {
  format: 'trajectory-backup/1';
  engine: Engine;
  file: string;
  createdAt: string;
  bytes: number;
  sha256: string;
  migrations: string[];
  tables: Record<string, TableDigest>;
}

export class BackupError extends Error {}

const manifestPathOf = (file: string) => `${file}.manifest.json`;

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
    .join(',')}}`;
}

/** Row count and an order-independent SHA-256 of every table's content (migration tables included). */
export async function tableDigests(db: Kysely<DB>): Promise<Record<string, TableDigest>> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const out: Record<string, TableDigest> = {};
  for (const table of tables.map((t) => t.name).sort()) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db,
    );
    const lines = result.rows.map(canonical).sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(line).update('\n');
    out[table] = { rows: lines.length, sha256: hash.digest('hex') };
  }
  return out;
}

async function migrationNames(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) =>
      reject(
        new BackupError(
          `${command} could not be started (${error.message}); install the PostgreSQL client tools`,
        ),
      ),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Backs up the database at `url` into `file` (which must not exist) and writes the manifest.
 * Safe while the server is running on either engine.
 */
export async function createBackup(url: string, file: string): Promise<BackupManifest> {
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose another name`);
  const engine = engineOf(url);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  let tables: Record<string, TableDigest>;
  let migrations: string[];
  if (engine === 'sqlite') {
    await backupSqliteFile(url, partial);
    const copy = await openDatabase(`file:${partial}`, { poolSize: 1 });
    try {
      tables = await tableDigests(copy.db);
      migrations = await migrationNames(copy.db);
    } finally {
      await copy.close();
    }
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
  } else {
    // Digest and dump one snapshot: pg_dump joins the snapshot this transaction exported.
    const database = await openDatabase(url, { poolSize: 1 });
    try {
      [tables, migrations] = await database.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const snapshot = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(
            trx,
          );
          const dump = run('pg_dump', [
            '--format=custom',
            '--no-owner',
            '--no-privileges',
            `--snapshot=${snapshot.rows[0]?.id ?? ''}`,
            `--file=${partial}`,
            `--dbname=${url}`,
          ]);
          const digests = await tableDigests(trx);
          const names = await migrationNames(trx);
          await dump;
          return [digests, names] as const;
        });
    } finally {
      await database.close();
    }
  }
  renameSync(partial, file);
  const manifest: BackupManifest = {
    format: 'trajectory-backup/1',
    engine,
    file: path.basename(file),
    createdAt: new Date().toISOString(),
    bytes: statSync(file).size,
    sha256: fileSha256(file),
    migrations,
    tables,
  };
  writeFileSync(manifestPathOf(file), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The manifest written beside a backup; throws when it is missing or the file was altered. */
export function readManifest(file: string): BackupManifest {
  const manifestFile = manifestPathOf(file);
  if (!existsSync(manifestFile))
    throw new BackupError(`no manifest beside ${file} (${manifestFile})`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 'trajectory-backup/1')
    throw new BackupError(`${manifestFile} is not a Trajectory backup manifest`);
  if (fileSha256(file) !== manifest.sha256)
    throw new BackupError(
      `${file} does not match its manifest (SHA-256 differs): the backup is damaged`,
    );
  return manifest;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Tables whose content digest differs from the manifest (empty when the restore is exact). */
  mismatches: string[];
}

/**
 * Restores `file` into the database at `url`. Refuses to overwrite an existing database unless
 * `isReplacing` (stop the server first). Verifies every table against the manifest afterwards.
 */
export async function restoreBackup(
  file: string,
  url: string,
  options: { isReplacing?: boolean } = {},
): Promise<RestoreResult> {
  const manifest = readManifest(file);
  const engine = engineOf(url);
  if (manifest.engine !== engine)
    throw new BackupError(
      `this is a ${manifest.engine} backup; it cannot be restored into ${engine}`,
    );
  if (engine === 'sqlite') {
    const target = sqlitePathOf(url);
    if (existsSync(target) && !options.isReplacing)
      throw new BackupError(`${target} exists; stop the server and pass --replace to overwrite it`);
    const staged = `${target}.restoring`;
    copyFileSync(file, staged);
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(staged, target);
  } else {
    const probe = await openDatabase(url, { poolSize: 1 });
    // A database that does not exist yet has no tables (recreate makes it).
    const hasTables = await probe.db.introspection
      .getTables()
      .then((tables) => tables.length > 0)
      .catch(() => false);
    await probe.close();
    if (hasTables && !options.isReplacing)
      throw new BackupError(
        `${redact(url)} is not empty; stop the servers and pass --replace to overwrite it`,
      );
    await recreatePostgresDatabase(url);
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${url}`,
      file,
    ]);
  }
  const restored = await openDatabase(url, { poolSize: 1 });
  try {
    const digests = await tableDigests(restored.db);
    const names = new Set([...Object.keys(digests), ...Object.keys(manifest.tables)]);
    const mismatches = [...names].filter(
      (name) => digests[name]?.sha256 !== manifest.tables[name]?.sha256,
    );
    return { manifest, mismatches };
  } finally {
    await restored.close();
  }
}
