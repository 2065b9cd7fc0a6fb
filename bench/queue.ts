/**
 * Waiting-room benchmarks. The server runs as its own process (as deployed); clients, line fills
 * and the mass leave run in this one.
 * - issueQueueToken per second over HTTP (64 at a time);
 * - a long line: issueQueueToken and queueStatus latency (p50/p99) with 1,000 and with 1,000,000
 *   waiting, Redis bytes per waiting fan (over 100,000), and a mass leave of all 1,000,000 at
 *   once: the longest script call and how long the clean-up took;
 * - fan-out: 10,000 open queuePosition subscriptions on a server process of their own, one
 *   admission tick, the time until every subscriber has its new ticket, the Redis round trips the
 *   tick cost, and the server's resident memory per open subscription.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { pipelineJoin, queueCommands } from '../src/queue/commands.js';
import { tickEvent } from '../src/queue/events.js';
import { concertQueueKeys, lineKeys } from '../src/queue/keys.js';
import { connectRedis, type RedisNode } from '../src/redis.js';
import { spawnServer, type ServerProcess } from '../scripts/spawn-server.js';
import type { BenchEnv } from './run.js';
import { percentiles } from './stats.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const LONG_LINE = Number(process.env.BENCH_LONG_LINE ?? 1_000_000);
const ISSUES = 5_000;
/** Requests per latency sample (joins, then status calls of those who joined), 16 at a time. */
const SAMPLE = 2_000;

const residentKb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

/** Runs `task` `count` times, `concurrency` at a time; the milliseconds of each. */
async function timed(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await task(i);
        ms.push(performance.now() - started);
      }
    }),
  );
  return ms;
}

async function graphql(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function newConcert(app: App, title: string): Promise<string> {
  const [{ id }] = await app.orm.em.getConnection().execute<{ id: string }[]>(`insert into concert (title) values (?) returning id`, [title]);
  return id;
}

/** Adds `count` WAITING tickets of new users through the join script, four pipelines in flight. */
async function fill(app: App, concertId: string, count: number): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (left > 0) {
        const n = Math.min(1000, left);
        left -= n;
        const pipeline = app.redis.pipeline();
        for (let i = 0; i < n; i++) pipelineJoin(pipeline, concertId, randomUUID());
        await pipeline.exec();
      }
    }),
  );
}

const JOIN = `mutation($c: ID!) { issueQueueToken(concertId: $c) { token position } }`;
const STATUS = `query($c: ID!) { queueStatus(concertId: $c) { status position } }`;

/**
 * issueQueueToken of SAMPLE new fans per line, then queueStatus of each of them: p50/p99 of both,
 * per line. The lines' requests are interleaved (16 at a time), so both see the same machine.
 */
async function lineLatency(app: App, server: ServerProcess, lines: string[]) {
  const n = SAMPLE * lines.length;
  const identities = await Promise.all(Array.from({ length: n }, () => app.identity.sign(randomUUID())));
  const tokens: string[] = [];
  const joins = lines.map((): number[] => []);
  const statuses = lines.map((): number[] => []);
  await timed(n, 16, async (i) => {
    const started = performance.now();
    const data = await graphql(server.url, { authorization: `Bearer ${identities[i]}` }, JOIN, { c: lines[i % lines.length] });
    joins[i % lines.length].push(performance.now() - started);
    tokens[i] = (data.issueQueueToken as { token: string }).token;
  });
  await timed(n, 16, async (i) => {
    const started = performance.now();
    await graphql(server.url, { authorization: `Bearer ${identities[i]}`, 'queue-token': tokens[i] }, STATUS, { c: lines[i % lines.length] });
    statuses[i % lines.length].push(performance.now() - started);
  });
  return lines.map((_, l) => ({ issueQueueToken: percentiles(joins[l]), queueStatus: percentiles(statuses[l]) }));
}

