import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createBackgroundWork, shutDownGracefully } from './shutdown.ts';

const logger = createLogger('silent');

function fakeServer() {
  let onClosed: (() => void) | undefined;
  return {
    close(callback?: () => void) {
      onClosed = callback;
    },
    closeIdleConnections: () => undefined,
    /** The last connection ended. */
    drainConnections: () => onClosed?.(),
  };
}

describe('graceful shutdown', () => {
  it('waits for a background pass in progress (outbox, reminders) before closing the database', async () => {
    const work = createBackgroundWork(logger);
    const events: string[] = [];
    let finishPass: () => void = () => undefined;
    work.run('reminder tick', () =>
      new Promise<void>((resolve) => (finishPass = resolve)).then(
        () => void events.push('pass done'),
      ),
    );
    const server = fakeServer();
    const exits: number[] = [];
    const stopped = shutDownGracefully('SIGTERM', {
      server,
      logger,
      work,
      timers: [],
      close: async () => void events.push('database closed'),
      timeoutMs: 5_000,
      exit: (code) => void exits.push(code),
    });
    server.drainConnections();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);
    work.run('outbox sweep', async () => void events.push('refused: too late'));
    finishPass();
    expect(await stopped).toBe(0);
    expect(events).toEqual(['pass done', 'database closed']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when work outlives the deadline', async () => {
    const work = createBackgroundWork(logger);
    work.run('stuck', () => new Promise(() => undefined));
    const server = fakeServer();
    const exits: number[] = [];
    const stopped = shutDownGracefully('SIGTERM', {
      server,
      logger,
      work,
      timers: [],
      close: async () => undefined,
      timeoutMs: 50,
      exit: (code) => void exits.push(code),
    });
    server.drainConnections();
    expect(await stopped).toBe(1);
    expect(exits).toEqual([1]);
  });

  it('logs a failing pass instead of throwing', async () => {
    const work = createBackgroundWork(logger);
    work.run('broken', async () => {
      throw new Error('boom');
    });
    await work.drain();
    expect(work.pending).toBe(0);
  });
});
