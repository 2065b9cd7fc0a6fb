/**
 * (7) queuePosition fan-out: SUBSCRIBERS graphql-ws clients (in this process) on a server process
 * of their own. Measures how fast they connect, then one admission tick with a tenth of them
 * connected and one with all: the Redis commands each tick caused (every command naming this
 * benchmark's key prefix, seen through MONITOR from the tick until the last update, so the
 * server processes' own calls count too) and the time from the tick until every subscriber had
 * its new ticket. (9) The server's resident memory per open subscription.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { countCommands } from './monitor.js';
import { spawnServer } from '../scripts/spawn-server.js';
import type { BenchEnv, BenchResult } from './env.js';
import { fans, newConcert, residentKb, sleep, type Fan } from './fixtures.js';
import { percentiles } from './stats.js';

const BATCH = 500;

export default async function fanoutBench(env: BenchEnv): Promise<BenchResult> {
  const subscribers = env.quick ? 500 : Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
  const serverEnv = env.serverEnv('fanout', {
    QUEUE_ADMIT_INTERVAL_MS: '3600000',
    QUEUE_IDLE_SECONDS: '3600',
    QUEUE_MAX_ACTIVE: '1',
  });
  const prefix = serverEnv.REDIS_PREFIX!;
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  const app = await createApp(loadConfig(serverEnv as Record<string, string>), createLogger('warn'));
  const clients: Client[] = [];
  try {
    const concertId = await newConcert(app, 'bench: fan-out');
    const holders = await fans(app, concertId, subscribers);
    let onUpdate = (_: number) => {};
    // Holders already ACTIVE: a tick that admits others changes nothing of theirs.
    const admitted = new Set<number>();
    const subscribe = (h: Fan, i: number) => {
      const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.identity}`, queueToken: h.queueToken }, retryAttempts: 0, lazy: false });
      let first = true;
      return new Promise<Client>((resolve, reject) => {
        client.subscribe(
          { query: `subscription($c: ID!) { queuePosition(concertId: $c) { status position } }`, variables: { c: concertId } },
          {
            next: (message) => {
              if ((message.data?.queuePosition as { status?: string } | undefined)?.status === 'ACTIVE') admitted.add(i);
              if (!first) return onUpdate(i);
              first = false;
              resolve(client);
            },
            error: (e) => reject(new Error(JSON.stringify(e))),
            complete: () => {},
          },
        );
      });
    };
    const connect = async (from: number, to: number) => {
      for (let i = from; i < to; i += BATCH) clients.push(...(await Promise.all(holders.slice(i, Math.min(to, i + BATCH)).map((h, j) => subscribe(h, i + j)))));
    };

    // Warm the subscription path, then let the process settle before its baseline.
    const warm = await Promise.all(holders.slice(0, 200).map((h, i) => subscribe(h, i)));
    await Promise.all(warm.map((c) => c.dispose()));
    await sleep(3000);
    const rssBefore = residentKb(server.child.pid!);

    // The bench runs on one Redis server (MONITOR is per node).
    const monitor = await countCommands(serverEnv.REDIS_URL!, prefix);
    // Each tick admits 100 more (the first ones admitted stay ACTIVE), so every position moves.
    const tick = async (connected: number) => {
      app.queue.settings.maxActive += 100;
      // This process's ticks only: one right after another would otherwise be skipped.
      app.queue.settings.admitIntervalMs = 0;
      let updated = 0;
      const expected = connected - admitted.size;
      const latencies: number[] = [];
      let allUpdated!: () => void;
      const done = new Promise<void>((resolve) => (allUpdated = resolve));
      monitor.count = 0;
      monitor.counting = true;
      const at = performance.now();
      onUpdate = () => {
        latencies.push(performance.now() - at);
        if (++updated === expected) allUpdated();
      };
      await app.queue.tick(concertId);
      await Promise.race([done, sleep(60_000).then(() => Promise.reject(new Error(`only ${updated} of ${expected} subscribers updated in 60 s`)))]);
      await sleep(300);
      monitor.counting = false;
      return { subscribers: connected, updated: expected, redisCommands: monitor.count, msFromTickToUpdate: percentiles(latencies) };
    };

    const tenth = Math.floor(subscribers / 10);
    await connect(0, tenth);
    const small = await tick(tenth);
    const connectStarted = performance.now();
    await connect(tenth, subscribers);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    const connectPerSecond = Math.round((subscribers - tenth) / connectSeconds);
    await sleep(2000);
    const rssAfter = residentKb(server.child.pid!);
    const full = await tick(subscribers);
    monitor.close();
    const kbPerSubscription = Number(((rssAfter - rssBefore) / subscribers).toFixed(1));
    const secondsFor10k = Number((10_000 / connectPerSecond).toFixed(1));
    return {
      rows: [
        { id: '7', figure: `queuePosition subscribers connected per second (${subscribers - tenth} connecting)`, value: connectPerSecond, unit: 'subs/s', target: { text: `10,000 in < 4 s (${secondsFor10k} s at this rate)`, met: secondsFor10k < 4 } },
        { id: '7', figure: `tick to update, p99 (${subscribers} subscribers)`, value: full.msFromTickToUpdate.p99, unit: 'ms', target: { text: '< 250 ms', met: full.msFromTickToUpdate.p99 < 250 && subscribers >= 10_000 } },
        { id: '7', figure: `Redis commands per tick (${tenth} -> ${subscribers} subscribers)`, value: full.redisCommands, unit: 'cmds', target: { text: `independent of subscribers (${small.redisCommands} at ${tenth}; < 1 more per 100 more)`, met: full.redisCommands - small.redisCommands < (subscribers - tenth) / 100 } },
        { id: '9', figure: 'server memory per open subscription', value: kbPerSubscription, unit: 'KB', target: { text: '<= 20 KB', met: kbPerSubscription <= 20 } },
      ],
      detail: { subscribers, connectSeconds: Number(connectSeconds.toFixed(2)), connectPerSecond, ticks: [small, full], rssKb: { before: rssBefore, after: rssAfter }, kbPerSubscription },
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.close();
    await server.stop();
  }
}
