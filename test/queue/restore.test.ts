import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueStatusDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { joinLine, waitForStatus } from '../support/queue.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { concertQueueKeys } from '../../src/queue/keys.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ QUEUE_MAX_ACTIVE: '2', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_RESTORE_GRACE_SECONDS: '1' });
});
afterAll(() => server.stop());

/** Deletes every key of this server's key space: what a Redis restart without persistence does. */
async function loseRedisData() {
  const keys = await server.app.redis.keys(`${server.config.REDIS_PREFIX}*`);
  const unprefixed = keys.map((k) => k.slice(server.config.REDIS_PREFIX.length));
  if (unprefixed.length) await server.app.redis.del(...unprefixed);
}

describe('when Redis loses the line', () => {
  it('holders come back in their signed order, ahead of newcomers, and the cap still holds', async () => {
    const concert = await createConcert(server.app);
    const line = [];
    for (let i = 0; i < 6; i++) line.push(await joinLine(server, concert.id));
    await waitForStatus(server, concert.id, line[1], 'ACTIVE');

    await loseRedisData();
    // A newcomer arrives before the old holders reconnect.
    const newcomer = await joinLine(server, concert.id);
    // Old holders reconnect in scrambled order.
    for (const i of [5, 2, 0, 4, 1, 3]) {
      const r = await gql(server.url, QueueStatusDocument, { concertId: concert.id }, line[i]);
      expect(r.errors).toBeUndefined();
      expect(r.data!.queueStatus.token).toBe(line[i].queueToken);
    }
    await waitForStatus(server, concert.id, line[0], 'ACTIVE');
    await waitForStatus(server, concert.id, line[1], 'ACTIVE');
    const statuses = await Promise.all([...line, newcomer].map((c) => gql(server.url, QueueStatusDocument, { concertId: concert.id }, c)));
    const tickets = statuses.map((r) => r.data!.queueStatus);
    expect(tickets.map((t) => t.status)).toEqual(['ACTIVE', 'ACTIVE', 'WAITING', 'WAITING', 'WAITING', 'WAITING', 'WAITING']);
    expect(tickets.slice(2).map((t) => t.position)).toEqual([1, 2, 3, 4, 5]);
    expect(await server.app.redis.zcard(concertQueueKeys(concert.id).active)).toBe(2);
  });

  it('gives a restored holder the same token again when they call issueQueueToken', async () => {
    const concert = await createConcert(server.app);
    const line = [await joinLine(server, concert.id), await joinLine(server, concert.id), await joinLine(server, concert.id)];
    await loseRedisData();
    for (const holder of line) expect((await gql(server.url, QueueStatusDocument, { concertId: concert.id }, holder)).errors).toBeUndefined();
    for (const holder of line) {
      const again = await joinLine(server, concert.id, holder.userId);
      expect(again.queueToken).toBe(holder.queueToken);
    }
  });

  it('does not revive a ticket the intact line has forgotten (ended and cleaned up)', async () => {
    const concert = await createConcert(server.app);
    const holder = await joinLine(server, concert.id);
    // End it, then forget only this ticket (as the retention clean-up does); the line itself is intact.
    const { tokenId } = await server.app.queue.status(holder.queueToken, holder.userId);
    await waitForStatus(server, concert.id, holder, 'ACTIVE');
    await server.app.queue.complete(concert.id, tokenId);
    await server.app.redis.hdel(concertQueueKeys(concert.id).ended, tokenId);
    const r = await gql(server.url, QueueStatusDocument, { concertId: concert.id }, holder);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUEUE_TOKEN_INVALID');
  });
});
