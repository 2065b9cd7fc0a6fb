import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConcertsDocument } from '../generated/graphql.js';
import { gql } from '../support/graphql.js';
import { testEnv } from '../support/server.js';
import { spawnServer } from '../support/process.js';
import { IdentityVerifier } from '../../src/auth/identity.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { randomUUID } from 'node:crypto';

describe('graceful shutdown', () => {
  it('on SIGTERM closes WebSockets with 1001, stops accepting, and exits 0 within 10 s', async () => {
    const server = await spawnServer();
    const token = await new IdentityVerifier(loadConfig(testEnv()), createLogger('silent')).sign(randomUUID());
    expect((await gql(server.url, ConcertsDocument, {}, { token })).errors).toBeUndefined();

    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await closed).toBe(1001);
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(fetch(server.url, { method: 'POST' })).rejects.toThrow();
  });
});
