import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoDate } from '../../clock.ts';
import { generateOrganisation } from '../../demo/synthetic/generate.ts';
import { createTestHarness } from '../../test/harness.ts';
import type { TestHarness } from '../../test/harness.ts';
import { listEngineers, listEngineersAfter } from './cadence-history.repository.ts';

/*
 * A pass over everyone reads engineers in pages of the people key (the reminder tick, ADR 110):
 * the pages together must be everyone listed at once, each exactly once, in the same form.
 */

const NOW = new Date('2026-03-02T09:00:00.000Z');

describe('engineers in pages', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await createTestHarness();
    t.clock.set(NOW);
    await generateOrganisation(t.database, { people: 60, seed: 'pages', now: NOW, years: 1 });
  }, 180_000);
  afterAll(() => t.close());

  it('gives everyone once, page after page, whatever the page size', async () => {
    const today = toIsoDate(NOW);
    const everyone = await listEngineers(t.db, { kind: 'everyone' }, today);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(everyone.length).toBeGreaterThan(20);
    for (const size of [1, 7, everyone.length, everyone.length + 1]) {
      const paged = [];
      let after: string | null = null;
      for (;;) {
        const page = await listEngineersAfter(t.db, after, size, today);
        expect(page.length).toBeLessThanOrEqual(size);
        if (page.length === 0) break;
        paged.push(...page);
        after = page.at(-1)?.id ?? null;
      }
      expect(paged).toEqual([...everyone].sort(byId));
    }
  });
});