async function longLine(app: App, server: ServerProcess) {
  const redis = app.redis;
  const [shortId, concertId] = [await newConcert(app, 'bench: short line'), await newConcert(app, 'bench: long line')];
  const keys = concertQueueKeys(concertId);
  // Warm the server's code paths on another line first.
  await lineLatency(app, server, [await newConcert(app, 'bench: warm-up')]);
  await fill(app, shortId, 1_000);
  await fill(app, concertId, 1_000);

  // Redis per waiting fan, over 100,000 more.
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  const sizeOf = async () => (await Promise.all(lineKeys(concertId).map((k) => redis.memory('USAGE', k, 'SAMPLES', 0)))).reduce<number>((a, b) => a + Number(b ?? 0), 0);
  const before = { used: await usedMemory(), size: await sizeOf(), waiting: await redis.zcard(keys.waiting) };
  await fill(app, concertId, 100_000);
  const after = { used: await usedMemory(), size: await sizeOf(), waiting: await redis.zcard(keys.waiting) };
  const added = after.waiting - before.waiting;
  const bytesPerWaitingFan = { memoryUsage: Math.round((after.size - before.size) / added), usedMemoryDelta: Math.round((after.used - before.used) / added) };

  const filling = performance.now();
  const rest = LONG_LINE - (await redis.zcard(keys.waiting));
  await fill(app, concertId, rest);
  const joinsPerSecond = Math.round(rest / ((performance.now() - filling) / 1000));
  const [seconds, micros] = await redis.time();
  const lastSeq = Number(await redis.hget(keys.meta, 'lastSeq'));
  const [at1k, atLong] = await lineLatency(app, server, [shortId, concertId]);

  // Everyone leaves at once: the line's calls run one after another as fast as Redis serves them,
  // each as the drain makes it (QUEUE_TICK_BATCH tickets at most), timed from here.
  const waiting = await redis.zcard(keys.waiting);
  await new Promise((r) => setTimeout(r, 1100));
  const scripts = queueCommands(redis);
  const s = app.queue.settings;
  const slowlogFrom = Number(((await redis.slowlog('GET', 1)) as Array<[number]>)[0]?.[0] ?? -1);
  const calls: number[] = [];
  const eventBytes: number[] = [];
  const cleanupStarted = performance.now();
  for (;;) {
    const started = performance.now();
    const reply = await scripts.admit(concertId, { maxActive: s.maxActive, activeMs: s.activeSeconds * 1000, idleMs: 1000, intervalMs: s.admitIntervalMs, retentionMs: 3600_000, rateWindowMs: 30_000, batch: s.tickBatch }, 0, true, { available: -1, unsold: -1 });
    calls.push(performance.now() - started);
    if (reply[0] !== 1) continue;
    const event = tickEvent(concertId, reply);
    if (event) eventBytes.push(JSON.stringify(event).length);
    if (!reply[9]) break;
  }
  const cleanupSeconds = (performance.now() - cleanupStarted) / 1000;
  const slowest = ((await redis.slowlog('GET', 128)) as Array<[number, number, number, string[]]>)
    .filter(([id, , , args]) => id > slowlogFrom && args.some((a) => a.includes(concertId)))
    .reduce((max, [, , us]) => Math.max(max, us / 1000), 0);

  return {
    waiting: { short: 1_000, long: LONG_LINE },
    // Join-script calls per second while filling the long line (pipelined, 4 x 1,000 in flight).
    fillJoinsPerSecond: joinsPerSecond,
    // Negative: the newest sequence number is behind Redis's clock, as it must be.
    lastSeqMinusRedisTimeMs: Number(((lastSeq - (Number(seconds) * 1e6 + Number(micros))) / 1000).toFixed(1)),
    at1k,
    atLong,
    p99Ratio: {
      issueQueueToken: Number((atLong.issueQueueToken.p99 / at1k.issueQueueToken.p99).toFixed(2)),
      queueStatus: Number((atLong.queueStatus.p99 / at1k.queueStatus.p99).toFixed(2)),
    },
    bytesPerWaitingFan,
    massLeave: {
      left: waiting,
      scriptCalls: calls.length,
      ticketsPerCall: s.tickBatch,
      msPerCall: percentiles(calls),
      // What each call publishes (the issue saw one event of 67 MB).
      eventBytes: { p50: eventBytes.sort((a, b) => a - b)[eventBytes.length >> 1], max: eventBytes[eventBytes.length - 1] },
      // SLOWLOG records calls of 10 ms or more (this Redis's threshold): 0 means none were.
      slowlogLongestMs: slowest,
      seconds: Number(cleanupSeconds.toFixed(1)),
    },
  };
}

async function fanout(app: App, serverEnv: Record<string, string | undefined>) {
  // A process of its own, so its resident memory counts the subscriptions and nothing before them.
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  try {
    return await fanoutOn(app, server);
  } finally {
    await server.stop();
  }
}

