import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config.ts';
import { BackupError, redact, restoreBackup } from '../server/db/backup.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { verifyAuditChain } from '../server/modules/audit/audit.service.ts';

/**
 * `npm run restore -- <backup file> [--to <DATABASE_URL>] [--replace]`: restores a backup made by
 * `npm run backup` into DATABASE_URL (or --to), checks every table against the manifest, brings
 * the schema up to date and verifies the audit chain. Stop the server(s) first. Exits 1 on any
 * mismatch. See docs/operations.md.
 */
function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const file = process.argv
  .slice(2)
  .find((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--to');
try {
  if (!file)
    throw new BackupError(
      'name the backup file: npm run restore -- <file> [--to <url>] [--replace]',
    );
  const url = argument('--to') ?? loadConfig().databaseUrl;
  const started = performance.now();
  const { manifest, mismatches } = await restoreBackup(path.resolve(file), url, {
    isReplacing: process.argv.includes('--replace'),
  });
  if (mismatches.length > 0)
    throw new BackupError(
      `restored content differs from the manifest in: ${mismatches.join(', ')}`,
    );
  const database = await openDatabase(url, { poolSize: 1 });
  try {
    const applied = await migrateToLatest(database);
    const chain = await verifyAuditChain(database.db);
    if (!chain.isIntact)
      throw new BackupError(`audit chain broken at event ${chain.brokenAtSeq}: ${chain.problem}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `restored ${file} (${manifest.createdAt}) into ${redact(url)} in ${seconds} s: ` +
        `${Object.keys(manifest.tables).length} tables match the manifest, audit chain intact over ${chain.checked} events` +
        (applied.length ? `; then applied ${applied.length} newer migrations` : ''),
    );
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof BackupError) {
    console.error(`restore: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
