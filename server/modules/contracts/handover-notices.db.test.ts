import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openPlanProbe } from '../../test/query-plan.ts';
import { listRecentHandoverNotes } from './contract-handovers.repository.ts';

/*
 * Every reminder pass (every five minutes, on every instance) looks for handover notes to
 * announce (ADR 106). It must read the two short ranges of migration 0018's indexes, never every
 * note of every past manager change, on both engines.
 */

describe('the handover notices read their indexes', () => {
  let probe: Awaited<ReturnType<typeof openPlanProbe>>;
  beforeAll(async () => {
    probe = await openPlanProbe(inject('templateUrl'), 'handover_notices');
  });
  afterAll(() => probe.close());

  it('finds recent notes through the written-at and change-date indexes', async () => {
    const plan = await probe.planOf((trx) =>
      listRecentHandoverNotes(trx, {
        since: '2026-03-01T00:00:00.000Z',
        sinceDay: '2026-03-08',
        today: '2026-03-15',
      }),
    );
    expect(plan).toContain('contract_handovers_written_at_idx');
    expect(plan).toContain('contract_handovers_change_on_idx');
    if (probe.database.engine === 'sqlite') expect(plan).not.toMatch(/\bSCAN h\b/);
    else expect(plan).not.toMatch(/Filter: .*(written_at >=|change_on >=)/);
  });
});
