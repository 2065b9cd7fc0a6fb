/**
 * Waiting-room benchmarks:
 * - tokens issued per second through the API (issueQueueToken over HTTP, 64 at a time);
 * - fan-out: 10,000 open queuePosition subscriptions on one server process; one admission tick;
 *   the time until every subscriber has its new ticket (p50, p99, max) and the Redis commands
 *   the tick cost.
 * The server runs as its own process; clients and the tick run in this one.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { spawnServer } from '../scripts/spawn-server.js';
import type { BenchEnv } from './run.js';
import { percentiles } from './stats.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const ISSUES = 5_000;

async function redisCommandCounts(redis: { info(section: string): Promise<string> }): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const counts: Record<string, number> = {};
  for (const m of info.matchAll(/cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/g)) counts[m[1]] = Number(m[2]);
  return counts;
}

export default async function queueBench(env: BenchEnv): Promise<Record<string, unknown>> {
  const serverEnv = env.serverEnv('queue', {
    // No automatic ticks: the benchmark times the one it triggers.
    QUEUE_ADMIT_INTERVAL_MS: '3600000',
    QUEUE_IDLE_SECONDS: '3600',
    QUEUE_MAX_ACTIVE: '100',
  });
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  const config = loadConfig(serverEnv as Record<string, string>);
  const app = await createApp(config, createLogger('warn'));
  try {
    const conn = app.orm.em.getConnection();
    const [{ id: concertId }] = await conn.execute<{ id: string }[]>(`insert into concert (title) values ('bench: queue') returning id`);

    // 1. Tokens issued per second over HTTP.
    const tokens = await Promise.all(Array.from({ length: ISSUES }, () => app.identity.sign(randomUUID())));
    const issueQuery = JSON.stringify({ query: `mutation($c: ID!) { issueQueueToken(concertId: $c) { token position } }`, variables: { c: concertId } });
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < tokens.length) {
          const token = tokens[next++];
          const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: issueQuery });
          const body = (await res.json()) as { errors?: unknown };
          if (body.errors) throw new Error(JSON.stringify(body.errors));
        }
      }),
    );
    const issueSeconds = (performance.now() - started) / 1000;

    // 2. Fan-out to SUBSCRIBERS open subscriptions on one server process.
    const [{ id: fanoutConcert }] = await conn.execute<{ id: string }[]>(`insert into concert (title) values ('bench: fan-out') returning id`);
    const holders = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, async () => {
        const userId = randomUUID();
        await conn.execute('insert into app_user (id) values (?)', [userId]);
        const state = await app.queue.issue(userId, fanoutConcert);
        return { userId, identity: await app.identity.sign(userId), queueToken: await app.queue.tokenFor(state) };
      }),
    );
    let tickAt = 0;
    const latencies: number[] = [];
    let updated = 0;
    let allUpdated!: () => void;
    const done = new Promise<void>((resolve) => (allUpdated = resolve));
    let subscribed = 0;
    let allSubscribed!: () => void;
    const ready = new Promise<void>((resolve) => (allSubscribed = resolve));
    const connectStarted = performance.now();
    const clients = [];
    for (let i = 0; i < holders.length; i += 500) {
      const batch = holders.slice(i, i + 500).map((h) => {
        const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.identity}`, queueToken: h.queueToken }, retryAttempts: 0 });
        let first = true;
        return new Promise<typeof client>((resolve, reject) => {
          client.subscribe(
            { query: `subscription($c: ID!) { queuePosition(concertId: $c) { status position } }`, variables: { c: fanoutConcert } },
            {
              next: () => {
                if (first) {
                  first = false;
                  if (++subscribed === holders.length) allSubscribed();
                  resolve(client);
                  return;
                }
                latencies.push(performance.now() - tickAt);
                if (++updated === holders.length) allUpdated();
              },
              error: (e) => reject(new Error(JSON.stringify(e))),
              complete: () => {},
            },
          );
        });
      });
      clients.push(...(await Promise.all(batch)));
    }
    await ready;
    const connectSeconds = (performance.now() - connectStarted) / 1000;

    const before = await redisCommandCounts(app.redis);
    tickAt = performance.now();
    const event = await app.queue.tick(fanoutConcert);
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${updated} of ${holders.length} subscribers updated in 60 s`)), 60_000))]);
    const after = await redisCommandCounts(app.redis);
    const commands = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([k, v]) => (v as number) > 0 && k !== 'info'));
    await Promise.all(clients.map((c) => c.dispose()));

    return {
      issueQueueToken: { tokens: ISSUES, concurrency: 64, perSecond: Math.round(ISSUES / issueSeconds) },
      fanout: {
        subscribers: holders.length,
        connectSeconds: Number(connectSeconds.toFixed(1)),
        admittedThisTick: Object.keys(event?.admitted ?? {}).length,
        msFromTickToEverySubscriber: percentiles(latencies),
        // What boxoffice sent (one script call and one publish per concert per tick)...
        redisRoundTripsPerTick: (commands.eval ?? 0) + (commands.evalsha ?? 0) + (commands.publish ?? 0),
        // ...and every command Redis counted, the script's inner calls included.
        redisCommandsDuringTick: commands,
      },
    };
  } finally {
    await app.close();
    await server.stop();
  }
}
