import path from 'node:path';
import { openDatabase, recreatePostgresDatabase } from '../server/db/client.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { generateOrganisation } from '../server/demo/synthetic/generate.ts';
import { parseArgs, peopleOfSize } from './args.ts';

/**
 * `npm run bench:generate -- --size 10k --engine sqlite|postgres [--seed s] [--out file|url]`:
 * writes a synthetic organisation into a new database and prints how long it took.
 */
const args = parseArgs(process.argv.slice(2));
const size = args.get('size') ?? '1k';
const people = peopleOfSize(size);
const engine = args.get('engine') ?? 'sqlite';
const seed = args.get('seed') ?? 'trajectory';
const base =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
let url = args.get('out');
if (!url) {
  if (engine === 'postgres') {
    const target = new URL(base);
    target.pathname = `/trajectory_synthetic_${size}`;
    url = target.toString();
  } else url = `file:${path.resolve('data', 'bench', `synthetic-${size}.db`)}`;
}
if (url.startsWith('postgres')) await recreatePostgresDatabase(url);
else {
  const { rmSync } = await import('node:fs');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${url.slice(5)}${suffix}`, { force: true });
}
const database = await openDatabase(url, { poolSize: 2, isBulkLoad: true });
await migrateToLatest(database);
let lastShown = 0;
const result = await generateOrganisation(database, {
  people,
  seed,
  onProgress: (done, total) => {
    if (done - lastShown >= total / 10 || done === total) {
      lastShown = done;
      process.stderr.write(`  ${done}/${total} people\n`);
    }
  },
});
await database.close();
console.log(
  JSON.stringify(
    { engine: database.engine, url: url.replace(/\/\/[^@]*@/, '//'), ...result, sample: undefined },
    null,
    2,
  ),
);
