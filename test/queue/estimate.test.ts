import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueStatusDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { joinLine } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { concertQueueKeys } from '../../src/queue/keys.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_MAX_ACTIVE: '2', QUEUE_ACTIVE_SECONDS: '600', QUEUE_ADMIT_INTERVAL_MS: '50' });
});
afterAll(() => server.stop());

describe('estimatedWaitSeconds', () => {
  it('follows the admission rate actually observed, and moves smoothly between readings', async () => {
    const concert = await createConcert(server.app);
    const line = [];
    for (let i = 0; i < 40; i++) line.push(await joinLine(server, concert.id));
    const last = line[39];
    const read = async () => (await gql(server.url, QueueStatusDocument, { concertId: concert.id }, last)).data!.queueStatus;

    // Two admissions so far, each slot held up to 600 s: the line barely moves.
    const before = await read();
    expect(before.estimatedWaitSeconds).toBeGreaterThan(300);

    // Completing a ticket every 100 ms makes the line move at about 10 per second.
    const keys = concertQueueKeys(concert.id);
    const readings: number[] = [];
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      const [tokenId] = await server.app.redis.zrange(keys.active, '0', '0');
      if (tokenId) await server.app.queue.complete(concert.id, tokenId);
      await new Promise((r) => setTimeout(r, 100));
      readings.push((await read()).estimatedWaitSeconds!);
    }
    const now = await read();
    expect(now.status).toBe('WAITING');
    // position / ~10 per second: a few seconds, nowhere near the 600-s fallback.
    expect(now.estimatedWaitSeconds).toBeLessThan(60);
    // Smoothed: once the rate is established, no reading more than doubles the one before.
    const settled = readings.slice(readings.length / 2);
    for (let i = 1; i < settled.length; i++) expect(settled[i]).toBeLessThanOrEqual(Math.max(2, settled[i - 1] * 2));
  });
});
