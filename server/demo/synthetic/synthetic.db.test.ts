import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../../db/client.ts';
import type { DB } from '../../db/schema.ts';
import { listManagerChain } from '../../modules/people/people.repository.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { generateOrganisation } from './generate.ts';
import type { GenerateResult } from './generate.ts';

const NOW = new Date('2026-03-02T00:00:00.000Z');
const TODAY = '2026-03-02';
const OPTIONS = { people: 120, seed: 'determinism', now: NOW, years: 2, chunkSize: 40 };

/** Tables the generator writes (framework and question banks are installed by the product). */
const GENERATED: readonly (keyof DB)[] = [
  'people',
  'reporting_lines',
  'placements',
  'conversations',
  'conversation_events',
  'summary_versions',
  'summary_responses',
  'prep_answers',
  'manager_preps',
  'private_notes',
  'action_items',
  'what_matters_exercises',
  'what_matters_values',
  'assessments',
  'assessment_items',
  'assessment_sides',
  'assessment_ratings',
  'contracts',
  'contract_versions',
  'contract_goals',
  'contract_check_ins',
  'contract_handovers',
  'reminder_preferences',
  'calendar_feeds',
];

/**
 * A digest of every generated row. Framework rows get random ids when the product installs the
 * built-in framework, so references to them are replaced by their keys first.
 */
async function fingerprint(db: Transaction): Promise<Record<string, string>> {
  const names = new Map<string, string>();
  for (const t of await db.selectFrom('framework_tracks').select(['id', 'key']).execute())
    names.set(t.id, `track:${t.key}`);
  for (const l of await db.selectFrom('framework_levels').select(['id', 'key']).execute())
    names.set(l.id, `level:${l.key}`);
  for (const v of await db.selectFrom('framework_versions').select(['id', 'number']).execute())
    names.set(v.id, `version:${v.number}`);
  const criteria = await db
    .selectFrom('framework_criteria as c')
    .innerJoin('framework_levels as l', 'l.id', 'c.level_id')
    .select(['c.id', 'l.key', 'c.position'])
    .execute();
  for (const c of criteria) names.set(c.id, `criterion:${c.key}:${c.position}`);
  const digests: Record<string, string> = {};
  for (const table of GENERATED) {
    const rows = await db.selectFrom(table).selectAll().execute();
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => [
              key,
              typeof value === 'string' ? (names.get(value) ?? value) : value,
            ]),
        ),
      )
      .sort();
    digests[table] =
      `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return digests;
}

describe('the synthetic organisation generator', () => {
  let first: TestHarness;
  let second: TestHarness;
  let other: TestHarness;
  let result: GenerateResult;

  beforeAll(async () => {
    [first, second, other] = await Promise.all([
      createTestHarness(),
      createTestHarness(),
      createTestHarness(),
    ]);
    result = await generateOrganisation(first.database, OPTIONS);
    await generateOrganisation(second.database, OPTIONS);
    await generateOrganisation(other.database, { ...OPTIONS, seed: 'another seed' });
  }, 120_000);
  afterAll(() => Promise.all([first.close(), second.close(), other.close()]));

  it('writes the same rows for the same seed, and different rows for another seed', async () => {
    const a = await fingerprint(first.db);
    expect(await fingerprint(second.db)).toEqual(a);
    const b = await fingerprint(other.db);
    expect(b.conversations).not.toEqual(a.conversations);
    expect(b.people).not.toEqual(a.people);
  });

  it('reports what it wrote, table by table', async () => {
    const conversations = await first.db.selectFrom('conversations').select('id').execute();
    expect(result.rows.conversations).toBe(conversations.length);
    expect(result.people).toBe(120);
    for (const table of GENERATED) expect(result.rows[table], table).toBeGreaterThan(0);
  });

  it('shapes an organisation with about one manager in ten, at most six levels deep', async () => {
    const today = await first.db
      .selectFrom('reporting_lines')
      .select(['report_id', 'manager_id'])
      .where('starts_on', '<=', TODAY)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', TODAY)]))
      .execute();
    const managers = new Set(today.map((line) => line.manager_id));
    expect(managers.size).toBe(12);
    const active = await first.db
      .selectFrom('people')
      .select('id')
      .where('is_active', '=', true)
      .execute();
    // Everyone active but the head reports to exactly one person today.
    expect(today.length).toBe(active.length - 1);
    expect(new Set(today.map((line) => line.report_id)).size).toBe(today.length);
    for (const { id } of active)
      expect((await listManagerChain(first.db, id, TODAY)).length).toBeLessThanOrEqual(5);
  });

  it('holds every kind of conversation, with the manager of the day, within the window', async () => {
    const rows = await first.db
      .selectFrom('conversations as c')
      .innerJoin('reporting_lines as rl', (join) =>
        join
          .onRef('rl.report_id', '=', 'c.engineer_id')
          .onRef('rl.manager_id', '=', 'c.manager_id'),
      )
      .select(['c.id', 'c.kind', 'c.status', 'c.starts_at', 'rl.starts_on', 'rl.ends_on'])
      .execute();
    expect(new Set(rows.map((row) => row.kind))).toEqual(
      new Set([
        'initial',
        'where_now',
        'where_to',
        'close_gap',
        'quarterly',
        'promotion',
        'performance',
        'event',
      ]),
    );
    const covered = new Set(
      rows
        .filter((row) => {
          const day = row.starts_at.slice(0, 10);
          return row.starts_on <= day && (row.ends_on === null || day < row.ends_on);
        })
        .map((row) => row.id),
    );
    const all = await first.db
      .selectFrom('conversations')
      .select(['id', 'starts_at', 'status'])
      .execute();
    expect(covered.size).toBe(all.length);
    expect(all.every((c) => c.starts_at >= '2024-03-02')).toBe(true);
    // Future meetings are booked, never held; past ones are mostly held.
    expect(all.filter((c) => c.starts_at > NOW.toISOString() && c.status === 'completed')).toEqual(
      [],
    );
    const past = all.filter((c) => c.starts_at < NOW.toISOString());
    expect(past.filter((c) => c.status === 'completed').length / past.length).toBeGreaterThan(0.85);
  });

  it('links summaries to held conversations and commitments to the engineer’s own contracts', async () => {
    const orphanSummaries = await first.db
      .selectFrom('summary_versions as s')
      .innerJoin('conversations as c', 'c.id', 's.conversation_id')
      .select('s.id')
      .where('c.status', '<>', 'completed')
      .execute();
    expect(orphanSummaries).toEqual([]);
    const crossed = await first.db
      .selectFrom('action_items as a')
      .innerJoin('contracts as k', 'k.id', 'a.contract_id')
      .select('a.id')
      .whereRef('k.engineer_id', '<>', 'a.engineer_id')
      .execute();
    expect(crossed).toEqual([]);
  });

  it('produces records the product reads: a manager opens a report’s timeline', async () => {
    const line = await first.db
      .selectFrom('reporting_lines as rl')
      .innerJoin('people as p', 'p.id', 'rl.report_id')
      .select(['rl.report_id', 'rl.manager_id'])
      .where('rl.ends_on', 'is', null)
      .where('p.is_active', '=', true)
      .orderBy('rl.report_id')
      .executeTakeFirstOrThrow();
    first.clock.set(NOW);
    const agent = await first.agentFor({ id: line.manager_id, email: '', name: '' });
    const response = await agent.request<{ items: unknown[] }>(
      'GET',
      `/api/people/${line.report_id}/timeline`,
    );
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeGreaterThan(0);
  });
});
