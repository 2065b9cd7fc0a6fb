import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcertsDocument } from '../generated/graphql.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const sign = (secret: string, claims: { sub?: string; exp?: number }) => {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (claims.sub) jwt.setSubject(claims.sub);
  if (claims.exp) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(secret));
};

describe('identity', () => {
  const badTokens: Record<string, () => Promise<string | undefined>> = {
    missing: async () => undefined,
    malformed: async () => 'not-a-jwt',
    forged: () => sign('another-secret-of-at-least-32-characters!!', { sub: randomUUID() }),
    expired: () => sign(server.config.AUTH_JWT_SECRET, { sub: randomUUID(), exp: Math.floor(Date.now() / 1000) - 60 }),
    'subject not a UUID': () => sign(server.config.AUTH_JWT_SECRET, { sub: 'alice' }),
  };

  for (const [name, make] of Object.entries(badTokens)) {
    it(`refuses a ${name} JWT over HTTP with UNAUTHENTICATED`, async () => {
      const result = await gql(server.url, ConcertsDocument, {}, { token: await make() });
      expect(errorCode(result)).toBe('UNAUTHENTICATED');
      expect(result.data).toBeNull();
    });

    it(`refuses a ${name} JWT over WebSocket with UNAUTHENTICATED`, async () => {
      const token = await make();
      const client = wsClient(server.wsUrl, token ? { authorization: `Bearer ${token}` } : {});
      try {
        const result = await subscribe(client, ConcertsDocument).next();
        expect(errorCode(result)).toBe('UNAUTHENTICATED');
      } finally {
        await client.dispose();
      }
    });
  }

  it('accepts a valid JWT over HTTP and WebSocket and provisions the user on first sight', async () => {
    const userId = randomUUID();
    const token = await identityToken(server, userId);
    const http = await gql(server.url, ConcertsDocument, {}, { token });
    expect(http.errors).toBeUndefined();
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${token}` });
    try {
      const ws = await subscribe(client, ConcertsDocument).next();
      expect(ws.errors).toBeUndefined();
    } finally {
      await client.dispose();
    }
    const rows = await server.app.orm.em.getConnection().execute('select id from app_user where id = ?', [userId]);
    expect(rows).toHaveLength(1);
  });

  it('provisions every one of many new users who call at once (one of them twice), each exactly once', async () => {
    const users = Array.from({ length: 150 }, () => randomUUID());
    const tokens = await Promise.all(users.map((u) => identityToken(server, u)));
    const results = await Promise.all([...tokens, tokens[0]].map((token) => gql(server.url, ConcertsDocument, {}, { token })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const rows = await server.app.orm.em.getConnection().execute<{ id: string }[]>('select id from app_user where id in (?)', [users]);
    expect(rows.map((r) => r.id).sort()).toEqual([...users].sort());
  });
});
