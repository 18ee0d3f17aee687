import { writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { engineOf, sqlitePathOf } from '../server/db/client.ts';
import type { Engine } from '../server/db/client.ts';
import { parseArgs, peopleOfSize } from './args.ts';
import { chooseActors, copyTemplate, dropCopy, ensureTemplate } from './database.ts';
import { createRecorder } from './floor.ts';
import type { CapturedQuery } from './floor.ts';
import { RESULTS_DIR } from './report.ts';
import { buildScenarios } from './scenarios.ts';

/**
 * `npm run bench:explain -- --engine sqlite|postgres --size 10k [--only key,key]`: the SQL each
 * benchmarked request runs, the slowest statements first, with the engine's query plan — what
 * docs/performance.md quotes. Writes bench/results/<date>-explain-<engine>-<size>.md.
 */
const args = parseArgs(process.argv.slice(2));
const size = args.get('size') ?? '10k';
const engine: Engine = args.get('engine') === 'postgres' ? 'postgres' : 'sqlite';
const only = args.get('only')?.split(',');
const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

const toSqlite = (parameters: readonly unknown[]) =>
  parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
const isRead = (sql: string) => /^\s*(select|with)\b/i.test(sql);

interface Explained {
  sql: string;
  parameters: readonly unknown[];
  medianMs: number;
  plan: string;
}

async function explainAll(url: string, queries: readonly CapturedQuery[]): Promise<Explained[]> {
  const reads = queries.filter((q) => isRead(q.sql));
  const result: Explained[] = [];
  if (engineOf(url) === 'sqlite') {
    const raw = new BetterSqlite3(sqlitePathOf(url), { readonly: true });
    for (const q of reads) {
      const statement = raw.prepare(q.sql);
      const times: number[] = [];
      for (let i = 0; i < 9; i += 1) {
        const started = performance.now();
        statement.all(...toSqlite(q.parameters));
        times.push(performance.now() - started);
      }
      const plan = raw.prepare(`explain query plan ${q.sql}`).all(...toSqlite(q.parameters)) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, 0]]);
      const lines = plan.map((row) => {
        const d = (depth.get(row.parent) ?? 0) + 1;
        depth.set(row.id, d);
        return `${'  '.repeat(d - 1)}${row.detail}`;
      });
      result.push({
        ...q,
        medianMs: times.sort((a, b) => a - b)[4] ?? NaN,
        plan: lines.join('\n'),
      });
    }
    raw.close();
    return result;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const q of reads) {
    const times: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const started = performance.now();
      await client.query(q.sql, [...q.parameters]);
      times.push(performance.now() - started);
    }
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, costs off, timing off, summary off) ${q.sql}`,
      [...q.parameters],
    );
    result.push({
      ...q,
      medianMs: times.sort((a, b) => a - b)[4] ?? NaN,
      plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n'),
    });
  }
  await client.end();
  return result;
}

const template = await ensureTemplate(engine, peopleOfSize(size), 'trajectory', today, console.log);
const url = await copyTemplate(
  template.url,
  `trajectory_bench_explain_${engine}_${size}`.toLowerCase(),
);
const lines: string[] = [
  `# Query plans: ${engine}, ${size} (${today.toISOString().slice(0, 10)})`,
  '',
];
try {
  const actors = await chooseActors(url, 2, now);
  const recorder = await createRecorder(url);
  for (const scenario of Object.values(buildScenarios(actors))) {
    if (scenario.key === 'health' || (only && !only.includes(scenario.key))) continue;
    const request = scenario.next({ index: 999, state: {} });
    // The first request may find background work due (a dashboard refresh): record the second.
    if (scenario.isRepeatable !== false) await recorder.capture(request);
    const capture = await recorder.capture(request);
    const explained = (await explainAll(url, capture.queries)).sort(
      (a, b) => b.medianMs - a.medianMs,
    );
    const total = explained.reduce((sum, e) => sum + e.medianMs, 0);
    lines.push(
      `## ${scenario.name}`,
      '',
      `${capture.queries.length} statements (${explained.length} reads, ${total.toFixed(1)} ms of reads); slowest first.`,
      '',
    );
    for (const e of explained.slice(0, 6))
      lines.push(
        `### ${e.medianMs.toFixed(2)} ms`,
        '',
        '```sql',
        e.sql.length > 1500 ? `${e.sql.slice(0, 1500)} …` : e.sql,
        '```',
        '',
        '```',
        e.plan,
        '```',
        '',
      );
    console.log(
      `${scenario.name}: ${capture.queries.length} statements, ${total.toFixed(1)} ms of reads`,
    );
  }
  await recorder.close();
} finally {
  await dropCopy(url);
}
const file = path.join(
  RESULTS_DIR,
  `${today.toISOString().slice(0, 10)}-explain-${engine}-${size}.md`,
);
writeFileSync(file, lines.join('\n'));
console.log(`plans: ${path.relative(process.cwd(), file)}`);
