/**
 * `npm run bench`: runs every benchmark against real PostgreSQL and Redis (found or started like
 * `npm test`) in a scratch database and key prefix, and prints one JSON report.
 * Benchmarks measure; they never fail the build on a number.
 */
import { randomBytes } from 'node:crypto';
import { ensureDevServices } from '../scripts/dev-services.js';
import { createOrm, dropDatabase, ensureDatabase, migrate } from '../src/db/orm.js';

export interface BenchEnv {
  /** The environment of a benchmark's server: this run's services, its own prefix, as deployed. */
  serverEnv(name: string, overrides: Record<string, string>): Record<string, string | undefined>;
}

export type Benchmark = (env: BenchEnv) => Promise<Record<string, unknown>>;

/** Every benchmark, by name; a feature adds its own here. */
const benchmarks: Record<string, () => Promise<Benchmark>> = {
  queue: async () => (await import('./queue.js')).default,
  booking: async () => (await import('./booking.js')).default,
  slot: async () => (await import('./slot.js')).default,
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
    const redisPrefix = (n: string) => `boxoffice-bench:${runId}:${n}:`;
    const serverEnv = (n: string, overrides: Record<string, string>) => ({
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: redisPrefix(n),
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      QUEUE_RESTORE_GRACE_SECONDS: '0',
      // As deployed: graphql-js skips its development-only checks in production.
      NODE_ENV: 'production',
      // One server process (production would start one per CPU): the figures are per process.
      WORKERS: '1',
      AUTH_JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
      // The limit is checked (its Redis call is part of the cost) but set above what one bench user sends.
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_PER_IP_PER_SECOND: '100000',
      RATE_LIMIT_PER_IP_BURST: '100000',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      ...overrides,
    });
    report[name] = await bench({ serverEnv });
  }
} finally {
  await dropDatabase(databaseUrl);
  await services.stop();
}
console.log(JSON.stringify(report, null, 2));
process.exit(0);
