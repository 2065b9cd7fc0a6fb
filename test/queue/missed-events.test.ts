import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueuePositionDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { subscribe, wsClient } from '../support/graphql.js';
import { joinLine, waitForStatus } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { Topic } from '../../src/events/bus.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_ACTIVE_SECONDS: '600' });
});
afterAll(() => server.stop());

describe('a queuePosition subscriber whose events were lost', () => {
  it('gets its true place back by itself, even when the line then goes quiet', async () => {
    const concert = await createConcert(server.app);
    const head = await joinLine(server, concert.id);
    await waitForStatus(server, concert.id, head, 'ACTIVE');
    const next = await joinLine(server, concert.id);
    const me = await joinLine(server, concert.id);
    const client = wsClient(server.wsUrl, { authorization: `Bearer ${me.token}`, queueToken: me.queueToken });
    try {
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      expect((await sub.next()).data!.queuePosition).toMatchObject({ status: 'WAITING', position: 2 });

      // Events of the line vanish for a while, as they do when Redis drops a pub/sub connection.
      const bus = server.app.bus;
      const publish = bus.publish.bind(bus);
      let losing = true;
      bus.publish = ((topic, id, payload) => (losing && topic === Topic.QueueChanged ? Promise.resolve() : publish(topic, id, payload))) as typeof bus.publish;
      try {
        await server.app.queue.complete(concert.id, (await server.app.queue.status(head.queueToken, head.userId)).tokenId);
        await waitForStatus(server, concert.id, next, 'ACTIVE');
      } finally {
        losing = false;
      }
      // Nothing changes any more, so no later event tells the subscriber what it missed.
      const started = Date.now();
      expect((await sub.next(5000)).data!.queuePosition).toMatchObject({ status: 'WAITING', position: 1 });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await client.dispose();
    }
  });
});
