import { loadConfig } from '../config.ts';
import { openDatabase } from './client.ts';
import { migrateToLatest } from './migrate.ts';

const config = loadConfig();
const database = await openDatabase(config.databaseUrl);
const applied = await migrateToLatest(database);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
await database.close();
