import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { suppressSmallGroups } from './minimum-group.ts';

const MIN = 5;
const notManager = { isViewerDirectManagerOfAll: false };

describe('suppressSmallGroups', () => {
  it('pools small groups that together reach the minimum', () => {
    const result = suppressSmallGroups(
      [
        { key: 'a', size: 6, isViewersOwn: false },
        { key: 'b', size: 3, isViewersOwn: false },
        { key: 'c', size: 2, isViewersOwn: false },
      ],
      MIN,
      notManager,
    );
    expect([...result.hidden].sort()).toEqual(['b', 'c']);
    expect(result).toMatchObject({ hiddenSize: 5, isTotalHidden: false });
  });

  it('hides the smallest visible group too when one small group alone would be given away by the total', () => {
    const result = suppressSmallGroups(
      [
        { key: 'a', size: 9, isViewersOwn: false },
        { key: 'b', size: 6, isViewersOwn: false },
        { key: 'c', size: 2, isViewersOwn: false },
      ],
      MIN,
      notManager,
    );
    expect([...result.hidden].sort()).toEqual(['b', 'c']);
    expect(result.hiddenSize).toBe(8);
  });

  it('shows a small group to its direct manager, and hides the total when nothing else can cover', () => {
    const result = suppressSmallGroups(
      [
        { key: 'mine', size: 3, isViewersOwn: true },
        { key: 'other', size: 2, isViewersOwn: false },
      ],
      MIN,
      notManager,
    );
    expect([...result.hidden]).toEqual(['other']);
    expect(result.isTotalHidden).toBe(true);
    const alone = suppressSmallGroups([{ key: 'mine', size: 3, isViewersOwn: true }], MIN, {
      isViewerDirectManagerOfAll: true,
    });
    expect(alone).toMatchObject({ hiddenSize: 0, isTotalHidden: false });
  });
});

const groupsArb = fc.array(
  fc.record({ size: fc.integer({ min: 0, max: 12 }), isViewersOwn: fc.boolean() }),
  { maxLength: 8 },
);

describe('suppressSmallGroups properties', () => {
  test.prop([groupsArb])(
    'nothing about fewer than 5 people can be read or derived by anyone but their manager',
    (raw) => {
      const groups = raw.map((g, i) => ({ key: `g${i}`, ...g }));
      const managesAll = groups.every((g) => g.isViewersOwn || g.size === 0);
      const result = suppressSmallGroups(groups, MIN, { isViewerDirectManagerOfAll: managesAll });
      for (const g of groups)
        if (!result.hidden.has(g.key) && !g.isViewersOwn && g.size > 0)
          expect(g.size).toBeGreaterThanOrEqual(MIN);
      const total = groups.reduce((n, g) => n + g.size, 0);
      if (!result.isTotalHidden) {
        // total − visible groups = the hidden ones together: 0 or at least the minimum.
        expect(result.hiddenSize === 0 || result.hiddenSize >= MIN).toBe(true);
        if (!managesAll) expect(total).toBeGreaterThanOrEqual(MIN);
      }
      for (const g of groups) if (g.isViewersOwn) expect(result.hidden.has(g.key)).toBe(false);
    },
  );
});
