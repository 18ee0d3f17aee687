import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config.ts';
import { BackupError, createBackup, redact } from '../server/db/backup.ts';
import { engineOf } from '../server/db/client.ts';

/**
 * `npm run backup [-- --out <file>]`: backs up the database DATABASE_URL names (default: the
 * SQLite file in DATA_DIR) while the server keeps running. Writes the backup and a manifest of
 * per-table content digests beside it. See docs/operations.md.
 */
function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

try {
  const config = loadConfig();
  const engine = engineOf(config.databaseUrl);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.resolve(
    argument('--out') ??
      path.join(
        config.dataDir,
        'backups',
        `trajectory-${stamp}.${engine === 'sqlite' ? 'db' : 'dump'}`,
      ),
  );
  mkdirSync(path.dirname(file), { recursive: true });
  const started = performance.now();
  const manifest = await createBackup(config.databaseUrl, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
  console.log(
    `backup of ${redact(config.databaseUrl)} (${engine}) written to ${file}: ${manifest.bytes} bytes, ` +
      `${Object.keys(manifest.tables).length} tables, ${rows} rows, ${seconds} s; manifest ${file}.manifest.json`,
  );
} catch (error) {
  if (error instanceof ConfigError || error instanceof BackupError) {
    console.error(`backup: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
