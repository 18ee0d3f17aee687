/**
 * Flags for the Node.js process that runs the server (`npm start`, the benchmark). A young
 * generation of 64 MB per semi-space instead of V8's 16 MB: at 100,000 people the server keeps
 * about 230 MB of state between requests, and each of the scavenges that clear the short-lived
 * garbage of requests then paused it for about 3 ms, often enough to land in a page's slowest
 * twentieth; with a larger young generation they come about half as often (ADR 113).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
