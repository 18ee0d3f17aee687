import { describe, expect, it } from 'vitest';
import { remembered } from './remembered.ts';

describe('remembered', () => {
  it('computes each input once while it is remembered', () => {
    const calls: number[] = [];
    const square = remembered((n: number) => {
      calls.push(n);
      return n * n;
    }, 10);
    expect([square(3), square(3), square(4), square(3)]).toEqual([9, 9, 16, 9]);
    expect(calls).toEqual([3, 4]);
  });

  it('remembers answers that are falsy or NaN too', () => {
    let calls = 0;
    const parse = remembered((s: string) => {
      calls += 1;
      return Number(s);
    }, 10);
    expect(parse('x')).toBeNaN();
    expect(parse('x')).toBeNaN();
    expect(parse('0')).toBe(0);
    expect(parse('0')).toBe(0);
    expect(calls).toBe(2);
  });

  it('starts afresh when full and still answers correctly', () => {
    const calls: number[] = [];
    const double = remembered((n: number) => {
      calls.push(n);
      return 2 * n;
    }, 2);
    expect([double(1), double(2), double(3), double(1)]).toEqual([2, 4, 6, 2]);
    // 3 found the memory full (1 and 2) and cleared it, so 1 is computed again.
    expect(calls).toEqual([1, 2, 3, 1]);
  });
});
