/**
 * What one hot concert's line can carry: the line is one Redis Cluster slot, so all its calls go
 * to one redis-server (one core) however many shards the cluster has. Measured against a
 * redis-server of the benchmark's own (no other clients), straight through the queue's Lua
 * scripts from several pipelined connections, so Redis, not this client, is the limit: joins/s
 * (new fans on one line), queueStatus/s (the status script, what every poll and gated call
 * costs), and Redis's own CPU use meanwhile (near 1.0 = the slot is saturated).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { queueCommands, type JoinReply } from '../src/queue/commands.js';
import { connectRedis, type RedisNode } from '../src/redis.js';
import type { Benchmark } from './env.js';

const CONNECTIONS = 4;
const IN_FLIGHT = 64;
/** Calls of each kind; `--quick` makes a tenth. */
const CALLS = 200_000;

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

async function cpuSeconds(redis: RedisNode): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return field('used_cpu_sys_main_thread') + field('used_cpu_user_main_thread');
}

/** Microseconds Redis spent per script call (INFO commandstats, since the last reset). */
async function usecPerCall(redis: RedisNode): Promise<number> {
  const stats = await redis.info('commandstats');
  return Number(/cmdstat_evalsha:calls=\d+,usec=\d+,usec_per_call=([\d.]+)/.exec(stats)?.[1] ?? NaN);
}

/**
 * Runs `total` calls over CONNECTIONS connections, IN_FLIGHT each: calls/s seen by this client,
 * Redis's CPU share meanwhile, and Redis's CPU per call, whose inverse is what the slot carries
 * once Redis, not the client, is the limit (on a 2-core machine the client saturates first).
 */
async function drive(connections: RedisNode[], total: number, call: (redis: RedisNode, i: number) => Promise<unknown>) {
  let next = 0;
  await connections[0].config('RESETSTAT');
  const cpuBefore = await cpuSeconds(connections[0]);
  const started = performance.now();
  await Promise.all(
    connections.flatMap((redis) =>
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < total) await call(redis, next++);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = (await cpuSeconds(connections[0])) - cpuBefore;
  const cpuUsec = (cpu * 1e6) / total;
  return {
    perSecond: Math.round(total / seconds),
    redisCpuShare: Number((cpu / seconds).toFixed(2)),
    /** Redis main-thread CPU per call: what the call costs the slot's core. */
    cpuUsecPerCall: Number(cpuUsec.toFixed(1)),
    /** Time per call inside Redis, as Redis counts it (includes the OS pausing it on a busy machine). */
    wallUsecPerCall: await usecPerCall(connections[0]),
    ceilingPerSecond: Math.round(1e6 / cpuUsec),
  };
}

const slot: Benchmark = async ({ quick }) => {
  const JOINS = quick ? CALLS / 10 : CALLS;
  const STATUS_CALLS = JOINS;
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  try {
    let connections: RedisNode[] = [];
    for (let i = 0; i < 100 && !connections.length; i++) {
      try {
        connections = await Promise.all(Array.from({ length: CONNECTIONS }, () => connectRedis(`redis://127.0.0.1:${port}`, { keyPrefix: 'bench:' })));
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const scripts = connections.map((redis) => queueCommands(redis));
    const concertId = randomUUID();
    // A line carries its settings (as the server mirrors them from PostgreSQL): open, no pause.
    await scripts[0].configure(concertId, { opensAt: 0, paused: false, maxActive: 100, activeMs: 600_000 }, 'bench', 0);
    // As during a sale: the cap's 100 fans admitted (more than the outlook's 64 samples of the
    // ACTIVE set, which every join and status call reports), everyone else waiting behind them.
    for (let i = 0; i < 100; i++) await scripts[0].join(concertId, randomUUID(), 'bench', 0);
    await scripts[0].admit(concertId, { maxActive: 100, activeMs: 600_000, idleMs: 3600_000, intervalMs: 0, retentionMs: 3600_000, rateWindowMs: 30_000, batch: 500 }, 0, false, { available: -1, unsold: -1 });
    const tickets: Array<{ userId: string; seq: number; tokenId: string; issuedAt: number; epoch: string }> = [];
    const joins = await drive(connections, JOINS, async (_redis, i) => {
      const userId = randomUUID();
      const reply: JoinReply = await scripts[i % CONNECTIONS].join(concertId, userId, 'bench', 0);
      if (reply.length === 1) throw new Error('the line has no settings');
      if (tickets.length < 10_000) tickets.push({ userId, seq: reply[1], tokenId: reply[4], epoch: reply[5], issuedAt: reply[6] });
    });
    const status = await drive(connections, STATUS_CALLS, (_redis, i) => scripts[i % CONNECTIONS].status(concertId, tickets[i % tickets.length], 'bench', 0));
    const memory = Number((await connections[0].info('memory')).match(/used_memory:(\d+)/)?.[1] ?? 0);
    for (const redis of connections) redis.disconnect();
    return {
      rows: [
        { id: 'slot', figure: 'one line (one Redis slot): join, Redis CPU ceiling', value: joins.ceilingPerSecond, unit: 'joins/s' },
        { id: 'slot', figure: 'one line (one Redis slot): status, Redis CPU ceiling', value: status.ceilingPerSecond, unit: 'reads/s' },
      ],
      detail: {
        what: `one line (one slot) on one redis-server, ${CONNECTIONS} connections x ${IN_FLIGHT} calls in flight, straight through the Lua scripts`,
        join: joins,
        status,
        lineWaiting: JOINS,
        lineActive: 100,
        redisMemoryMb: Math.round(memory / 1e6),
      },
    };
  } finally {
    server.kill('SIGKILL');
  }
};

export default slot;
