import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Transaction } from '../../db/client.ts';
import { openPlanProbe } from '../../test/query-plan.ts';
import {
  listExpiredPrivateNotes,
  listExpiredPrivatePrep,
  listExpiredTalkingPoints,
} from './retention-purge.repository.ts';

/*
 * The retention pass runs its queries every day on every instance, and usually finds nothing to
 * delete. Each must read one range of its index (migration 0017), never the whole table, on both
 * engines: on SQLite the plan has no SCAN and no sort; on PostgreSQL, told to avoid sequential
 * scans, it uses the index (so the partial index's condition matches the query as it is sent).
 */

const CUTOFF = '2024-01-01T00:00:00.000Z';

describe('the retention pass reads its indexes', () => {
  let probe: Awaited<ReturnType<typeof openPlanProbe>>;
  beforeAll(async () => {
    probe = await openPlanProbe(inject('templateUrl'), 'retention');
  });
  afterAll(() => probe.close());

  const cases = [
    {
      what: 'private prep answers',
      index: 'prep_answers_retention_idx',
      list: (trx: Transaction) => listExpiredPrivatePrep(trx, CUTOFF, 500),
    },
    {
      what: 'private notes',
      index: 'private_notes_retention_idx',
      list: (trx: Transaction) => listExpiredPrivateNotes(trx, CUTOFF, 500),
    },
    {
      what: "managers' talking points",
      index: 'manager_preps_retention_idx',
      list: (trx: Transaction) => listExpiredTalkingPoints(trx, CUTOFF, 500),
    },
  ];

  for (const { what, index, list } of cases)
    it(`finds expired ${what} through ${index}`, async () => {
      const plan = await probe.planOf(list);
      expect(plan).toContain(index);
      if (probe.database.engine === 'sqlite') {
        expect(plan).not.toMatch(/\bSCAN\b/);
        expect(plan).not.toContain('TEMP B-TREE');
      }
    });
});
