import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/identity.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { errorCode, gql, subscribe, wsClient, type GqlResult } from '../support/graphql.js';
import { testEnv, type TestServer } from '../support/server.js';
import { PROBE_MUTATION, PROBE_QUERY, PROBE_SUBSCRIPTION, startProbeServer } from './support/operator-probe.js';
import { signingKey, TestProvider } from './support/provider.js';

/** The three kinds of operator-only operation, each answered over its own transport. */
async function callEach(server: TestServer, token: string | undefined): Promise<Array<GqlResult<unknown>>> {
  const client = wsClient(server.wsUrl, token ? { authorization: `Bearer ${token}` } : {});
  try {
    return [
      await gql(server.url, PROBE_QUERY, {}, { token }),
      await gql(server.url, PROBE_MUTATION, {}, { token }),
      await subscribe(client, PROBE_SUBSCRIPTION).next(),
    ];
  } finally {
    await client.dispose();
  }
}

const answered = { operatorProbe: 'query' };

describe('operator role (development tokens)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startProbeServer();
  });
  afterAll(() => server.stop());

  it('a token with the operator role may run operator-only queries, mutations and subscriptions', async () => {
    const results = await callEach(server, await server.app.identity.sign(randomUUID(), { roles: [Role.Operator] }));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(results.map((r) => r.data)).toEqual([answered, { operatorProbeChange: 'mutation' }, { operatorProbeEvents: 'subscription' }]);
  });

  it('a signed-in caller without the operator role gets FORBIDDEN from each', async () => {
    for (const roles of [[], ['fan', 'operators']]) {
      const results = await callEach(server, await server.app.identity.sign(randomUUID(), { roles }));
      expect(results.map(errorCode)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(results[0].data).toBeNull();
    }
  });

  it('a caller without identity gets UNAUTHENTICATED, not FORBIDDEN', async () => {
    expect((await callEach(server, undefined)).map(errorCode)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('`npm run token -- --operator` mints an operator token; without the flag a plain one', async () => {
    const mint = async (...args: string[]) => {
      const { stdout } = await promisify(execFile)(process.execPath, [resolve(PROJECT_ROOT, 'dist', 'scripts', 'token.js'), ...args], { env: { ...process.env, ...testEnv() } });
      return stdout.trim();
    };
    const userId = randomUUID();
    expect(await gql(server.url, PROBE_QUERY, {}, { token: await mint(userId, '--operator') })).toMatchObject({ data: answered });
    expect(errorCode(await gql(server.url, PROBE_QUERY, {}, { token: await mint(userId) }))).toBe('FORBIDDEN');
  });
});

describe('operator role (identity provider)', () => {
  let provider: TestProvider;
  let keycloakLike: TestServer;
  let auth0Like: TestServer;
  const AUTH0_ROLES = 'https://boxoffice.example/roles';
  beforeAll(async () => {
    provider = await TestProvider.start([await signingKey('RS256')]);
    keycloakLike = await startProbeServer(provider.env({ AUTH_ROLES_CLAIM: 'realm_access.roles' }));
    auth0Like = await startProbeServer(provider.env({ AUTH_ROLES_CLAIM: AUTH0_ROLES }));
  });
  afterAll(async () => {
    await keycloakLike?.stop();
    await auth0Like?.stop();
    await provider?.stop();
  });

  it('reads the roles from a nested claim path (Keycloak realm_access.roles)', async () => {
    const operator = await provider.token({ realm_access: { roles: ['offline_access', Role.Operator] } });
    expect((await callEach(keycloakLike, operator)).map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    // Only the configured claim counts.
    const elsewhere = await provider.token({ roles: [Role.Operator], realm_access: { roles: ['offline_access'] } });
    expect(errorCode(await gql(keycloakLike.url, PROBE_QUERY, {}, { token: elsewhere }))).toBe('FORBIDDEN');
  });

  it('reads the roles from a claim named by a URL (Auth0 namespaced claim)', async () => {
    expect(await gql(auth0Like.url, PROBE_QUERY, {}, { token: await provider.token({ [AUTH0_ROLES]: [Role.Operator] }) })).toMatchObject({ data: answered });
    expect(errorCode(await gql(auth0Like.url, PROBE_QUERY, {}, { token: await provider.token({ [AUTH0_ROLES]: ['fan'] }) }))).toBe('FORBIDDEN');
  });
});
