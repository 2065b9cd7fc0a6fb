/**
 * (8) Line length: issueQueueToken and queueStatus latency (p50/p99) with SHORT and with LONG
 * fans WAITING in one line, the requests of both lines interleaved (16 at a time) so both see the
 * same machine; Redis bytes per waiting fan; and a mass leave of the whole long line at once: the
 * longest script call and how long the clean-up took. The server runs as its own process; the
 * fills and the mass leave run in this one.
 */
import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { pipelineJoin, queueCommands, type JoinReply } from '../src/queue/commands.js';
import { tickEvent } from '../src/queue/events.js';
import { concertQueueKeys, lineKeys } from '../src/queue/keys.js';
import { spawnServer, type ServerProcess } from '../scripts/spawn-server.js';
import type { BenchEnv, BenchResult } from './env.js';
import { newConcert, newIdentities, sleep } from './fixtures.js';
import { percentiles } from './stats.js';

const SHORT = 1_000;
const JOIN = `mutation($c: ID!) { issueQueueToken(concertId: $c) { token position } }`;
const STATUS = `query($c: ID!) { queueStatus(concertId: $c) { status position } }`;

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
        for (const [err, reply] of (await pipeline.exec())!) {
          if (err) throw err;
          // A line without its settings refuses joins (see `fill`'s callers): none were added.
          if ((reply as JoinReply)[0] === -1) throw new Error(`the line of ${concertId} has no settings: mirror them before filling it`);
        }
      }
    }),
  );
}

/** issueQueueToken of `sample` new fans per line, then queueStatus of each of them: p50/p99 of both, per line. */
async function lineLatency(app: App, server: ServerProcess, lines: string[], sample: number) {
  const n = sample * lines.length;
  const identities = await newIdentities(app, n);
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

export default async function lineBench(env: BenchEnv): Promise<BenchResult> {
  const long = env.quick ? 10_000 : Number(process.env.BENCH_LONG_LINE ?? 1_000_000);
  const sample = env.quick ? 100 : 2_000;
  const serverEnv = env.serverEnv('line', { QUEUE_ADMIT_INTERVAL_MS: '3600000', QUEUE_IDLE_SECONDS: '3600', QUEUE_MAX_ACTIVE: '100' });
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  const app = await createApp(loadConfig(serverEnv as Record<string, string>), createLogger('warn'));
  const redis = app.redis;
  try {
    const [shortId, concertId] = [await newConcert(app, 'bench: short line'), await newConcert(app, 'bench: long line')];
    const keys = concertQueueKeys(concertId);
    // Warm the server's code paths on another line first.
    await lineLatency(app, server, [await newConcert(app, 'bench: warm-up')], sample);
    // The join script acts only on a line that has its settings (as the server mirrors them from
    // PostgreSQL when a line script says it lacks them).
    await app.queue.mirror(shortId);
    await app.queue.mirror(concertId);
    await fill(app, shortId, SHORT);
    await fill(app, concertId, SHORT);

    // Redis per waiting fan, over a tenth of the long line.
    const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
    const sizeOf = async () => (await Promise.all(lineKeys(concertId).map((k) => redis.memory('USAGE', k, 'SAMPLES', 0)))).reduce<number>((a, b) => a + Number(b ?? 0), 0);
    const before = { used: await usedMemory(), size: await sizeOf(), waiting: await redis.zcard(keys.waiting) };
    await fill(app, concertId, Math.floor(long / 10));
    const after = { used: await usedMemory(), size: await sizeOf(), waiting: await redis.zcard(keys.waiting) };
    const added = after.waiting - before.waiting;
    const bytesPerWaitingFan = { memoryUsage: Math.round((after.size - before.size) / added), usedMemoryDelta: Math.round((after.used - before.used) / added) };

    const filling = performance.now();
    const rest = long - (await redis.zcard(keys.waiting));
    await fill(app, concertId, rest);
    const fillJoinsPerSecond = Math.round(rest / ((performance.now() - filling) / 1000));
    const [seconds, micros] = await redis.time();
    const lastSeq = Number(await redis.hget(keys.meta, 'lastSeq'));
    const [atShort, atLong] = await lineLatency(app, server, [shortId, concertId], sample);
    const p99Ratio = {
      issueQueueToken: Number((atLong.issueQueueToken.p99 / atShort.issueQueueToken.p99).toFixed(2)),
      queueStatus: Number((atLong.queueStatus.p99 / atShort.queueStatus.p99).toFixed(2)),
    };

    // Everyone leaves at once: the line's calls run one after another as fast as Redis serves them,
    // each as the drain makes it (QUEUE_TICK_BATCH tickets at most), timed from here.
    const waiting = await redis.zcard(keys.waiting);
    await sleep(1100);
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

    const label = `${SHORT.toLocaleString('en')} vs ${long.toLocaleString('en')} waiting`;
    return {
      rows: [
        { id: '8', figure: `issueQueueToken p99, ${label}`, value: atLong.issueQueueToken.p99, unit: 'ms', ratio: { of: `${atShort.issueQueueToken.p99} ms at ${SHORT}`, value: p99Ratio.issueQueueToken }, target: { text: 'ratio <= 1.5', met: p99Ratio.issueQueueToken <= 1.5 } },
        { id: '8', figure: `queueStatus p99, ${label}`, value: atLong.queueStatus.p99, unit: 'ms', ratio: { of: `${atShort.queueStatus.p99} ms at ${SHORT}`, value: p99Ratio.queueStatus }, target: { text: 'ratio <= 1.5', met: p99Ratio.queueStatus <= 1.5 } },
      ],
      detail: {
        waiting: { short: SHORT, long },
        // Join-script calls per second while filling the long line (pipelined, 4 x 1,000 in flight).
        fillJoinsPerSecond,
        // Negative: the newest sequence number is behind Redis's clock, as it must be.
        lastSeqMinusRedisTimeMs: Number(((lastSeq - (Number(seconds) * 1e6 + Number(micros))) / 1000).toFixed(1)),
        atShort,
        atLong,
        p99Ratio,
        bytesPerWaitingFan,
        massLeave: {
          left: waiting,
          scriptCalls: calls.length,
          ticketsPerCall: s.tickBatch,
          msPerCall: percentiles(calls),
          eventBytes: { p50: eventBytes.sort((a, b) => a - b)[eventBytes.length >> 1], max: eventBytes[eventBytes.length - 1] },
          // SLOWLOG records calls of 10 ms or more (this Redis's threshold): 0 means none were.
          slowlogLongestMs: slowest,
          seconds: Number(cleanupSeconds.toFixed(1)),
        },
      },
    };
  } finally {
    await app.close();
    await server.stop();
  }
}
