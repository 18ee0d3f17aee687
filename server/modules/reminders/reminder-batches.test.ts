import { describe, expect, it } from 'vitest';
import { teamBatches } from './reminders.service.ts';

describe('reminder passes in batches', () => {
  it('keeps each manager’s team together and every engineer exactly once', () => {
    const engineers = Array.from({ length: 230 }, (_, i) => ({
      id: `e${i}`,
      managerId: `m${i % 23}`,
    }));
    const batches = teamBatches(engineers, 50);
    expect(
      batches
        .flat()
        .map((e) => e.id)
        .sort(),
    ).toEqual(engineers.map((e) => e.id).sort());
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(50);
    const batchOf = new Map<string, number>();
    for (const [index, batch] of batches.entries())
      for (const e of batch) {
        expect(batchOf.get(e.managerId) ?? index).toBe(index);
        batchOf.set(e.managerId, index);
      }
  });

  it('gives a team larger than the batch a batch of its own', () => {
    const big = Array.from({ length: 7 }, (_, i) => ({ id: `b${i}`, managerId: 'big' }));
    const small = [{ id: 's', managerId: 'small' }];
    expect(teamBatches([...small, ...big], 5).map((b) => b.length)).toEqual([1, 7]);
  });
});
