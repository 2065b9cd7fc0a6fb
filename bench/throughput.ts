/**
 * Requests per second over HTTP, each against figures taken in this same run: (1) a bare Node
 * `http` server answering a fixed 30-byte JSON (the ceiling), (2) `{ __typename }` through the
 * whole server (the floor: express, Apollo, the caller's identity and budget), (3) availableSeats
 * with an ACTIVE queue token, (4) issueQueueToken for a new user each call, (5) queueStatus.
 * 50 connections (as `wrk -c50`), autocannon in this process, the server in its own. The loads
 * run in rounds (5 of 2 s each; --quick 2 of 1 s), every workload once per round, and each ratio
 * is the median of its per-round ratios.
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { spawnServer } from '../scripts/spawn-server.js';
import type { BenchEnv, BenchResult, Row } from './env.js';
import { cpuSeconds, fans, newConcert, newIdentities, newPerformance, spawnBareServer } from './fixtures.js';
import { load, type LoadResult } from './load.js';

const CONNECTIONS = 50;

type Workload = 'ceiling' | 'floor' | 'availableSeats' | 'issueQueueToken' | 'queueStatus';
type Measured = LoadResult & { serverCpuUsPerRequest: number };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

export default async function throughputBench(env: BenchEnv): Promise<BenchResult> {
  const FANS = env.quick ? 100 : 500;
  const serverEnv = env.serverEnv('throughput', {
    QUEUE_ADMIT_INTERVAL_MS: '3600000',
    QUEUE_MAX_ACTIVE: String(FANS),
    QUEUE_IDLE_SECONDS: '3600',
  });
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info' });
  const bare = await spawnBareServer();
  const app = await createApp(loadConfig(serverEnv as Record<string, string>), createLogger('warn'));
  const seconds = env.loadSeconds;
  try {
    const t0 = performance.now();
    const concertId = await newConcert(app, 'bench: throughput');
    const scheduleId = await newPerformance(app, concertId);
    const active = await fans(app, concertId, FANS);
    await app.queue.tick(concertId);
    await app.queue.assertActive(active[FANS - 1].queueToken, active[FANS - 1].userId);
    const waitingConcert = await newConcert(app, 'bench: waiting');
    const waiting = await fans(app, waitingConcert, FANS);
    // New users for the joins: more per round than a slice can use at any rate seen here (runs of a
    // fixed number of requests end on autocannon's one-second tick, so joins are timed like the rest).
    const rounds = env.quick ? 2 : 5;
    const slice = env.quick ? 1 : 2;
    const perRound = slice * 8_000;
    const newUsers = await newIdentities(app, rounds * perRound + 500);
    const warmUsers = rounds * perRound;
    const oneUser = { authorization: `Bearer ${active[0].identity}` };
    const fanHeaders = (list: typeof active) => (i: number) => ({ authorization: `Bearer ${list[i % list.length].identity}`, 'queue-token': list[i % list.length].queueToken });

    const seats = body(`query($s: ID!) { availableSeats(scheduleId: $s) { id number price status } }`, { s: scheduleId });
    const join = body(`mutation($c: ID!) { issueQueueToken(concertId: $c) { token position } }`, { c: concertId });
    const status = body(`query($c: ID!) { queueStatus(concertId: $c) { status position } }`, { c: waitingConcert });
    const floorBody = body('{ __typename }');
    const phase = (name: string) => console.error(`bench: throughput: ${name} at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const run = (options: Omit<Parameters<typeof load>[0], 'connections'>) => load({ connections: CONNECTIONS, ...options });
    /**
     * A load and the CPU the serving process spent per request meanwhile: on a machine shared with
     * other work, throughput measures the machine as much as the code, CPU time per request much less.
     */
    const measured = async (pid: number, options: Omit<Parameters<typeof load>[0], 'connections'>) => {
      const cpuBefore = cpuSeconds(pid);
      const result = await run(options);
      return { ...result, serverCpuUsPerRequest: Math.round(((cpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, result.requests)) };
    };

    phase('warm-up');
    // Warm every path once (JIT, pools, caches) before anything is timed.
    const warm = Math.min(2, seconds);
    await run({ url: bare.url, seconds: warm, body: floorBody, ok: () => true });
    await run({ url: server.url, seconds: warm, body: floorBody, headers: oneUser });
    await run({ url: server.url, seconds: warm, body: seats, vary: fanHeaders(active) });
    await run({ url: server.url, seconds: warm, body: status, vary: fanHeaders(waiting) });
    await run({ url: server.url, amount: 500, body: join, vary: (i) => ({ authorization: `Bearer ${newUsers[warmUsers + i]}` }) });

    phase('load');
    // Rounds of short slices, each workload once per round, and every ratio taken within a round:
    // on a shared machine the load from other work drifts over a minute, and one slice per workload
    // in turn made the same code's queueStatus read 0.43 and 0.84 of the floor in two runs.
    const [bareProcess, serverProcess] = [bare.child.pid!, server.child.pid!];
    const workloads: Record<Workload, (round: number) => Promise<Measured>> = {
      ceiling: () => measured(bareProcess, { url: bare.url, seconds: slice, body: floorBody, ok: () => true }),
      floor: () => measured(serverProcess, { url: server.url, seconds: slice, body: floorBody, headers: oneUser }),
      availableSeats: () => measured(serverProcess, { url: server.url, seconds: slice, body: seats, vary: fanHeaders(active) }),
      issueQueueToken: (round) => measured(serverProcess, { url: server.url, seconds: slice, body: join, vary: (i) => ({ authorization: `Bearer ${newUsers[round * perRound + Math.min(i, perRound - 1)]}` }) }),
      queueStatus: () => measured(serverProcess, { url: server.url, seconds: slice, body: status, vary: fanHeaders(waiting) }),
    };
    const byRound: Array<Record<Workload, Measured>> = [];
    for (let round = 0; round < rounds; round++) {
      const results = {} as Record<Workload, Measured>;
      for (const [name, work] of Object.entries(workloads) as Array<[Workload, (round: number) => Promise<Measured>]>) results[name] = await work(round);
      byRound.push(results);
    }
    const combined = (name: Workload): Measured & { rounds: number[] } => {
      const all = byRound.map((r) => r[name]);
      const requests = all.reduce((n, r) => n + r.requests, 0);
      const cpuUs = all.reduce((n, r) => n + r.serverCpuUsPerRequest * r.requests, 0);
      const failures = all.filter((r) => r.failed);
      return {
        requests,
        perSecond: median(all.map((r) => r.perSecond)),
        rounds: all.map((r) => r.perSecond),
        latencyMs: { p50: median(all.map((r) => r.latencyMs.p50)), p99: median(all.map((r) => r.latencyMs.p99)), max: Math.max(...all.map((r) => r.latencyMs.max)) },
        failed: all.reduce((n, r) => n + r.failed, 0),
        ...(failures.length ? { firstFailure: failures[0].firstFailure } : {}),
        serverCpuUsPerRequest: Math.round(cpuUs / Math.max(1, requests)),
      };
    };
    const [ceiling, floor, available, issue, queueStatus] = (['ceiling', 'floor', 'availableSeats', 'issueQueueToken', 'queueStatus'] as const).map(combined);
    /** The median over the rounds of a workload's throughput over another's in the same round. */
    const roundRatio = (name: Workload, of: Workload) => median(byRound.map((r) => r[name].perSecond / r[of].perSecond));

    const row = (id: string, figure: string, r: Measured, of?: [Workload, Workload, string], target?: number): Row => {
      const rr = of ? { of: of[2], value: Number(roundRatio(of[0], of[1]).toFixed(2)) } : undefined;
      return {
        id,
        figure: `${r.failed ? `${figure} (${r.failed} FAILED: ${r.firstFailure})` : figure}; server CPU ${r.serverCpuUsPerRequest} µs/request`,
        value: r.perSecond,
        unit: 'req/s',
        ...(rr ? { ratio: rr } : {}),
        ...(rr && target !== undefined ? { target: { text: `>= ${target} of ${rr.of}`, met: rr.value >= target && r.failed === 0 } } : {}),
      };
    };
    return {
      rows: [
        row('1', 'bare Node http, fixed 30-byte JSON (ceiling)', ceiling),
        row('2', '{ __typename } (floor)', floor, ['floor', 'ceiling', 'ceiling'], 0.2),
        row('3', 'availableSeats, ACTIVE token', available, ['availableSeats', 'floor', 'floor'], 0.6),
        row('4', 'issueQueueToken, new user each call', issue, ['issueQueueToken', 'floor', 'floor'], 0.5),
        row('5', 'queueStatus', queueStatus, ['queueStatus', 'floor', 'floor'], 0.8),
      ],
      detail: { connections: CONNECTIONS, rounds, secondsPerSlice: slice, ceiling, floor, availableSeats: available, issueQueueToken: issue, queueStatus },
    };
  } finally {
    await app.close();
    await server.stop();
    await bare.stop();
  }
}
