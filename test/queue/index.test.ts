import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueStatusDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { joinLine, waitForStatus } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { concertQueueKeys, QUEUE_INDEX_KEY } from '../../src/queue/keys.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_ACTIVE_SECONDS: '1', QUEUE_IDLE_SECONDS: '1' });
});
afterAll(() => server.stop());

/** Whether the admission loop still walks this concert's line. */
const indexed = async (concertId: string) => (await server.app.redis.zscore(QUEUE_INDEX_KEY, concertId)) !== null;

async function waitUntilUnindexed(concertId: string): Promise<void> {
  const deadline = Date.now() + 8000;
  while (await indexed(concertId)) {
    if (Date.now() > deadline) throw new Error('line still in the index 8 s after it emptied');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the index of lines the admission loop walks', () => {
  it('drops a line once it is empty and quiet, and takes it back when someone joins', async () => {
    const concert = await createConcert(server.app);
    const first = await joinLine(server, concert.id);
    expect(await indexed(concert.id)).toBe(true);
    await waitForStatus(server, concert.id, first, 'EXPIRED', 5000);
    await waitUntilUnindexed(concert.id);
    // Its ended tickets stay readable without ticks.
    expect((await gql(server.url, QueueStatusDocument, { concertId: concert.id }, first)).data!.queueStatus.status).toBe('EXPIRED');

    const second = await joinLine(server, concert.id);
    expect(await indexed(concert.id)).toBe(true);
    await waitForStatus(server, concert.id, second, 'ACTIVE');
  });

  it('takes a line back when a holder is restored after Redis lost it', async () => {
    const concert = await createConcert(server.app);
    const holder = await joinLine(server, concert.id);
    await waitForStatus(server, concert.id, holder, 'ACTIVE');
    // Redis loses the line and the index with it.
    await server.app.redis.del(...Object.values(concertQueueKeys(concert.id)));
    await server.app.redis.zrem(QUEUE_INDEX_KEY, concert.id);

    const restored = (await gql(server.url, QueueStatusDocument, { concertId: concert.id }, holder)).data!.queueStatus;
    expect(restored.status).toBe('WAITING');
    expect(await indexed(concert.id)).toBe(true);
    await waitForStatus(server, concert.id, holder, 'ACTIVE');
  });
});
