import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BalanceDocument } from '../generated/graphql.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';
import { signingKey, TestProvider, type SigningKey } from './support/provider.js';

/** Short enough to wait out in a test; the default is 30 s. */
const COOLDOWN_MS = 1000;

let rsa: SigningKey;
let ec: SigningKey;
beforeAll(async () => {
  [rsa, ec] = await Promise.all([signingKey('RS256'), signingKey('ES256')]);
});

/** Each test gets its own provider and server, so fetch counts and key caches start empty. */
const started: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.stop();
});
async function providerAndServer(keys: SigningKey[], overrides: Record<string, string> = {}): Promise<{ provider: TestProvider; server: TestServer }> {
  const provider = await TestProvider.start(keys);
  started.push(provider);
  // As in production: only the provider's tokens count.
  const server = await startTestServer(provider.env({ AUTH_HS256: 'false', AUTH_JWKS_COOLDOWN_MS: String(COOLDOWN_MS), ...overrides }));
  started.push(server);
  return { provider, server };
}

const userIdOf = async (server: TestServer, token: string) => {
  const result = await gql(server.url, BalanceDocument, {}, { token });
  expect(result.errors).toBeUndefined();
  return result.data!.balance.userId;
};

describe('identity from a JWKS', () => {
  it('accepts RS256 and ES256 tokens signed with the published keys, over HTTP and WebSocket', async () => {
    const { provider, server } = await providerAndServer([rsa, ec]);
    for (const key of [rsa, ec]) {
      const sub = randomUUID();
      expect(await userIdOf(server, await provider.token({ sub }, key))).toBe(sub);
      const client = wsClient(server.wsUrl, { authorization: `Bearer ${await provider.token({ sub }, key)}` });
      try {
        expect((await subscribe(client, BalanceDocument).next()).data!.balance.userId).toBe(sub);
      } finally {
        await client.dispose();
      }
    }
    expect(provider.fetches).toBe(1);
  });

  it('accepts a token of a rotated key (new kid) without a restart, with one more fetch', async () => {
    const { provider, server } = await providerAndServer([rsa]);
    await userIdOf(server, await provider.token());
    expect(provider.fetches).toBe(1);

    const next = await signingKey('RS256');
    provider.published = [next];
    await sleep(COOLDOWN_MS + 100);
    await userIdOf(server, await provider.token({}, next));
    expect(provider.fetches).toBe(2);
  });

  it('refuses a token with an unknown kid after one refetch, and a flood of unknown kids fetches no more', async () => {
    const { provider, server } = await providerAndServer([rsa]);
    await userIdOf(server, await provider.token());
    await sleep(COOLDOWN_MS + 100);

    const stranger = await signingKey('RS256');
    const started = performance.now();
    const flood = await Promise.all(Array.from({ length: 30 }, async () => gql(server.url, BalanceDocument, {}, { token: await provider.token({}, stranger) })));
    expect(flood.map(errorCode)).toEqual(flood.map(() => 'UNAUTHENTICATED'));
    expect(flood[0].errors![0].message).toMatch(/ERR_JWKS_NO_MATCHING_KEY/);
    const again = await gql(server.url, BalanceDocument, {}, { token: await provider.token({}, stranger) });
    expect(errorCode(again)).toBe('UNAUTHENTICATED');
    // One refetch for the unknown kid, then at most one more per cooldown however many arrive
    // (a slow machine may stretch the flood over more than one cooldown).
    const cooldowns = Math.floor((performance.now() - started) / COOLDOWN_MS);
    expect(provider.fetches).toBeGreaterThanOrEqual(2);
    expect(provider.fetches).toBeLessThanOrEqual(2 + cooldowns);
  });

  describe('refuses with UNAUTHENTICATED', () => {
    let provider: TestProvider;
    let server: TestServer;
    beforeAll(async () => {
      provider = await TestProvider.start([rsa, ec]);
      server = await startTestServer(provider.env({ AUTH_HS256: 'false' }));
    });
    afterAll(async () => {
      await server.stop();
      await provider.stop();
    });

    const now = () => Math.floor(Date.now() / 1000);
    // Each with the reason the server gives, so a token refused for another reason fails the test.
    const forgeries: Record<string, [make: () => Promise<string> | string, reason: RegExp]> = {
      'a token of another issuer': [() => provider.token({ iss: 'https://elsewhere.example/' }), /"iss" claim/],
      'a token for another audience': [() => provider.token({ aud: 'another-api' }), /"aud" claim/],
      'an expired token': [() => provider.token({ iat: now() - 600, exp: now() - 60 }), /expired/],
      'a token not valid yet (nbf)': [() => provider.token({ nbf: now() + 600 }), /"nbf" claim/],
      'a token without exp': [() => provider.token({ exp: undefined }), /"exp" claim/],
      'an unsigned token (alg: none)': [() => provider.unsignedToken(), /ERR_JOSE_ALG_NOT_ALLOWED|ERR_JOSE_NOT_SUPPORTED/],
      'an HS256 token signed with the provider public key (algorithm confusion)': [() => provider.publicKeyAsHmacToken(rsa), /ERR_JOSE_ALG_NOT_ALLOWED/],
      'an HS256 token signed with AUTH_JWT_SECRET (development tokens are off)': [() => identityToken(server), /ERR_JOSE_ALG_NOT_ALLOWED/],
      'a token signed by another key under a published kid': [
        async () => provider.token({}, { ...(await signingKey('RS256')), kid: rsa.kid }),
        /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
      ],
      'a token whose subject claim is empty': [() => provider.token({ sub: '' }), /"sub" claim must name the user/],
    };

    for (const [name, [make, reason]] of Object.entries(forgeries)) {
      it(`${name}, over HTTP and WebSocket`, async () => {
        const token = await make();
        const http = await gql(server.url, BalanceDocument, {}, { token });
        expect(errorCode(http)).toBe('UNAUTHENTICATED');
        expect(http.errors![0].message).toMatch(reason);
        expect(http.data).toBeNull();

        const client = wsClient(server.wsUrl, { authorization: `Bearer ${token}` });
        try {
          expect(errorCode(await subscribe(client, BalanceDocument).next())).toBe('UNAUTHENTICATED');
        } finally {
          await client.dispose();
        }
      });
    }

    it('while a development server (HS256 on) still refuses the algorithm-confusion forgery', async () => {
      const dev = await startTestServer(provider.env());
      try {
        expect(dev.config.AUTH_HS256).toBe(true);
        expect((await gql(dev.url, BalanceDocument, {}, { token: await identityToken(dev) })).errors).toBeUndefined();
        expect(errorCode(await gql(dev.url, BalanceDocument, {}, { token: await provider.publicKeyAsHmacToken(rsa) }))).toBe('UNAUTHENTICATED');
      } finally {
        await dev.stop();
      }
    });
  });
});
