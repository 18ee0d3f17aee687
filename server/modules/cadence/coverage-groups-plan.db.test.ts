import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openPlanProbe } from '../../test/query-plan.ts';
import { listTeams } from './coverage-groups.repository.ts';

/*
 * A leader's home and dashboard read the teams of their subtree. The cost must follow the
 * subtree, not the organisation: each team is found by its key, never by reading every team
 * (on SQLite a join with the recursive walk scanned them all: 1.6 ms at 100,000 people against
 * 0.17 ms by key, for a subtree of 93). On PostgreSQL, told to avoid sequential scans, the plan
 * reaches the teams through their primary key.
 */

describe("a subtree's teams are read by key", () => {
  let probe: Awaited<ReturnType<typeof openPlanProbe>>;
  beforeAll(async () => {
    probe = await openPlanProbe(inject('templateUrl'), 'subtree_teams');
  });
  afterAll(() => probe.close());

  it('looks each manager of the subtree up in coverage_groups', async () => {
    const plan = await probe.planOf((trx) =>
      listTeams(trx, { kind: 'subtree', rootId: 'some-manager' }, '2026-03-02'),
    );
    if (probe.database.engine === 'sqlite') {
      expect(plan).toMatch(/SEARCH g USING (COVERING )?INDEX sqlite_autoindex_coverage_groups_1/);
      expect(plan).not.toMatch(/\bSCAN g\b/);
    } else expect(plan).toContain('coverage_groups_pkey');
  });
});
