import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../src/http/websocket.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** A bare graphql-transport-ws connection, to see exactly what the server sends and how it closes. */
async function connect(authorization: string) {
  const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
  const messages: Array<{ type: string; id?: string; payload?: unknown }> = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() })));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
  await expect.poll(() => messages.some((m) => m.type === 'connection_ack')).toBe(true);
  return { socket, messages, closed };
}

describe('identity over WebSocket', () => {
  it(`a connection is closed with ${CloseCode.IdentityExpired} when its identity token expires, and served until then`, async () => {
    // Far enough ahead that connecting and one query finish first on a busy machine.
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const { socket, messages, closed } = await connect(`Bearer ${await server.app.identity.sign(randomUUID(), { expiresIn: expiresAt })}`);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ balance { amount } }' } }));
    await expect.poll(() => messages.find((m) => m.id === '1' && m.type === 'next')).toMatchObject({ payload: { data: { balance: { amount: 0 } } } });

    const { code, reason, at } = await closed;
    expect(code).toBe(CloseCode.IdentityExpired);
    expect(reason).toMatch(/expired/);
    expect(at).toBeGreaterThanOrEqual(expiresAt * 1000);
    expect(at).toBeLessThan(expiresAt * 1000 + 2000);
  });

  it('a connection whose token lives on stays open', async () => {
    const { socket, closed } = await connect(`Bearer ${await server.app.identity.sign(randomUUID(), { expiresIn: '1h' })}`);
    const outcome = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('open'), 500))]);
    expect(outcome).toBe('open');
    socket.close();
  });
});
