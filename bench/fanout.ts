/**
 * (7) queuePosition fan-out: SUBSCRIBERS graphql-ws clients on a server process of their own, the
 * clients split between BENCH_LOAD_PROCESSES load processes (bench/fanout-clients.ts), so neither
 * this process's thread nor the server's bounds them. Measures how fast they connect, then one admission tick with a tenth of them
 * connected and one with all: the Redis commands each tick caused (every command naming this
 * benchmark's key prefix, seen through MONITOR from the tick until the last update, so the
 * server processes' own calls count too) and the time from the tick until every subscriber had
 * its new ticket. (9) The server's resident memory per open subscription, with the default
 * settings and (the same subscribers again, on a second server) with the memory profile.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { countCommands } from './monitor.js';
import { spawnServer, type ServerProcess } from '../scripts/spawn-server.js';
import { MEMORY_PROFILE, MEMORY_PROFILE_TEXT, type BenchEnv, type BenchResult } from './env.js';
import { monotonicMs, type LoadCommand, type LoadReport } from './fanout-clients.js';
import { cpuSeconds, fans, newConcert, residentKb, sleep } from './fixtures.js';
import { percentiles } from './stats.js';

/** Subscriptions being opened at once, over all load processes. */
const CONCURRENCY = 500;
/** Processes the clients run in (bench/fanout-clients.ts), beside the server's and this one. */
const LOAD_PROCESSES = Number(process.env.BENCH_LOAD_PROCESSES ?? 2);

type Reply<Op extends LoadReport['op']> = Extract<LoadReport, { op: Op }>;
interface LoadProcess {
  /** Sends `command` and resolves with the next `reply` (an `error` report rejects). */
  ask<Op extends LoadReport['op']>(command: LoadCommand, reply: Op): Promise<Reply<Op>>;
  next<Op extends LoadReport['op']>(reply: Op): Promise<Reply<Op>>;
  pid: number;
  stop(): Promise<void>;
}

async function startLoad(count: number): Promise<LoadProcess[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child: ChildProcess = fork(new URL('./fanout-clients.js', import.meta.url).pathname, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      await once(child, 'spawn');
      const next = <Op extends LoadReport['op']>(op: Op) =>
        new Promise<Reply<Op>>((resolve, reject) => {
          const onMessage = (report: LoadReport) => {
            if (report.op !== op && report.op !== 'error') return;
            child.off('message', onMessage);
            child.off('exit', onExit);
            if (report.op === 'error') reject(new Error(`load process: ${report.message}`));
            else resolve(report as Reply<Op>);
          };
          const onExit = (code: number | null) => reject(new Error(`load process exited with ${code}`));
          child.on('message', onMessage);
          child.once('exit', onExit);
        });
      return {
        pid: child.pid!,
        next,
        ask: (command, op) => {
          const reply = next(op);
          child.send(command);
          return reply;
        },
        stop: async () => {
          if (child.exitCode !== null) return;
          const exited = once(child, 'exit');
          child.disconnect();
          await exited;
        },
      } satisfies LoadProcess;
    }),
  );
}

