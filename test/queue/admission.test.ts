import { afterAll, describe, expect, it } from 'vitest';
import { QueueStatusDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql } from '../support/graphql.js';
import { joinLine, waitForStatus, type Caller } from '../support/queue.js';
import { spawnServer } from '../support/process.js';
import { startTestServer, testEnv, type TestServer } from '../support/server.js';
import { concertQueueKeys } from '../../src/queue/keys.js';

const servers: TestServer[] = [];
const start = async (overrides: Record<string, string>) => {
  const server = await startTestServer(overrides);
  servers.push(server);
  return server;
};
afterAll(() => Promise.all(servers.map((s) => s.stop())));

/** The place in line signed into the queue token. */
const seqOf = (c: Caller): number => JSON.parse(Buffer.from(c.queueToken.split('.')[1], 'base64url').toString()).seq;

const statusOf = async (server: TestServer, concertId: string, caller: Caller) =>
  (await gql(server.url, QueueStatusDocument, { concertId }, caller)).data!.queueStatus;

describe('admission', () => {
  it('never exceeds QUEUE_MAX_ACTIVE and admits nobody twice with two server processes admitting at once', async () => {
    const shared = { REDIS_PREFIX: testEnv().REDIS_PREFIX, QUEUE_MAX_ACTIVE: '5', QUEUE_ADMIT_INTERVAL_MS: '20', QUEUE_ACTIVE_SECONDS: '600' };
    // One server in this process, one as its own OS process: both run the admission loop.
    const a = await start(shared);
    const child = await spawnServer(shared);
    const b = { ...a, url: child.url };
    const concert = await createConcert(a.app);
    const callers = await Promise.all(Array.from({ length: 30 }, (_, i) => joinLine(i % 2 ? a : b, concert.id)));
    const keys = concertQueueKeys(concert.id);
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      samples.push(await a.app.redis.zcard(keys.active));
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(Math.max(...samples)).toBe(5);
    const statuses = await Promise.all(callers.map((c) => statusOf(a, concert.id, c)));
    const active = statuses.filter((s) => s.status === 'ACTIVE');
    expect(active).toHaveLength(5);
    // First come, first served: the five admitted are the five who joined first.
    const inOrder = [...callers].sort((x, y) => seqOf(x) - seqOf(y));
    const firstFive = inOrder.slice(0, 5).map((c) => c.userId);
    expect(active.map((s) => s.userId).sort()).toEqual(firstFive.sort());
    expect(statuses.filter((s) => s.status === 'WAITING').map((s) => s.position).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));

    // Completing frees exactly one slot, which goes to the next in line, once.
    await a.app.queue.complete(concert.id, (await a.app.queue.status(callers.find((c) => c.userId === firstFive[0])!.queueToken, firstFive[0])).tokenId);
    const sixth = inOrder[5];
    await waitForStatus(b, concert.id, sixth, 'ACTIVE');
    await new Promise((r) => setTimeout(r, 100));
    expect(await a.app.redis.zcard(keys.active)).toBe(5);
    await child.stop();
  });

  it('expires an ACTIVE ticket after QUEUE_ACTIVE_SECONDS and admits the next in line', async () => {
    const server = await start({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_ACTIVE_SECONDS: '1' });
    const concert = await createConcert(server.app);
    const first = await joinLine(server, concert.id);
    const second = await joinLine(server, concert.id);
    const active = await waitForStatus(server, concert.id, first, 'ACTIVE');
    expect(new Date(active.activeUntil!).getTime()).toBeGreaterThan(Date.now());
    expect(active.position).toBeNull();
    expect((await statusOf(server, concert.id, second)).position).toBe(1);
    await waitForStatus(server, concert.id, first, 'EXPIRED', 5000);
    await waitForStatus(server, concert.id, second, 'ACTIVE', 5000);
  });

  it('cancels a WAITING holder silent for QUEUE_IDLE_SECONDS and moves those behind up', async () => {
    const server = await start({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_IDLE_SECONDS: '1' });
    const concert = await createConcert(server.app);
    const head = await joinLine(server, concert.id);
    const silent = await joinLine(server, concert.id);
    const polling = await joinLine(server, concert.id);
    await waitForStatus(server, concert.id, head, 'ACTIVE');
    const deadline = Date.now() + 4000;
    let ticket = await statusOf(server, concert.id, polling);
    expect(ticket.position).toBe(2);
    while (ticket.position !== 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      ticket = await statusOf(server, concert.id, polling);
    }
    expect(ticket).toMatchObject({ status: 'WAITING', position: 1 });
    expect((await statusOf(server, concert.id, silent)).status).toBe('CANCELLED');
  });

  it('re-issues a new ticket at the end of the line once the old one ended', async () => {
    const server = await start({ QUEUE_MAX_ACTIVE: '1', QUEUE_ADMIT_INTERVAL_MS: '50', QUEUE_ACTIVE_SECONDS: '1' });
    const concert = await createConcert(server.app);
    const first = await joinLine(server, concert.id);
    await waitForStatus(server, concert.id, first, 'EXPIRED', 5000);
    const again = await joinLine(server, concert.id, first.userId);
    expect(again.queueToken).not.toBe(first.queueToken);
  });
});
