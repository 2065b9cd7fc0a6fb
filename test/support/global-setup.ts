/**
 * Once per test run: a fresh database with every migration applied (never `synchronize`), and a
 * fresh Redis key prefix; both are removed at the end so runs never see each other's data.
 * The migrated database is also the template each test file copies for its own database
 * (`file-database.ts`), so one file's hold sweeper never releases another file's holds.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { copyDatabase, createOrm, dropDatabase, ensureDatabase, migrate } from '../../src/db/orm.js';
import { connectRedis } from '../../src/redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    redisPrefix: string;
    /** The migrated template every test file's own database is copied from. */
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/boxoffice_test_${runId}`;
  const databaseUrl = base.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `boxoffice-test:${runId}:`;

  const templateUrl = new URL(base);
  templateUrl.pathname = `${base.pathname}_template`;
  const templateDatabaseUrl = templateUrl.toString();

  await ensureDatabase(templateDatabaseUrl);
  const orm = await createOrm(templateDatabaseUrl);
  await migrate(orm);
  await orm.close(true);
  await copyDatabase(templateDatabaseUrl, databaseUrl);

  project.provide('databaseUrl', databaseUrl);
  project.provide('templateDatabaseUrl', templateDatabaseUrl);
  project.provide('redisUrl', redisUrl);
  project.provide('redisPrefix', redisPrefix);

  return async () => {
    await dropDatabase(databaseUrl);
    await dropDatabase(templateDatabaseUrl);
    const redis = await connectRedis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  };
}
