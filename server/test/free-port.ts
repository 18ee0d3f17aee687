import { createServer } from 'node:net';

/**
 * A free TCP port on the loopback interface, chosen by the operating system. Its ephemeral range
 * (32768 and up on Linux) lies above every port the Fetch standard blocks (the highest is 10080),
 * so browsers and Node's fetch will talk to it: a hand-picked range once drew 4190, which both
 * refuse with "bad port".
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
