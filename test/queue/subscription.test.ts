import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueuePositionDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { errorCode, subscribe, wsClient } from '../support/graphql.js';
import { joinLine, waitForStatus } from '../support/queue.js';
import { startTestServer, testEnv, type TestServer } from '../support/server.js';

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  // Two processes on one line: the holder subscribes on one, the line moves on the other.
  const env = { REDIS_PREFIX: testEnv().REDIS_PREFIX, QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_ACTIVE_SECONDS: '600' };
  server = await startTestServer(env);
  other = await startTestServer(env);
});
afterAll(() => Promise.all([server.stop(), other.stop()]));

describe('queuePosition subscription', () => {
  it('pushes the ticket at once, then every position and status change, and completes after COMPLETED', async () => {
    const concert = await createConcert(server.app);
    const line = [];
    for (let i = 0; i < 4; i++) line.push(await joinLine(other, concert.id));
    await waitForStatus(other, concert.id, line[0], 'ACTIVE');
    const me = line[3];
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${me.token}`, queueToken: me.queueToken });
    try {
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      expect((await sub.next()).data!.queuePosition).toMatchObject({ status: 'WAITING', position: 3, token: me.queueToken });

      const tokenIdOf = async (c: typeof me) => (await other.app.queue.status(c.queueToken, c.userId)).tokenId;
      const seen: Array<[string, number | null]> = [];
      for (const ahead of line.slice(0, 3)) {
        await waitForStatus(other, concert.id, ahead, 'ACTIVE');
        await other.app.queue.complete(concert.id, await tokenIdOf(ahead));
        const ticket = (await sub.next()).data!.queuePosition;
        seen.push([ticket.status, ticket.position]);
      }
      expect(seen).toEqual([['WAITING', 2], ['WAITING', 1], ['ACTIVE', null]]);

      await other.app.queue.complete(concert.id, await tokenIdOf(me));
      expect((await sub.next()).data!.queuePosition.status).toBe('COMPLETED');
      await expect(sub.next(2000)).rejects.toThrow('subscription completed');
    } finally {
      await client.dispose();
    }
  });

  it('pushes EXPIRED when an admission runs out, then completes', async () => {
    const short = await startTestServer({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_ACTIVE_SECONDS: '1' });
    try {
      const concert = await createConcert(short.app);
      const me = await joinLine(short, concert.id);
      const client = wsClient(short.wsUrl, { authorization: `Bearer ${me.token}`, queueToken: me.queueToken });
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      const statuses = [];
      for (;;) {
        const ticket = (await sub.next(5000)).data!.queuePosition;
        statuses.push(ticket.status);
        if (ticket.status === 'EXPIRED') break;
      }
      expect(statuses.slice(-2)).toEqual(['ACTIVE', 'EXPIRED']);
      await expect(sub.next(2000)).rejects.toThrow('subscription completed');
      await client.dispose();
    } finally {
      await short.stop();
    }
  });

  it('keeps an open subscription counted as a sign of life, so its holder is not cancelled as idle', async () => {
    const idle = await startTestServer({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_IDLE_SECONDS: '1' });
    try {
      const concert = await createConcert(idle.app);
      const head = await joinLine(idle, concert.id);
      const watcher = await joinLine(idle, concert.id);
      const silent = await joinLine(idle, concert.id);
      const client = wsClient(idle.wsUrl, { authorization: `Bearer ${watcher.token}`, queueToken: watcher.queueToken });
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      expect((await sub.next()).data!.queuePosition.status).toBe('WAITING');
      await waitForStatus(idle, concert.id, head, 'ACTIVE');
      await new Promise((r) => setTimeout(r, 2500));
      expect((await idle.app.queue.status(silent.queueToken, silent.userId)).status).toBe('CANCELLED');
      expect((await idle.app.queue.status(watcher.queueToken, watcher.userId)).status).toBe('WAITING');
      await client.dispose();
    } finally {
      await idle.stop();
    }
  });

  it('refuses a subscription without a valid queue token with QUEUE_TOKEN_INVALID', async () => {
    const concert = await createConcert(server.app);
    const me = await joinLine(server, concert.id);
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${me.token}`, queueToken: `${me.queueToken}x` });
    try {
      expect(errorCode(await subscribe(client, QueuePositionDocument, { concertId: concert.id }).next())).toBe('QUEUE_TOKEN_INVALID');
    } finally {
      await client.dispose();
    }
  });
});
