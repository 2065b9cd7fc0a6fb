/**
 * HTTP load from this process (never the server's): autocannon keeps `connections` requests in
 * flight and counts what came back. Every GraphQL answer is read, so an `errors` array counts as a
 * failure even under status 200.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  failed: number;
  firstFailure?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Run this long, or (`amount`) until this many requests were sent. */
  seconds?: number;
  amount?: number;
  /** The fixed request, or (with `vary`) the template each request is made from. */
  body: string;
  headers?: Record<string, string>;
  /** Request i's own headers (a new user, another fan's token). */
  vary?: (i: number) => Record<string, string>;
  /** Whether a 200 body is a success (default: GraphQL without `errors`). */
  ok?: (body: string) => boolean;
}

const graphqlOk = (body: string) => !body.includes('"errors"');

export async function load(options: LoadOptions): Promise<LoadResult> {
  const ok = options.ok ?? graphqlOk;
  let failed = 0;
  let firstFailure: string | undefined;
  let sent = 0;
  const headers = { 'content-type': 'application/json', ...options.headers };
  const started = performance.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.seconds ? { duration: options.seconds } : { amount: options.amount }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        body: options.body,
        headers,
        ...(options.vary ? { setupRequest: (req) => ({ ...req, headers: { ...headers, ...options.vary!(sent++) } }) } : {}),
        onResponse: (status, body) => {
          if (status === 200 && ok(body)) return;
          failed++;
          firstFailure ??= `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const requests = result['2xx'] + result.non2xx;
  // Timed here: autocannon reports whole seconds for a run of `amount` requests (1,000 requests
  // in half a second read as 990 req/s).
  const seconds = (performance.now() - started) / 1000;
  return {
    requests,
    perSecond: Math.round(requests / seconds),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    failed: failed + result.errors + result.timeouts,
    ...(firstFailure ? { firstFailure } : {}),
  };
}
