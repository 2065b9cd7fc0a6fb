/**
 * A benchmark run's own services: PostgreSQL and Redis found or started like `npm test`, a
 * scratch database (migrated) and a Redis key prefix, removed again by `close()`; and the
 * environment of a server process on them, as deployed.
 */
import { randomBytes } from 'node:crypto';
import { ensureDevServices } from '../scripts/dev-services.js';
import { createOrm, dropDatabase, ensureDatabase, migrate } from '../src/db/orm.js';
import { connectRedis } from '../src/redis.js';

export interface Scratch {
  /** The environment of a server process named `name` (its own key prefix), with `overrides`. */
  serverEnv(name: string, overrides?: Record<string, string>): Record<string, string | undefined>;
  close(): Promise<void>;
}

export async function openScratch(): Promise<Scratch> {
  const services = await ensureDevServices(process.env);
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(services.databaseUrl);
  url.pathname = `/boxoffice_bench_${runId}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const orm = await createOrm(databaseUrl);
  await migrate(orm);
  await orm.close(true);
  const runPrefix = `boxoffice-bench:${runId}:`;
  return {
    serverEnv: (name, overrides = {}) => ({
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: `${runPrefix}${name}:`,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      QUEUE_RESTORE_GRACE_SECONDS: '0',
      // As deployed: graphql-js skips its development-only checks in production.
      NODE_ENV: 'production',
      // One server process per benchmark (production would start one per CPU): figures are per process.
      WORKERS: '1',
      AUTH_JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
      // The limit is checked (its Redis call is part of the cost) but set above what one bench user sends.
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
      RATE_LIMIT_PER_IP_PER_SECOND: '100000',
      RATE_LIMIT_PER_IP_BURST: '100000',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      ...overrides,
    }),
    async close() {
      await dropDatabase(databaseUrl);
      // The long line's keys (a million tickets) go with the run.
      const redis = await connectRedis(services.redisUrl);
      for await (const keys of redis.scanStream({ match: `${runPrefix}*`, count: 1000 })) if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
      redis.disconnect();
      await services.stop();
    },
  };
}
