import { Migrator } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import type { Database } from './client.ts';
import * as foundation from './migrations/0001-foundation.ts';
import * as frameworks from './migrations/0002-frameworks.ts';
import * as ssoScim from './migrations/0003-sso-scim.ts';
import * as conversations from './migrations/0004-conversations.ts';
import * as outbox from './migrations/0005-outbox.ts';
import * as audit from './migrations/0006-audit.ts';
import * as contracts from './migrations/0007-contracts.ts';
import * as cadence from './migrations/0008-cadence.ts';
import * as recordVersions from './migrations/0010-record-versions.ts';
import * as performance from './migrations/0011-performance.ts';
import * as retention from './migrations/0012-retention.ts';
import * as settingsVersions from './migrations/0013-settings-versions.ts';
import * as conversationFacts from './migrations/0014-conversation-facts.ts';
import * as coverageMarksNarrower from './migrations/0015-coverage-marks-narrower.ts';
import * as cadenceMarks from './migrations/0016-cadence-marks.ts';
import * as retentionIndexes from './migrations/0017-retention-indexes.ts';
import * as handoverNotices from './migrations/0018-handover-notices.ts';
import * as coverageVersion from './migrations/0019-coverage-version.ts';

/** Every migration in order. Forward-only: a released migration is never edited. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-frameworks': frameworks,
  '0003-sso-scim': ssoScim,
  '0004-conversations': conversations,
  '0005-outbox': outbox,
  '0006-audit': audit,
  '0007-contracts': contracts,
  '0008-cadence': cadence,
  '0010-record-versions': recordVersions,
  '0011-performance': performance,
  '0012-retention': retention,
  '0013-settings-versions': settingsVersions,
  '0014-conversation-facts': conversationFacts,
  '0015-coverage-marks-narrower': coverageMarksNarrower,
  '0016-cadence-marks': cadenceMarks,
  '0017-retention-indexes': retentionIndexes,
  '0018-handover-notices': handoverNotices,
  '0019-coverage-version': coverageVersion,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Every migration's name, in the order the migrator applies them (by name). */
export function listMigrationNames(): string[] {
  return Object.keys(migrations).sort();
}

/**
 * Brings the schema up to exactly the named migration and no further, so a test can put data
 * into the schema as it was before the next one. Throws with the failing migration's name.
 */
export async function migrateTo(database: Database, name: string): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateTo(name);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? name;
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