async function fanoutOn(app: App, server: ServerProcess) {
  const conn = app.orm.em.getConnection();
  const concertId = await newConcert(app, 'bench: fan-out');
  const holders = await Promise.all(
    Array.from({ length: SUBSCRIBERS }, async () => {
      const userId = randomUUID();
      await conn.execute('insert into app_user (id) values (?)', [userId]);
      const state = await app.queue.issue(userId, concertId);
      return { userId, identity: await app.identity.sign(userId), queueToken: await app.queue.tokenFor(state) };
    }),
  );
  let tickAt = 0;
  const latencies: number[] = [];
  let updated = 0;
  let allUpdated!: () => void;
  const done = new Promise<void>((resolve) => (allUpdated = resolve));
  const subscribe = (h: (typeof holders)[number], onUpdate: () => void) => {
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.identity}`, queueToken: h.queueToken }, retryAttempts: 0 });
    let first = true;
    return new Promise<typeof client>((resolve, reject) => {
      client.subscribe(
        { query: `subscription($c: ID!) { queuePosition(concertId: $c) { status position } }`, variables: { c: concertId } },
        {
          next: () => {
            if (!first) return onUpdate();
            first = false;
            resolve(client);
          },
          error: (e) => reject(new Error(JSON.stringify(e))),
          complete: () => {},
        },
      );
    });
  };
  // Warm the server's subscription path, then let it settle before the baseline.
  const warm = await Promise.all(holders.slice(0, 200).map((h) => subscribe(h, () => {})));
  await Promise.all(warm.map((c) => c.dispose()));
  await new Promise((r) => setTimeout(r, 3000));
  const rssBefore = residentKb(server.child.pid!);
  const connectStarted = performance.now();
  const clients = [];
  for (let i = 0; i < holders.length; i += 500) {
    const batch = holders.slice(i, i + 500).map((h) =>
      subscribe(h, () => {
        latencies.push(performance.now() - tickAt);
        if (++updated === holders.length) allUpdated();
      }),
    );
    clients.push(...(await Promise.all(batch)));
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfter = residentKb(server.child.pid!);

  // The tick's round trips, counted where they leave this process (the Redis is shared).
  let roundTrips = 0;
  // The bench runs on one Redis server (a cluster client counts its own way).
  const redis = app.redis as RedisNode;
  const send = redis.sendCommand.bind(redis);
  const publish = app.bus.publish.bind(app.bus);
  redis.sendCommand = ((...args: Parameters<typeof send>) => (roundTrips++, send(...args))) as typeof send;
  app.bus.publish = ((...args: Parameters<typeof publish>) => (roundTrips++, publish(...args))) as typeof publish;
  tickAt = performance.now();
  const event = await app.queue.tick(concertId);
  redis.sendCommand = send;
  app.bus.publish = publish;
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${updated} of ${holders.length} subscribers updated in 60 s`)), 60_000))]);
  await Promise.all(clients.map((c) => c.dispose()));

  return {
    subscribers: holders.length,
    connectSeconds: Number(connectSeconds.toFixed(1)),
    admittedThisTick: event?.admitted ? event.admitted.split(',').length : 0,
    msFromTickToEverySubscriber: percentiles(latencies),
    // What the tick sent to Redis: one script call and one publish, whatever the number of subscribers.
    redisRoundTripsPerTick: roundTrips,
    // The server process's resident memory per open subscription (graphql-ws connection included).
    serverKbPerSubscription: Number(((rssAfter - rssBefore) / holders.length).toFixed(1)),
  };
}

export default async function queueBench(env: BenchEnv): Promise<Record<string, unknown>> {
  const serverEnv = env.serverEnv('queue', {
    // No automatic ticks: the benchmark times the ones it makes.
    QUEUE_ADMIT_INTERVAL_MS: '3600000',
    QUEUE_IDLE_SECONDS: '3600',
    QUEUE_MAX_ACTIVE: '100',
  });
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  const config = loadConfig(serverEnv as Record<string, string>);
  const app = await createApp(config, createLogger('warn'));
  try {
    const concertId = await newConcert(app, 'bench: queue');

    // 1. Tokens issued per second over HTTP.
    const tokens = await Promise.all(Array.from({ length: ISSUES }, () => app.identity.sign(randomUUID())));
    const started = performance.now();
    await timed(ISSUES, 64, (i) => graphql(server.url, { authorization: `Bearer ${tokens[i]}` }, JOIN, { c: concertId }).then(() => undefined));
    const issueSeconds = (performance.now() - started) / 1000;

    return {
      issueQueueToken: { tokens: ISSUES, concurrency: 64, perSecond: Math.round(ISSUES / issueSeconds) },
      longLine: LONG_LINE > 0 ? await longLine(app, server) : 'skipped (BENCH_LONG_LINE=0)',
      fanout: await fanout(app, serverEnv),
    };
  } finally {
    await app.close();
    await server.stop();
    // The long line's keys (a million tickets) go with the benchmark.
    const redis = await connectRedis(config.REDIS_URL);
    const stream = redis.scanStream({ match: `${config.REDIS_PREFIX}*`, count: 1000 });
    for await (const keys of stream) if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    redis.disconnect();
  }
}
