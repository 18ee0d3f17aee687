import { describe, expect, it } from 'vitest';
import { yieldToRequests } from './yield.ts';

describe('yieldToRequests', () => {
  it('lets I/O callbacks already waiting run first, which an awaited synchronous query does not', async () => {
    let hasRun = false;
    setImmediate(() => {
      hasRun = true;
    });
    await Promise.resolve();
    expect(hasRun).toBe(false);
    await yieldToRequests();
    expect(hasRun).toBe(true);
  });
});
