import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const manyAliases = `{ ${Array.from({ length: 40 }, (_, i) => `c${i}: concerts { id }`).join(' ')} }`;

describe('operation limits', () => {
  it('rejects an operation that repeats a field under 40 aliases, before running it (HTTP)', async () => {
    const result = await gql(server.url, manyAliases, {}, { token: await identityToken(server) });
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data).toBeUndefined();
  });

  it('rejects the same operation over WebSocket', async () => {
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${await identityToken(server)}` });
    try {
      const result = await subscribe(client, manyAliases).next();
      expect(result.errors?.[0]?.message).toMatch(/alias/i);
    } finally {
      await client.dispose();
    }
  });

  it('still answers the introspection query an explorer sends', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const result = await gql<{ __schema: unknown }, Record<string, never>>(server.url, getIntrospectionQuery(), {});
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema).toBeTruthy();
  });
});
