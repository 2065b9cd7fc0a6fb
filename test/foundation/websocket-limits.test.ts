import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../src/http/websocket.js';
import { errorCode, subscribe, wsClient } from '../support/graphql.js';
import { identityToken, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    WS_INIT_TIMEOUT_MS: '300',
    WS_MAX_PAYLOAD_BYTES: '2048',
    WS_KEEPALIVE_MS: '200',
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
    WS_MAX_CONNECTIONS_PER_ADDRESS: '6',
    WS_MAX_CONNECTIONS_PER_USER: '2',
  });
});
afterAll(() => server.stop());

/** A raw graphql-transport-ws socket; resolves once open. */
async function open(options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws', options);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return socket;
}
const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
const init = (socket: WebSocket, token: string) => {
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  return new Promise((resolve) => socket.once('message', resolve));
};
const subscription = 'subscription { queuePosition(concertId: "8f0c3f5e-1111-4111-8111-111111111111") { status } }';

describe('WebSocket limits', () => {
  it('closes a connection that does not initialise within WS_INIT_TIMEOUT_MS (4408)', async () => {
    const socket = await open();
    expect(await closed(socket)).toBe(CloseCode.InitTimeout);
  });

  it('closes a connection that sends a message over WS_MAX_PAYLOAD_BYTES (1009)', async () => {
    const socket = await open();
    const code = closed(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { junk: 'x'.repeat(4096) } }));
    expect(await code).toBe(CloseCode.MessageTooBig);
  });

  it('drops a peer that stops answering keep-alive pings', async () => {
    const socket = await open({ autoPong: false });
    const code = closed(socket);
    await init(socket, await identityToken(server));
    const started = Date.now();
    expect(await code).toBe(1006);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers LIMIT_EXCEEDED to an operation beyond WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', async () => {
    const token = await identityToken(server);
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${token}` });
    try {
      // Two subscriptions that stay open (they fail on the missing queue token, so use queries that wait).
      const first = subscribe(client, 'subscription { seatsChanged(scheduleId: "8f0c3f5e-1111-4111-8111-111111111111") { id } }');
      const second = subscribe(client, 'subscription { seatsChanged(scheduleId: "8f0c3f5e-1111-4111-8111-111111111112") { id } }');
      // Both end with QUEUE_TOKEN_INVALID (no queue token), so the cap is checked while they are open:
      // the third is sent at once, before either answered.
      const third = subscribe(client, subscription);
      const codes = [errorCode(await first.next()), errorCode(await second.next()), errorCode(await third.next())];
      expect(codes).toEqual(['QUEUE_TOKEN_INVALID', 'QUEUE_TOKEN_INVALID', 'LIMIT_EXCEEDED']);
    } finally {
      await client.dispose();
    }
  });

  it('closes a user\'s connection beyond WS_MAX_CONNECTIONS_PER_USER with 4429', async () => {
    const token = await identityToken(server);
    const sockets = [await open(), await open()];
    for (const s of sockets) await init(s, token);
    const third = await open();
    const code = closed(third);
    third.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    expect(await code).toBe(CloseCode.TooManyConnections);
    await Promise.all(sockets.map((s) => (s.close(), closed(s))));
  });

  it('refuses a connection beyond WS_MAX_CONNECTIONS_PER_ADDRESS with HTTP 429', async () => {
    const sockets = [];
    for (let i = 0; i < 6; i++) sockets.push(await open());
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => resolve(101));
      socket.once('error', () => undefined);
    });
    expect(refused).toBe(429);
    await Promise.all(sockets.map((s) => (s.close(), closed(s))));
  });
});
