import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueuePositionDocument, QueueStatusDocument } from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { print } from 'graphql';
import { gql, subscribe, wsClient } from '../support/graphql.js';
import { startLatencyProbe } from '../support/latency-probe.js';
import { fillLine, joinLine, type Caller } from '../support/queue.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { startTestServer, testEnv, type TestServer } from '../support/server.js';
import { Topic } from '../../src/events/bus.js';
import { concertQueueKeys } from '../../src/queue/keys.js';
import { connectRedis } from '../../src/redis.js';

const FANS = 200_000;
const TICK_MS = 50;
const BATCH = 100;
const shared = { QUEUE_MAX_ACTIVE: '1', QUEUE_ACTIVE_SECONDS: '600', QUEUE_IDLE_SECONDS: '2', QUEUE_TICK_BATCH: String(BATCH) };
let server: TestServer;
let front: ServerProcess;
let ticker: ServerProcess | undefined;
let prefix: string;
beforeAll(async () => {
  prefix = testEnv().REDIS_PREFIX;
  // The process the fans talk to: it refreshes its subscribers' signs of life but never ticks,
  // so the line fills undisturbed; the ticking process starts once everyone has gone idle.
  server = await startTestServer({ ...shared, REDIS_PREFIX: prefix, QUEUE_ADMIT_INTERVAL_MS: '3600000' });
  // Where a fan of another concert asks for their place during the clean-up: a process of its own
  // (not this busy test process), started early so it has settled by then.
  front = await spawnServer({ ...shared, REDIS_PREFIX: prefix, QUEUE_ADMIT_INTERVAL_MS: '3600000' });
});
afterAll(async () => {
  await ticker?.stop();
  await front?.stop();
  await server.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fan who stays: subscribed to queuePosition (a sign of life); `last` is the latest push. */
async function stay(caller: Caller, concertId: string) {
  const client = wsClient(server.wsUrl, { authorization: `Bearer ${caller.token}`, queueToken: caller.queueToken });
  const sub = subscribe(client, QueuePositionDocument, { concertId });
  const read = async () => {
    const r = await sub.next(120_000);
    if (!r.data) throw new Error(`subscription failed: ${JSON.stringify(r.errors)}`);
    const { status, position } = r.data.queuePosition;
    return { status, position };
  };
  const fan = { last: await read(), client, error: undefined as unknown };
  void (async () => {
    for (;;) fan.last = await read();
  })().catch((e: unknown) => {
    if (!sub.completed) fan.error = e;
  });
  return fan;
}

describe(`a line of ${FANS.toLocaleString('en')} fans who all leave at once`, () => {
  it('is cleaned up in short script calls, other lines stay responsive, and a fan who stayed is pushed their true place', async () => {
    const redis = server.app.redis;
    const [concert, other] = [await createConcert(server.app), await createConcert(server.app)];
    const head = await joinLine(server, concert.id);
    const headFan = await stay(head, concert.id);
    await fillLine(server.app, concert.id, FANS / 2);
    const me = await joinLine(server, concert.id);
    const meFan = await stay(me, concert.id);
    const lastSeq = await fillLine(server.app, concert.id, FANS / 2);

    // Sequence numbers never run ahead of Redis time, however fast the line filled.
    const [seconds, micros] = await redis.time();
    expect(lastSeq).toBeLessThanOrEqual(Number(seconds) * 1e6 + Number(micros));
    // At most 300 bytes of Redis per waiting fan.
    const keys = concertQueueKeys(concert.id);
    const bytes = Number(await redis.memory('USAGE', keys.waiting)) + Number(await redis.memory('USAGE', keys.seen));
    expect(bytes / (FANS + 2)).toBeLessThan(300);
    expect(meFan.last).toEqual({ status: 'WAITING', position: FANS / 2 + 2 });

    // Every event of the clean-up, as Redis delivers it: one per call that changed the line.
    const listener = await connectRedis(server.config.REDIS_URL, { enableOfflineQueue: true });
    const events: Array<{ bytes: number; left: number }> = [];
    listener.on('message', (_channel: string, message: string) => {
      const { left } = JSON.parse(message) as { left?: string };
      events.push({ bytes: message.length, left: left ? left.split(',').length : 0 });
    });
    await listener.subscribe(server.app.bus.channel(Topic.QueueChanged, concert.id));

    // Everyone filled in is silent for QUEUE_IDLE_SECONDS; the two who stay are not.
    await sleep(2100);
    const slowlogConfig = await redis.config('GET', 'slowlog-log-slower-than');
    const slowlogThreshold = Number(slowlogConfig[1]);
    expect(slowlogThreshold).toBeGreaterThanOrEqual(0);
    expect(slowlogThreshold).toBeLessThanOrEqual(20_000);
    const slowlogFrom = Number((await redis.slowlog('GET', 1) as Array<[number]>)[0]?.[0] ?? -1);
    const slowCalls = new Map<number, { micros: number; script: boolean }>();
    const readSlowlog = async () => {
      for (const [id, , micros, args] of (await redis.slowlog('GET', 128)) as Array<[number, number, number, string[]]>) {
        if (id > slowlogFrom && args.some((a) => a.includes(concert.id) || a.includes(other.id))) slowCalls.set(id, { micros, script: /^eval/i.test(args[0]) });
      }
    };

    // A fan of another concert asks for their place all through the clean-up, from a process of
    // their own, so the timings are the server's and Redis's; the first requests warm it up.
    const elsewhere = await joinLine(server, other.id);
    const probe = startLatencyProbe({
      url: front.url,
      headers: { authorization: `Bearer ${elsewhere.token}`, 'queue-token': elsewhere.queueToken },
      body: JSON.stringify({ query: print(QueueStatusDocument), variables: { concertId: other.id } }),
      intervalMs: 25,
    });
    ticker = await spawnServer({ ...shared, REDIS_PREFIX: prefix, QUEUE_ADMIT_INTERVAL_MS: String(TICK_MS) });
    const cleanUpFrom = Date.now();
    const deadline = Date.now() + 90_000;
    while ((await redis.zcard(keys.waiting)) > 1) {
      if (Date.now() > deadline) throw new Error(`${await redis.zcard(keys.waiting)} still waiting after 90 s`);
      await readSlowlog();
      await sleep(200);
    }
    const statusMs = await probe.stop(cleanUpFrom);
    // The clean-up is over. Within two ticks the fan who stayed has been pushed their true place.
    await sleep(2 * TICK_MS);
    const truth = (await gql(server.url, QueueStatusDocument, { concertId: concert.id }, me)).data!.queueStatus;
    expect(truth).toMatchObject({ status: 'WAITING', position: 1 });
    expect(meFan.last).toEqual({ status: truth.status, position: truth.position });
    expect(headFan.last.status).toBe('ACTIVE');
    expect([headFan.error, meFan.error]).toEqual([undefined, undefined]);
    await readSlowlog();

    // Each call worked on at most QUEUE_TICK_BATCH tickets, however many had left...
    expect(events.length).toBeGreaterThan(FANS / BATCH);
    expect(Math.max(...events.map((e) => e.left))).toBeLessThanOrEqual(BATCH);
    // ...which takes Redis a millisecond or two: SLOWLOG (every command of 10 ms or more) shows
    // nothing on these lines near the 24 s of the issue, and 99 in 100 script calls under 20 ms.
    // The few over are the OS handing Redis's CPU to another process in the middle of a call:
    // other test files and sessions share this machine's two cores and its Redis.
    const slow = [...slowCalls.values()];
    expect(slow.filter((c) => c.micros >= 250_000)).toEqual([]);
    expect(slow.filter((c) => c.script && c.micros >= 20_000).length).toBeLessThanOrEqual(events.length / 100);
    // Another concert's queueStatus stayed quick all through (the issue saw 26.5 s, and a blocked
    // Redis would have slowed most answers): 9 in 10 answers under 50 ms, none near a second. The
    // slowest answers here measure the machine (other test files and sessions share its 2 cores).
    statusMs.sort((x, y) => x - y);
    expect(statusMs.length).toBeGreaterThan(100);
    expect(statusMs[Math.floor(statusMs.length * 0.9)]).toBeLessThan(50);
    expect(statusMs[statusMs.length - 1]).toBeLessThan(1000);
    // No event grew with the number who left.
    expect(Math.max(...events.map((e) => e.bytes))).toBeLessThan(4096);

    listener.disconnect();
    await Promise.all([headFan.client.dispose(), meFan.client.dispose()]);
  }, 120_000);
});
