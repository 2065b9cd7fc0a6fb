import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConcertsDocument } from '../generated/graphql.js';
import { errorCode, gql } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

// Three anonymous operations at once, then one per ten seconds: a slow refill keeps the counts
// exact however slowly this busy machine sends the requests.
const limits = { RATE_LIMIT_PER_IP_PER_SECOND: '0.1', RATE_LIMIT_PER_IP_BURST: '3' };
let direct: TestServer;
let behindProxy: TestServer;
beforeAll(async () => {
  direct = await startTestServer(limits);
  behindProxy = await startTestServer({ ...limits, TRUSTED_PROXIES: 'loopback' });
});
afterAll(async () => {
  await direct.stop();
  await behindProxy.stop();
});

const anonymous = (server: TestServer, headers: Record<string, string> = {}) => gql(server.url, ConcertsDocument, {}, { headers });

/** Opens a WebSocket; resolves with the HTTP status of a refused upgrade, or 101 when accepted. */
const connect = (server: TestServer) =>
  new Promise<number>((resolve) => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => undefined);
  });

describe('budget per client address', () => {
  it('limits operations without a valid identity per address: RATE_LIMITED with HTTP 429', async () => {
    for (let i = 0; i < 3; i++) expect(errorCode(await anonymous(direct))).toBe('UNAUTHENTICATED');
    const limited = await anonymous(direct);
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    // A signed-in fan from the same address is counted on their own budget, not the address's.
    expect((await gql(direct.url, ConcertsDocument, {}, { token: await identityToken(direct) })).errors).toBeUndefined();
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const server = await startTestServer(limits);
    try {
      for (let i = 0; i < 3; i++) await anonymous(server, { 'x-forwarded-for': `203.0.113.${i}` });
      expect(errorCode(await anonymous(server, { 'x-forwarded-for': '203.0.113.99' }))).toBe('RATE_LIMITED');
    } finally {
      await server.stop();
    }
  });

  it('behind a trusted proxy, each forwarded client address has its own budget', async () => {
    for (let i = 0; i < 3; i++) await anonymous(behindProxy, { 'x-forwarded-for': '198.51.100.1' });
    expect(errorCode(await anonymous(behindProxy, { 'x-forwarded-for': '198.51.100.1' }))).toBe('RATE_LIMITED');
    expect(errorCode(await anonymous(behindProxy, { 'x-forwarded-for': '198.51.100.2' }))).toBe('UNAUTHENTICATED');
  });

  it('refuses new WebSocket connections from an address over its budget with 429', async () => {
    const server = await startTestServer(limits);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await connect(server));
      expect(statuses.slice(0, 3)).toEqual([101, 101, 101]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await server.stop();
    }
  });
});
