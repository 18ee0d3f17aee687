import { describe, expect, it } from 'vitest';
import { createWhatMattersSchema, whatMattersProblems } from './what-matters.ts';

const valid = [
  { value: 'impact', rank: 1, points: 40 },
  { value: 'learning', rank: 2, points: 20 },
  { value: 'culture', rank: 3, points: 15 },
  { value: 'work_life_balance', rank: 4, points: 15 },
  { value: 'compensation', rank: 5, points: 5 },
  { value: 'promotion', rank: 6, points: 5 },
];

describe('whatMattersProblems', () => {
  it('accepts six values, ranks 1–6 once each and exactly 100 points', () => {
    expect(whatMattersProblems(valid)).toEqual([]);
    expect(createWhatMattersSchema.safeParse({ values: valid }).success).toBe(true);
  });

  it('names every problem', () => {
    const broken = valid.map((v, i) => (i === 1 ? { ...v, rank: 1, points: 10 } : v));
    expect(whatMattersProblems(broken)).toEqual([
      { path: ['values', 1, 'rank'], message: 'rank 1 is used twice' },
      { path: ['values'], message: 'points must add up to 100 (got 90)' },
    ]);
    const duplicate = valid.map((v, i) => (i === 5 ? { ...v, value: 'impact' } : v));
    expect(whatMattersProblems(duplicate).map((p) => p.message)).toEqual([
      'Promotion / title is missing',
      'impact appears twice',
    ]);
  });
});
