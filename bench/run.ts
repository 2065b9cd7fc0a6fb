/**
 * `npm run bench`: runs every benchmark against real PostgreSQL and Redis (found or started like
 * `npm test`) in a scratch database and key prefix, and prints one JSON report.
 * Benchmarks measure; they never fail the build on a number.
 */
import { randomBytes } from 'node:crypto';
import { ensureDevServices } from '../scripts/dev-services.js';
import { createOrm, dropDatabase, ensureDatabase, migrate } from '../src/db/orm.js';

export interface BenchEnv {
  databaseUrl: string;
  redisUrl: string;
  /** A fresh Redis key prefix per benchmark. */
  redisPrefix(name: string): string;
}

export type Benchmark = (env: BenchEnv) => Promise<Record<string, unknown>>;

/** Every benchmark, by name; a feature adds its own here. */
const benchmarks: Record<string, () => Promise<Benchmark>> = {
  queue: async () => (await import('./queue.js')).default,
  booking: async () => (await import('./booking.js')).default,
};

const only = process.argv.slice(2);
const services = await ensureDevServices(process.env);
const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const url = new URL(services.databaseUrl);
url.pathname = `/boxoffice_bench_${runId}`;
const databaseUrl = url.toString();
await ensureDatabase(databaseUrl);
const orm = await createOrm(databaseUrl);
await migrate(orm);
await orm.close(true);

const report: Record<string, unknown> = { node: process.version, cpus: (await import('node:os')).cpus().length };
try {
  for (const [name, load] of Object.entries(benchmarks)) {
    if (only.length && !only.includes(name)) continue;
    console.error(`bench: ${name}...`);
    const bench = await load();
    report[name] = await bench({ databaseUrl, redisUrl: services.redisUrl, redisPrefix: (n) => `boxoffice-bench:${runId}:${n}:` });
  }
} finally {
  await dropDatabase(databaseUrl);
  await services.stop();
}
console.log(JSON.stringify(report, null, 2));
process.exit(0);
