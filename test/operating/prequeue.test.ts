import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QueuePositionDocument, QueueStatusDocument, type TicketFragment } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { gql, subscribe, wsClient } from '../support/graphql.js';
import { twoServerProcesses } from '../support/process.js';
import { joinLine, type Caller } from '../support/queue.js';
import { Topic } from '../../src/events/bus.js';
import { pipelineJoin } from '../../src/queue/commands.js';
import { concertQueueKeys, QUEUE_INDEX_KEY } from '../../src/queue/keys.js';
import { operatorToken, readRoom, sleep, updateRoom } from './support.js';

// Both processes tick every 20 ms: each would shuffle if the script let it.
const both = twoServerProcesses({ QUEUE_ADMIT_INTERVAL_MS: '20', QUEUE_MAX_ACTIVE: '1', QUEUE_ACTIVE_SECONDS: '600' });

const statusOf = async (url: string, concertId: string, caller: Caller): Promise<TicketFragment> => {
  const r = await gql(url, QueueStatusDocument, { concertId }, caller);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.queueStatus;
};

describe('pre-queue', () => {
  it('joins before opensAt wait unordered; at opensAt they are placed once, in a random order, ahead of later joins, and subscribers are pushed their places', async () => {
    const { server, other } = both;
    const operator = await operatorToken(server);
    const concert = await createConcert(server.app);
    // Far ahead while fans join (however slow the machine), then brought to a second from now.
    const opensAt = new Date(Date.now() + 3600_000);
    await updateRoom(server, operator, concert.id, { opensAt: opensAt.toISOString() });
    const urls = [server.url, other.url];
    const early: Array<Caller & { ticket: TicketFragment }> = [];
    for (let i = 0; i < 20; i++) early.push(await joinLine({ ...server, url: urls[i % 2] }, concert.id));
    for (const fan of early) expect(fan.ticket).toMatchObject({ status: 'WAITING', position: null, estimatedWaitSeconds: null, opensAt: opensAt.toISOString() });
    expect(await readRoom(other, operator, concert.id)).toMatchObject({ opensAt: opensAt.toISOString(), waiting: 20, active: 0 });

    let shuffles = 0;
    const unlisten = await server.app.bus.listen(Topic.QueueChanged, concert.id, (event) => {
      if (event.shuffled) shuffles++;
    });
    const watched = early[7];
    const client = wsClient(other.wsUrl, { authorization: `Bearer ${watched.token}`, queueToken: watched.queueToken });
    try {
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      expect((await sub.next()).data!.queuePosition).toMatchObject({ status: 'WAITING', position: null });
      const opening = new Date(Date.now() + 1000);
      expect(await updateRoom(other, operator, concert.id, { opensAt: opening.toISOString() })).toMatchObject({ opensAt: opening.toISOString() });
      expect((await sub.next()).data!.queuePosition).toMatchObject({ status: 'WAITING', position: null, opensAt: opening.toISOString() });
      while (Date.now() < opening.getTime() + 300) await sleep(100);
      const late = await joinLine(server, concert.id);

      // Everyone of the pre-queue holds one distinct place (one of them ACTIVE already): one shuffle.
      const tickets = await Promise.all(early.map((fan, i) => statusOf(urls[i % 2], concert.id, fan)));
      const active = tickets.filter((t) => t.status === 'ACTIVE');
      expect(active).toHaveLength(1);
      const places = tickets.filter((t) => t.status === 'WAITING').map((t) => t.position!);
      expect([...places].sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
      for (const t of tickets) expect(t.opensAt).toBeNull();
      // Tokens did not change, and still answer.
      expect(tickets.map((t) => t.token)).toEqual(early.map((f) => f.queueToken));
      // Not the join order (1 chance in 20! that a fair shuffle gives it).
      const order = tickets.map((t) => (t.status === 'ACTIVE' ? 0 : t.position!));
      expect(order).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
      // Whoever joined after the opening comes after all of them.
      expect((await statusOf(server.url, concert.id, late)).position).toBe(20);

      // The subscriber is pushed its true place (each next() fails after 5 s without a push). The
      // shuffle and the first admission are two script calls, so it may first be pushed its place
      // among all twenty, then one less.
      const truth = tickets[7];
      let pushed = (await sub.next()).data!.queuePosition;
      while (pushed.status !== truth.status || pushed.position !== truth.position) pushed = (await sub.next()).data!.queuePosition;
      expect(await readRoom(server, operator, concert.id)).toMatchObject({ opensAt: null, waiting: 20, active: 1 });
      // Both processes ticked at the opening; the shuffle happened once.
      expect(shuffles).toBe(1);
    } finally {
      unlisten();
      await client.dispose();
    }
  });

  it('places the pre-queue in a uniformly random order: every fan reaches every place (chi-square over 400 shuffles of 4)', async () => {
    const { server } = both;
    const app = server.app;
    const n = 4;
    const runs = 400;
    const counts = Array.from({ length: n }, () => Array<number>(n).fill(0));
    // A line of its own per run, straight on the scripts: opening in the future, four joins, then
    // opened now and ticked. Twenty lines at a time.
    const shuffleOnce = async () => {
      const concertId = randomUUID();
      const keys = concertQueueKeys(concertId);
      await app.queue.mirror(concertId, { opensAt: Date.now() + 60_000, paused: true, maxActive: null, activeSeconds: null });
      const pipeline = app.redis.pipeline();
      const users = Array.from({ length: n }, () => randomUUID());
      for (const user of users) pipelineJoin(pipeline, concertId, user);
      await pipeline.exec();
      await app.queue.mirror(concertId, { opensAt: null, paused: true, maxActive: null, activeSeconds: null });
      await app.redis.hdel(keys.meta, 'lastTick');
      await app.queue.tick(concertId);
      const waiting = await app.redis.zrangeBuffer(keys.waiting, '0', '-1');
      expect(waiting).toHaveLength(n);
      const packed = users.map((u) => Buffer.from(u.replace(/-/g, ''), 'hex'));
      waiting.forEach((member, place) => counts[packed.findIndex((p) => p.equals(member))][place]++);
      await app.redis.del(...Object.values(keys));
      await app.redis.zrem(QUEUE_INDEX_KEY, concertId);
    };
    for (let run = 0; run < runs; run += 20) await Promise.all(Array.from({ length: 20 }, shuffleOnce));
    const expected = runs / n;
    const chi = counts.flat().reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    for (const row of counts) for (const cell of row) expect(cell).toBeGreaterThan(0);
    // 9 degrees of freedom: above 37.7 has probability 1e-5 for a uniform shuffle.
    expect(chi).toBeLessThan(37.7);
  }, 120_000);
});
