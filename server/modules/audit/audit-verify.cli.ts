import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { verifyAuditChain } from './audit.service.ts';

/** `npm run audit:verify`: exits 0 when the audit chain is intact, 1 with the first broken event. */
const config = loadConfig();
const database = await openDatabase(config.databaseUrl);
await migrateToLatest(database);
const result = await verifyAuditChain(database.db);
await database.close();
if (result.isIntact) {
  console.log(`audit chain intact: ${result.checked} events verified`);
} else {
  console.error(
    `audit chain BROKEN at event ${result.brokenAtSeq}: ${result.problem} (${result.checked} events verified before it)`,
  );
  process.exit(1);
}
