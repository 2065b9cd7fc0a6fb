import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ConcertsDocument } from '../generated/graphql.js';
import { errorCode, gql } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';
import { TcpProxy } from '../support/tcp-proxy.js';

let server: TestServer;
let pgProxy: TcpProxy;
let redisProxy: TcpProxy;

beforeAll(async () => {
  const db = new URL(inject('databaseUrl'));
  const redis = new URL(inject('redisUrl'));
  pgProxy = await new TcpProxy(db.hostname, Number(db.port || 5432)).start();
  redisProxy = await new TcpProxy(redis.hostname, Number(redis.port || 6379)).start();
  db.host = `127.0.0.1:${pgProxy.port}`;
  redis.host = `127.0.0.1:${redisProxy.port}`;
  server = await startTestServer({ DATABASE_URL: db.toString(), REDIS_URL: redis.toString() });
});
afterAll(async () => {
  await server.stop();
  await pgProxy.stop();
  await redisProxy.stop();
});

const readyz = async () => {
  const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
  return { status: res.status, body: (await res.json()) as { postgres: string; redis: string } };
};

async function eventually<T>(probe: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (accept(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('health and readiness', () => {
  it('/healthz answers while the process is up', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
  });

  it('/readyz is 503 naming Redis while Redis is unreachable, and 200 again once it is back, without a restart', async () => {
    expect((await readyz()).status).toBe(200);
    await redisProxy.stop();
    const down = await eventually(readyz, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.body.redis).toMatch(/unreachable/);
    expect(down.body.postgres).toBe('ok');
    await redisProxy.start();
    expect((await eventually(readyz, (r) => r.status === 200)).status).toBe(200);
  });

  it('/readyz is 503 naming PostgreSQL while it is unreachable, queries fail with SERVICE_UNAVAILABLE, and all recovers', async () => {
    const token = await identityToken(server);
    expect((await gql(server.url, ConcertsDocument, {}, { token })).errors).toBeUndefined();
    await pgProxy.stop();
    const down = await eventually(readyz, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.body.postgres).toMatch(/unreachable/);
    expect(errorCode(await gql(server.url, ConcertsDocument, {}, { token: await identityToken(server) }))).toBe('SERVICE_UNAVAILABLE');
    await pgProxy.start();
    expect((await eventually(readyz, (r) => r.status === 200)).status).toBe(200);
    expect((await gql(server.url, ConcertsDocument, {}, { token })).errors).toBeUndefined();
  });
});