export default async function fanoutBench(env: BenchEnv): Promise<BenchResult> {
  const subscribers = env.quick ? 500 : Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
  const serverEnv = env.serverEnv('fanout', {
    QUEUE_ADMIT_INTERVAL_MS: '3600000',
    QUEUE_IDLE_SECONDS: '3600',
    QUEUE_MAX_ACTIVE: '1',
  });
  const prefix = serverEnv.REDIS_PREFIX!;
  // For profiles and heap snapshots of the server alone (e.g. `--cpu-prof --cpu-prof-dir=bench/profiles`);
  // `phases` in the detail are the same clock as a profile's timestamps, to cut it by phase.
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS;
  const server = await spawnServer({ ...serverEnv, LOG_LEVEL: 'info', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) });
  const app = await createApp(loadConfig(serverEnv as Record<string, string>), createLogger('warn'));
  const load = await startLoad(LOAD_PROCESSES);
  try {
    const concertId = await newConcert(app, 'bench: fan-out');
    const holders = await fans(app, concertId, subscribers);
    let connected = 0;
    /** Subscribes holders[from, to), split between the load processes. */
    const connect = async (from: number, to: number, wsUrl = server.wsUrl) => {
      const share = Math.ceil((to - from) / load.length);
      await Promise.all(
        load.map((p, k) => {
          const mine = holders.slice(from + k * share, Math.min(to, from + (k + 1) * share));
          return mine.length ? p.ask({ op: 'connect', wsUrl, concertId, fans: mine, concurrency: Math.ceil(CONCURRENCY / load.length) }, 'connected') : null;
        }),
      );
      connected += to - from;
    };
    const close = async () => {
      await Promise.all(load.map((p) => p.ask({ op: 'close' }, 'closed')));
      connected = 0;
    };

    /** The resident size (KB) of a server whose subscription path was warmed, once it settled. */
    const settledBaseline = async (target: ServerProcess) => {
      await connect(0, Math.min(200, subscribers), target.wsUrl);
      await close();
      await sleep(3000);
      return residentKb(target.child.pid!);
    };
    const rssBefore = await settledBaseline(server);

    // The bench runs on one Redis server (MONITOR is per node).
    const monitor = await countCommands(serverEnv.REDIS_URL!, prefix);
    // Each tick admits 100 more (the first ones admitted stay ACTIVE), so every position moves.
    const tick = async () => {
      app.queue.settings.maxActive += 100;
      // This process's ticks only: one right after another would otherwise be skipped.
      app.queue.settings.admitIntervalMs = 0;
      // Listened for first: a process with nobody to wait for reports at once.
      const updates = load.map((p) => p.next('updated'));
      const armed = await Promise.all(load.map((p) => p.ask({ op: 'arm' }, 'armed')));
      const expected = armed.reduce((n, r) => n + r.expected, 0);
      monitor.count = 0;
      monitor.counting = true;
      const at = monotonicMs();
      await app.queue.tick(concertId);
      const timedOut = sleep(60_000).then(() => Promise.reject(new Error(`not every one of ${expected} subscribers was updated in 60 s`)));
      const latencies = (await Promise.race([Promise.all(updates), timedOut])).flatMap((r) => r.at.map((t) => t - at));
      await sleep(300);
      monitor.counting = false;
      return { subscribers: connected, updated: expected, redisCommands: monitor.count, msFromTickToUpdate: percentiles(latencies) };
    };

    const tenth = Math.floor(subscribers / 10);
    await connect(0, tenth);
    const small = await tick();
    // CPU seconds of the server and of the load processes: on a shared machine the wall clock
    // measures the machine as much as the code.
    const cpu = () => ({ server: cpuSeconds(server.child.pid!), load: load.reduce((t, p) => t + cpuSeconds(p.pid), 0) });
    const connectCpu = cpu();
    const connectStarted = performance.now();
    const phases = { connect: monotonicMs(), connected: 0, tick: 0, end: 0 };
    await connect(tenth, subscribers);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    const connectPerSecond = Math.round((subscribers - tenth) / connectSeconds);
    const connectCpuAfter = cpu();
    phases.connected = monotonicMs();
    const cpuMsPerConnect = { server: Number((((connectCpuAfter.server - connectCpu.server) * 1000) / (subscribers - tenth)).toFixed(3)), load: Number((((connectCpuAfter.load - connectCpu.load) * 1000) / (subscribers - tenth)).toFixed(3)) };
    await sleep(2000);
    const rssAfter = residentKb(server.child.pid!);
    const tickCpu = cpu();
    phases.tick = monotonicMs();
    const full = await tick();
    phases.end = monotonicMs();
    const tickCpuAfter = cpu();
    // Includes the 300 ms after the last update (nothing else runs then).
    const cpuMsOfFullTick = { server: Math.round((tickCpuAfter.server - tickCpu.server) * 1000), load: Math.round((tickCpuAfter.load - tickCpu.load) * 1000) };
    monitor.close();
    const kbPerSubscription = Number(((rssAfter - rssBefore) / subscribers).toFixed(1));

    // The same subscribers on a server with the memory profile (env.ts), for memory only.
    await close();
    const lean = await spawnServer({ ...serverEnv, ...MEMORY_PROFILE, LOG_LEVEL: 'info' });
    let leanKb: { before: number; after: number };
    try {
      const before = await settledBaseline(lean);
      await connect(0, subscribers, lean.wsUrl);
      await sleep(2000);
      leanKb = { before, after: residentKb(lean.child.pid!) };
      await close();
    } finally {
      await lean.stop();
    }
    const leanKbPerSubscription = Number(((leanKb.after - leanKb.before) / subscribers).toFixed(1));
    const secondsFor10k = Number((10_000 / connectPerSecond).toFixed(1));
    return {
      rows: [
        { id: '7', figure: `queuePosition subscribers connected per second (${subscribers - tenth} connecting)`, value: connectPerSecond, unit: 'subs/s', target: { text: `10,000 in < 4 s (${secondsFor10k} s at this rate)`, met: secondsFor10k < 4 } },
        { id: '7', figure: `tick to update, p99 (${subscribers} subscribers)`, value: full.msFromTickToUpdate.p99, unit: 'ms', target: { text: '< 250 ms', met: full.msFromTickToUpdate.p99 < 250 && subscribers >= 10_000 } },
        { id: '7', figure: `Redis commands per tick (${tenth} -> ${subscribers} subscribers)`, value: full.redisCommands, unit: 'cmds', target: { text: `independent of subscribers (${small.redisCommands} at ${tenth}; < 1 more per 100 more)`, met: full.redisCommands - small.redisCommands < (subscribers - tenth) / 100 } },
        { id: '9', figure: 'server memory per open subscription', value: kbPerSubscription, unit: 'KB', target: { text: '<= 20 KB', met: kbPerSubscription <= 20 } },
        { id: '9', figure: `server memory per open subscription (${MEMORY_PROFILE_TEXT})`, value: leanKbPerSubscription, unit: 'KB', target: { text: '<= 20 KB', met: leanKbPerSubscription <= 20 } },
      ],
      detail: { subscribers, connectSeconds: Number(connectSeconds.toFixed(2)), connectPerSecond, cpuMsPerConnect, cpuMsOfFullTick, phases, ticks: [small, full], rssKb: { before: rssBefore, after: rssAfter }, kbPerSubscription, memoryProfile: { rssKb: leanKb, kbPerSubscription: leanKbPerSubscription } },
    };
  } finally {
    await Promise.all(load.map((p) => p.stop()));
    await app.close();
    await server.stop();
  }
}
