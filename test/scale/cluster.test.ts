/**
 * boxoffice beyond one process and one Redis: a real 3-primary Redis Cluster of the test's own,
 * and boxoffice as two separate server processes on it (one of them two workers on one port,
 * WORKERS=2), all ticking every line. Data is made and checked through a third App in this
 * process that serves nothing and runs no loops.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChargeBalanceDocument,
  IssueQueueTokenDocument,
  PayReservationDocument,
  QueuePositionDocument,
  QueueStatusDocument,
  ReserveSeatDocument,
  SeatsChangedDocument,
} from '../generated/graphql.js';
import { createConcert } from '../support/factories.js';
import { errorCode, gql, subscribe, wsClient } from '../support/graphql.js';
import { fillLine } from '../support/queue.js';
import { testEnv } from '../support/server.js';
import { OwnRedisCluster } from './support/redis-cluster.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Topic } from '../../src/events/bus.js';
import { createLogger } from '../../src/logger.js';
import { concertQueueKeys } from '../../src/queue/keys.js';
import { spawnServer, type ServerProcess } from '../../scripts/spawn-server.js';

const CAP = 50;
const cluster = new OwnRedisCluster();
let env: Record<string, string>;
let control: App;
/** Two server processes: `a` is a primary with two workers on one port, `b` a single process. */
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  await cluster.start();
  env = testEnv({ REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_MAX_ACTIVE: String(CAP), QUEUE_ADMIT_INTERVAL_MS: '100', LOG_LEVEL: 'info' });
  control = await createApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), createLogger('silent'));
  // Generous: on a busy machine three server processes booting at once take a while.
  const started = await Promise.allSettled([spawnServer({ ...process.env, ...env, WORKERS: '2', V8_MAX_SEMI_SPACE_MB: '4', V8_HEAP_GROWING_PERCENT: '50' }, { startTimeoutMs: 90_000 }), spawnServer({ ...process.env, ...env }, { startTimeoutMs: 90_000 })]);
  [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined!));
  for (const s of started) if (s.status === 'rejected') throw s.reason;
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await control?.close().catch(() => undefined);
  await cluster.stop();
});

interface Fan {
  userId: string;
  token: string;
  queueToken: string;
}

const fan = async (): Promise<Omit<Fan, 'queueToken'>> => {
  const userId = randomUUID();
  return { userId, token: await control.identity.sign(userId) };
};

async function join(server: ServerProcess, concertId: string, who?: Omit<Fan, 'queueToken'>): Promise<Fan & { seq: number }> {
  const f = who ?? (await fan());
  const r = await gql(server.url, IssueQueueTokenDocument, { concertId }, f);
  if (!r.data) throw new Error(`issueQueueToken failed: ${JSON.stringify(r.errors)}`);
  const queueToken = r.data.issueQueueToken.token;
  const seq = (JSON.parse(Buffer.from(queueToken.split('.')[1], 'base64url').toString()) as { seq: number }).seq;
  return { ...f, queueToken, seq };
}

