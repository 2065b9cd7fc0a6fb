import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BalanceDocument } from '../generated/graphql.js';
import { errorCode, gql } from '../support/graphql.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { signingKey, TestProvider, type SigningKey } from './support/provider.js';

let key: SigningKey;
beforeAll(async () => {
  key = await signingKey('RS256');
});

const started: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.stop();
});
async function providerAndServer(overrides: Record<string, string> = {}): Promise<{ provider: TestProvider; server: TestServer }> {
  const provider = await TestProvider.start([key]);
  started.push(provider);
  const server = await startTestServer(provider.env({ AUTH_HS256: 'false', ...overrides }));
  started.push(server);
  return { provider, server };
}

/** One call with a fresh token (never one the server has cached), and how long it took. */
async function timedCall(server: TestServer, token: string) {
  const started = performance.now();
  const result = await gql(server.url, BalanceDocument, {}, { token });
  return { result, ms: performance.now() - started };
}

describe('identity provider outage', () => {
  it('keys fetched before keep verifying new tokens while the JWKS endpoint is down or hangs', async () => {
    // Keys count as stale after 100 ms, so every call below would fetch them again if it could.
    const { provider, server } = await providerAndServer({ AUTH_JWKS_MAX_AGE_MS: '100' });
    expect((await timedCall(server, await provider.token())).result.errors).toBeUndefined();

    provider.mode = 'hang';
    await sleep(150);
    for (let i = 0; i < 3; i++) {
      const { result, ms } = await timedCall(server, await provider.token());
      expect(result.errors).toBeUndefined();
      // Stale keys answer at once (waiting for the hanging fetch would take 750 ms); the refresh
      // runs behind the request.
      expect(ms).toBeLessThan(700);
    }

    await provider.stop();
    await sleep(150);
    for (let i = 0; i < 3; i++) {
      const { result } = await timedCall(server, await provider.token());
      expect(result.errors).toBeUndefined();
    }
  });

  it('with no keys cached and the JWKS endpoint refusing connections: SERVICE_UNAVAILABLE at once, every time', async () => {
    const { provider, server } = await providerAndServer();
    await provider.stop();
    for (let i = 0; i < 3; i++) {
      const { result, ms } = await timedCall(server, await provider.token());
      expect(errorCode(result)).toBe('SERVICE_UNAVAILABLE');
      expect(result.errors![0].extensions).toMatchObject({ retryAfterSeconds: 1 });
      expect(ms).toBeLessThan(1000);
    }
  });

  it('with no keys cached and the JWKS endpoint never answering: SERVICE_UNAVAILABLE within 1 s, never a hang', async () => {
    const { provider, server } = await providerAndServer();
    provider.mode = 'hang';
    for (let i = 0; i < 3; i++) {
      const { result, ms } = await timedCall(server, await provider.token());
      expect(errorCode(result)).toBe('SERVICE_UNAVAILABLE');
      expect(ms).toBeLessThan(1000);
    }
  });

  it('verifies again once the JWKS endpoint is back, without a restart of boxoffice', async () => {
    const { provider, server } = await providerAndServer();
    provider.mode = 'hang';
    expect(errorCode((await timedCall(server, await provider.token())).result)).toBe('SERVICE_UNAVAILABLE');

    provider.recover();
    // The cut fetch failed; a failed fetch is tried again after a second.
    await expect
      .poll(async () => (await timedCall(server, await provider.token())).result.errors, { timeout: 5_000, interval: 200 })
      .toBeUndefined();
  });
});
