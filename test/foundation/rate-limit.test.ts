import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcertsDocument } from '../generated/graphql.js';
import { sleep } from '../support/booking.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { identityToken, startTestServer, testEnv, type TestServer } from '../support/server.js';

// Three at once, then one request every 5 s: the refill is slow enough that a loaded machine
// cannot earn a caller a fresh token between the requests of one test.
const limits = { RATE_LIMIT_PER_SECOND: '0.2', RATE_LIMIT_BURST: '3' };
let server: TestServer;
let sibling: TestServer;
beforeAll(async () => {
  const shared = { ...limits, REDIS_PREFIX: testEnv().REDIS_PREFIX };
  server = await startTestServer(shared);
  sibling = await startTestServer(shared);
});
afterAll(async () => {
  await sibling.stop();
  await server.stop();
});

describe('rate limit', () => {
  it('answers RATE_LIMITED with HTTP 429 and Retry-After once a user has used the burst, then lets them in again', async () => {
    const token = await identityToken(server);
    for (let i = 0; i < 3; i++) expect((await gql(server.url, ConcertsDocument, {}, { token })).errors).toBeUndefined();
    const raw = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ concerts { id } }' }),
    });
    expect(raw.status).toBe(429);
    const retryAfter = Number(raw.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);
    const limited = await gql(server.url, ConcertsDocument, {}, { token });
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    const retryAfterSeconds = limited.errors![0].extensions!.retryAfterSeconds as number;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(retryAfter);
    expect(limited.errors![0].extensions!.http).toBeUndefined();
    await sleep(retryAfterSeconds * 1000 + 50);
    expect((await gql(server.url, ConcertsDocument, {}, { token })).errors).toBeUndefined();
  });

  it('counts per user: one user over the limit does not slow another', async () => {
    const greedy = await identityToken(server);
    const other = await identityToken(server);
    await Promise.all(Array.from({ length: 5 }, () => gql(server.url, ConcertsDocument, {}, { token: greedy })));
    expect(errorCode(await gql(server.url, ConcertsDocument, {}, { token: greedy }))).toBe('RATE_LIMITED');
    expect((await gql(server.url, ConcertsDocument, {}, { token: other })).errors).toBeUndefined();
  });

  it('holds across server processes sharing Redis', async () => {
    const token = await identityToken(server);
    await Promise.all([0, 1, 2].map(() => gql(server.url, ConcertsDocument, {}, { token })));
    expect(errorCode(await gql(sibling.url, ConcertsDocument, {}, { token }))).toBe('RATE_LIMITED');
  });

  it('counts operations over WebSocket too', async () => {
    const token = await identityToken(server);
    await Promise.all([0, 1, 2].map(() => gql(server.url, ConcertsDocument, {}, { token })));
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${token}` });
    const result = await subscribe(client, ConcertsDocument).next();
    expect(errorCode(result)).toBe('RATE_LIMITED');
    expect(result.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    await client.dispose();
  });

  it('leaves callers without identity to UNAUTHENTICATED', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => gql(server.url, ConcertsDocument, {})));
    expect(results.map(errorCode)).toEqual(Array(6).fill('UNAUTHENTICATED'));
  });
});
