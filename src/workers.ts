import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/** A worker that dies sooner than this after its start counts as a crash at boot: back off. */
const STEADY_MS = 10_000;
const MAX_RESPAWN_DELAY_MS = 30_000;

/**
 * The primary of `WORKERS` server processes on one port (node:cluster: the primary accepts
 * connections and hands them to the workers in turn). Each worker is a whole server
 * (`main` in index.ts): nothing is shared between them but PostgreSQL and Redis, exactly as
 * between servers on different machines. A worker that dies is replaced (after a growing pause
 * if it keeps dying at boot, e.g. while PostgreSQL is down). SIGTERM or SIGINT stops replacing
 * them, passes SIGTERM to each (each drains its requests and closes its WebSockets), and exits
 * once all are gone: 0 if each shut down cleanly, else 1.
 */
export function runPrimary(config: Config, log: Logger): void {
  let stopping = false;
  let failedBoots = 0;
  let listening = 0;
  const startedAt = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.once('listening', (address) => {
      if (++listening === config.WORKERS) log.info({ workers: config.WORKERS, port: address.port, pid: process.pid }, 'boxoffice workers listening');
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      // A worker still booting has no handler yet: SIGTERM ends it at once, which is fine too.
      if (code !== 0 && signal !== 'SIGTERM') failed = true;
      if (!startedAt.size) process.exit(failed ? 1 : 0);
      return;
    }
    failedBoots = lived < STEADY_MS ? failedBoots + 1 : 0;
    const delay = failedBoots ? Math.min(250 * 2 ** failedBoots, MAX_RESPAWN_DELAY_MS) : 0;
    log.error({ pid: worker.process.pid, code, signal, respawnInMs: delay }, 'worker died; replacing it');
    setTimeout(() => !stopping && fork(), delay);
  });

  let failed = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: startedAt.size }, 'stopping workers');
    if (!startedAt.size) process.exit(0);
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
    // Each worker gives up after SHUTDOWN_TIMEOUT_MS itself; this is for one that hangs anyway.
    setTimeout(() => {
      log.error('workers did not stop in time; killing them');
      for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  log.info({ workers: config.WORKERS, pid: process.pid }, 'starting workers');
  for (let i = 0; i < config.WORKERS; i++) fork();
}