async function admitted(server: ServerProcess, concertId: string): Promise<Fan> {
  const f = await join(server, concertId);
  for (const deadline = Date.now() + 15_000; ; ) {
    const r = await gql(server.url, QueueStatusDocument, { concertId }, f);
    if (r.data?.queueStatus.status === 'ACTIVE') return f;
    if (Date.now() > deadline) throw new Error(`not admitted: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const lineOf = (concertId: string) => concertQueueKeys(concertId);

describe('boxoffice on a Redis Cluster, as several server processes', () => {
  it('pushes queuePosition on one process for a fan who joined on another', async () => {
    const concert = await createConcert(control);
    await join(a, concert.id);
    await fillLine(control, concert.id, CAP + 20);
    const me = await join(a, concert.id);
    const client = wsClient(b.wsUrl, { authorization: `Bearer ${me.token}`, queueToken: me.queueToken });
    try {
      const sub = subscribe(client, QueuePositionDocument, { concertId: concert.id });
      const first = (await sub.next(10_000)).data!.queuePosition;
      expect(first).toMatchObject({ status: 'WAITING', token: me.queueToken });
      // Let everyone admitted so far go: the next tick (on any process) admits the rest of the line.
      await expect.poll(() => control.redis.zcard(lineOf(concert.id).active), { timeout: 10_000 }).toBe(CAP);
      const active = await control.redis.zrange(lineOf(concert.id).active, '0', '-1');
      for (const tokenId of active) await control.queue.complete(concert.id, tokenId);
      const next = (await sub.next(10_000)).data!.queuePosition;
      expect(next.status === 'ACTIVE' || next.position! < first.position!).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('lets 300 fans who join at once across the processes in by their arrival at Redis, never more than the cap, nobody twice', async () => {
    const concert = await createConcert(control);
    const fans = await Promise.all(Array.from({ length: 300 }, (_, i) => join(i % 2 ? a : b, concert.id)));
    const bySeq = [...fans].sort((x, y) => x.seq - y.seq);
    expect(new Set(fans.map((f) => f.seq)).size).toBe(300);

    let most = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        most = Math.max(most, await control.redis.zcard(lineOf(concert.id).active));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    const admittedIn: number[][] = [];
    let left = bySeq;
    while (left.length) {
      const expected = Math.min(CAP, left.length);
      await expect.poll(() => control.redis.zcard(lineOf(concert.id).active), { timeout: 10_000, interval: 20 }).toBe(expected);
      const states = await Promise.all(left.map((f) => control.queue.status(f.queueToken, f.userId)));
      // The first `expected` by sequence number are in; everyone else waits in that same order.
      expect(states.map((s) => s.status)).toEqual(left.map((_, i) => (i < expected ? 'ACTIVE' : 'WAITING')));
      expect(states.slice(expected).map((s) => s.position)).toEqual(left.slice(expected).map((_, i) => i + 1));
      admittedIn.push(left.slice(0, expected).map((f) => f.seq));
      for (const s of states.slice(0, expected)) await control.queue.complete(concert.id, s.tokenId);
      left = left.slice(expected);
    }
    sampling = false;
    await sampler;
    expect(most).toBeLessThanOrEqual(CAP);
    expect(admittedIn.flat()).toEqual(bySeq.map((f) => f.seq));
    const final = await Promise.all(fans.map((f) => control.queue.status(f.queueToken, f.userId)));
    expect(final.every((s) => s.status === 'COMPLETED')).toBe(true);
  });

  it('of 200 simultaneous holds on one seat sent to both processes, exactly one wins', async () => {
    const concert = await createConcert(control);
    const scheduleId = concert.schedules[0].id;
    const holders = await Promise.all(Array.from({ length: CAP }, (_, i) => admitted(i % 2 ? a : b, concert.id)));
    const attempts = Array.from({ length: 200 }, (_, i) => gql((i % 2 ? a : b).url, ReserveSeatDocument, { scheduleId, seatNumber: 7 }, holders[i % CAP]));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.data?.reserveSeat).length).toBe(1);
    expect(results.filter((r) => !r.data).map(errorCode)).toEqual(Array(199).fill('SEAT_UNAVAILABLE'));
  });

  it('pushes seatsChanged on one process for holds and payments made on another', async () => {
    const concert = await createConcert(control, { price: 10_000 });
    const scheduleId = concert.schedules[0].id;
    const [watcher, buyer] = await Promise.all([admitted(a, concert.id), admitted(b, concert.id)]);
    const client = wsClient(a.wsUrl, { authorization: `Bearer ${watcher.token}`, queueToken: watcher.queueToken });
    try {
      const seats = subscribe(client, SeatsChangedDocument, { scheduleId });
      // Sharded pub/sub: the subscription is on the shard of the channel's slot.
      const channel = control.bus.channel(Topic.SeatChanged, scheduleId);
      const port = await cluster.portOfKey(channel);
      await expect.poll(async () => Number((await cluster.cli(port, 'PUBSUB', 'SHARDNUMSUB', channel)).split('\n')[1]), { timeout: 10_000 }).toBeGreaterThan(0);

      const held = await gql(b.url, ReserveSeatDocument, { scheduleId, seatNumber: 3 }, buyer);
      expect((await seats.next(5_000)).data!.seatsChanged).toMatchObject({ number: 3, status: 'HELD' });
      await gql(b.url, ChargeBalanceDocument, { amount: 10_000 }, buyer);
      const paid = await gql(b.url, PayReservationDocument, { reservationId: held.data!.reserveSeat.id, idempotencyKey: 'k1' }, buyer);
      expect(paid.data?.payReservation.amount).toBe(10_000);
      expect((await seats.next(5_000)).data!.seatsChanged).toMatchObject({ number: 3, status: 'SOLD' });
    } finally {
      await client.dispose();
    }
  });

  it('spreads lines over the shards, and a stopped shard fails only its own concerts (SERVICE_UNAVAILABLE) until it is back', async () => {
    // Lines of several concerts, each checked on the primary that serves its slot.
    const concerts = await Promise.all(Array.from({ length: 9 }, () => createConcert(control)));
    const shardOf = new Map<string, number>();
    for (const c of concerts) {
      await join(a, c.id);
      const key = control.config.REDIS_PREFIX + lineOf(c.id).meta;
      const port = await cluster.portOfKey(key);
      expect(await cluster.cli(port, 'EXISTS', key)).toBe('1');
      shardOf.set(c.id, port);
    }
    expect(new Set(shardOf.values()).size).toBeGreaterThan(1);

    const down = shardOf.get(concerts[0].id)!;
    const onDown = concerts.filter((c) => shardOf.get(c.id) === down);
    const onUp = concerts.filter((c) => shardOf.get(c.id) !== down);
    const fansDown = await Promise.all(onDown.map((c) => join(b, c.id)));
    const fansUp = await Promise.all(onUp.map((c) => join(b, c.id)));

    await cluster.stopNode(down);
    try {
      for (const server of [a, b]) {
        for (const [i, c] of onDown.entries()) {
          expect(errorCode(await gql(server.url, QueueStatusDocument, { concertId: c.id }, fansDown[i]))).toBe('SERVICE_UNAVAILABLE');
          expect(errorCode(await gql(server.url, IssueQueueTokenDocument, { concertId: c.id }, await fan()))).toBe('SERVICE_UNAVAILABLE');
        }
        for (const [i, c] of onUp.entries()) {
          const r = await gql(server.url, QueueStatusDocument, { concertId: c.id }, fansUp[i]);
          expect(r.errors).toBeUndefined();
        }
      }
      // Admission goes on for the lines on the other shards: a newcomer there gets in.
      await admitted(a, onUp[0].id);
    } finally {
      await cluster.startNode(down);
    }
    await cluster.waitHealthy();
    // Back (empty: no persistence): the holders are restored from their signed tokens.
    for (const [i, c] of onDown.entries()) {
      await expect
        .poll(async () => (await gql(a.url, QueueStatusDocument, { concertId: c.id }, fansDown[i])).data?.queueStatus.status, { timeout: 15_000, interval: 200 })
        .toMatch(/WAITING|ACTIVE/);
    }
  });

  it('runs the primary and every worker with the memory settings it was given (the workers inherit them, none starts again)', async () => {
    const startedWith = async (pid: number) => {
      const fields = async (file: string) => (await readFile(`/proc/${pid}/${file}`, 'utf8')).split('\0');
      return { args: await fields('cmdline'), env: await fields('environ') };
    };
    const workers = (await readFile(`/proc/${a.child.pid}/task/${a.child.pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean).map(Number);
    expect(workers).toHaveLength(2);
    for (const pid of [a.child.pid!, ...workers]) {
      const { args, env } = await startedWith(pid);
      expect(args).toContain('--max-semi-space-size=4');
      expect(args).toContain('--heap-growing-percent=50');
      expect(env).toContain('MALLOC_ARENA_MAX=2');
      expect(env).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    }
  });

  it('replaces a worker that dies, and drains every worker on SIGTERM', async () => {
    const workers = async () => (await readFile(`/proc/${a.child.pid}/task/${a.child.pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean).map(Number);
    const before = await workers();
    expect(before).toHaveLength(2);
    process.kill(before[0], 'SIGKILL');
    await expect.poll(async () => (await workers()).filter((pid) => !before.includes(pid)).length, { timeout: 20_000, interval: 100 }).toBe(1);
    const concert = await createConcert(control);
    // Both the old and the new worker serve (connections go to the workers in turn).
    await expect.poll(async () => errorCode(await gql(a.url, IssueQueueTokenDocument, { concertId: concert.id }, await fan())) ?? 'ok', { timeout: 20_000 }).toBe('ok');
    await Promise.all(Array.from({ length: 8 }, async () => expect((await join(a, concert.id)).queueToken).toBeTruthy()));
    const all = await workers();
    expect(await a.stop()).toBe(0);
    for (const pid of all) expect(() => process.kill(pid, 0)).toThrow();
  });
});
