import autocannon from 'autocannon';

/**
 * Load generation with autocannon. Latency is measured at concurrency 1 from autocannon's own
 * per-response timings (fractional milliseconds; its histogram rounds to whole ones), throughput
 * at concurrency 16 over a fixed duration.
 */

export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Per-connection state: which actor a connection plays and anything carried between requests. */
export interface Connection {
  index: number;
  state: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  /** The next request of a connection. */
  next(connection: Connection): HttpRequest;
  /** Sees every response (e.g. to carry a version to the next write). */
  onResponse?(status: number, body: string, connection: Connection): void;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  errors: number;
  /** How many responses had each non-2xx status ("transport" for timeouts and socket errors). */
  errorStatuses: Record<string, number>;
  latency: Percentiles;
  /** Every response time (ms), for merging rounds. */
  samples: number[];
  /** The server's processor time per response (ms), when the caller measured it. */
  serverCpuMs?: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean };
}

interface AutocannonContext {
  connection?: Connection;
}

/** Runs scenarios (one per connection slot, cycling) against the server for `seconds`. */
export async function runLoad(input: {
  baseUrl: string;
  connections: number;
  seconds?: number;
  amount?: number;
  /** The scenario each request is drawn from, in turn: a weighted mix repeats names. */
  mix: readonly Scenario[];
}): Promise<LoadResult> {
  let nextConnection = 0;
  const samples: number[] = [];
  let errors = 0;
  const errorStatuses: Record<string, number> = {};
  const connectionOf = (context: AutocannonContext): Connection => {
    context.connection ??= { index: nextConnection++, state: {} };
    return context.connection;
  };
  const requests = input.mix.map((scenario) => ({
    setupRequest: (request: autocannon.Request, context: object) => {
      const next = scenario.next(connectionOf(context as AutocannonContext));
      return {
        ...request,
        method: next.method,
        path: next.path,
        headers: next.headers,
        ...(next.body === undefined ? {} : { body: next.body }),
      };
    },
    onResponse: (status: number, body: string, context: object) => {
      if (status < 200 || status >= 300) {
        errors += 1;
        errorStatuses[status] = (errorStatuses[status] ?? 0) + 1;
      }
      scenario.onResponse?.(status, body, connectionOf(context as AutocannonContext));
    },
  }));
  const options: autocannon.Options = {
    url: input.baseUrl,
    connections: input.connections,
    ...(input.amount === undefined ? { duration: input.seconds ?? 5 } : { amount: input.amount }),
    timeout: 60,
    requests,
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, finished: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(finished);
    });
    instance.on('response', (_client, _status, _bytes, time) => {
      samples.push(time);
    });
  });
  const transportErrors = result.errors + result.timeouts;
  if (transportErrors > 0) errorStatuses.transport = transportErrors;
  const seconds = result.duration;
  return {
    requests: samples.length,
    seconds,
    perSecond: samples.length / seconds,
    errors: errors + transportErrors,
    errorStatuses,
    latency: percentiles(samples),
    samples,
  };
}
